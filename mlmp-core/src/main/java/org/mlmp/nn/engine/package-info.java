/**
 * Internal, not API: mlmp's execution engine for {@link org.mlmp.nn.Network}s. A
 * {@link org.mlmp.nn.engine.Program} holds all parameters and gradients in two flat vectors; a
 * {@link org.mlmp.nn.engine.Plan} per batch size allocates every activation, gradient and scratch buffer
 * once and builds each op object once (libnd4j {@code conv2d}/{@code conv2d_bp},
 * {@code maxpool2d}/{@code avgpool2d} and their {@code _bp}, activation ops and their {@code _bp},
 * convolution backward passes as oneDNN convolutions ({@code deconv2d} for the input gradient, a forward
 * {@code conv2d} of transposed tensors for the weight gradient) or im2col + GEMM for strided layers
 * (see {@link org.mlmp.nn.engine.Program.ConvBackward}),
 * {@code Nd4j.gemm} for dense layers, bias included as a rank-1 GEMM); an
 * {@link org.mlmp.nn.engine.Updater} applies one optimiser step to the whole flat vector (Adam fused into
 * one tiled pass on the CPU). Float is the fast path (oneDNN); double is the reference path used by
 * the gradient checks. The classes are public only so that mlmp's benchmarks can drive training steps.
 *
 * <p>The fused Adam pass is a Java loop over the flat vectors' host memory, which it gets as NIO buffers
 * from {@link org.mlmp.backend.HostFloats#buffer} / {@link org.mlmp.backend.HostDoubles#buffer} when
 * {@link org.mlmp.backend.HostBlas#hostMemory()} says the buffers are host memory; the loop stays here
 * because it is the optimiser's arithmetic, not a BLAS call. The engine touches no JavaCPP pointer itself.
 */
package org.mlmp.nn.engine;
