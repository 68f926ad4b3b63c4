/**
 * Internal, not API: mlmp's execution engine for the networks of {@code org.mlmp.nn}. Only
 * {@code org.mlmp.nn} uses it (other packages and modules train through
 * {@code org.mlmp.nn.TrainingSession}), and it depends on nothing of {@code org.mlmp.nn}: a network
 * reaches it as a {@link org.mlmp.nn.engine.Blueprint} of engine-owned {@link org.mlmp.nn.engine.Op}s,
 * an optimiser as an {@link org.mlmp.nn.engine.UpdateRule}.
 *
 * <p>A {@link org.mlmp.nn.engine.Program} holds all parameters and gradients in two flat vectors; a
 * {@link org.mlmp.nn.engine.Plan} per batch size allocates every activation, gradient and scratch buffer
 * once and builds each op object once (libnd4j {@code conv2d}/{@code conv2d_bp},
 * {@code maxpool2d}/{@code avgpool2d} and their {@code _bp}, activation ops and their {@code _bp},
 * convolution backward passes as oneDNN convolutions ({@code deconv2d} for the input gradient — on the float host
 * path a forward {@code conv2d} with the flipped kernel — a forward {@code conv2d} of transposed tensors for the
 * weight gradient; strided layers on space-to-depth blocks)
 * (see {@link org.mlmp.nn.engine.Program.ConvBackward}),
 * {@code Nd4j.gemm} for dense layers, bias included as a rank-1 GEMM — on the float host path the bias, the
 * activation and the cross-entropy output gradient of a dense layer are one Java pass instead,
 * {@link org.mlmp.nn.engine.HostDense}). On host memory each of these ops also keeps one native op context built
 * once with its arrays and arguments ({@link org.mlmp.nn.engine.PreparedOp}; {@code Nd4j.exec} and {@code Nd4j.gemm}
 * build one per call); a float GEMM on host arrays in row order calls oneDNN's {@code dnnl_sgemm} directly
 * ({@link org.mlmp.backend.HostGemm}). An
 * {@link org.mlmp.nn.engine.Updater} applies one optimiser step, at a learning rate given per step, to the
 * whole flat vector (Adam fused into one tiled pass on the CPU). Float is the fast path (oneDNN); double
 * is the reference path used by the gradient checks.
 *
 * <p>Its own native loops (the fused Adam pass, BatchNorm's per-channel loops, {@code HostDense}, the CONV path's
 * transposing copies and flipped kernels) are Java loops over the flat
 * vectors' host memory: they are the hot path of every step and depend on the engine's buffer layout (one
 * contiguous vector, views per layer) and on nothing else, so they live here beside that layout; they are
 * the optimiser's and the layer's arithmetic, not BLAS calls. The fused Adam pass gets its NIO buffers from
 * {@link org.mlmp.backend.HostFloats#buffer} / {@link org.mlmp.backend.HostDoubles#buffer} (a dense layer's
 * arrays from {@link org.mlmp.backend.HostFloats#elements}) when
 * {@link org.mlmp.backend.HostBlas#hostMemory()} says the buffers are host memory; the engine touches no
 * JavaCPP pointer itself.
 */
package org.mlmp.nn.engine;
