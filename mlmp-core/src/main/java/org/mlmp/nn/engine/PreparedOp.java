package org.mlmp.nn.engine;

import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostGemm;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A libnd4j op bound once to the plan's arrays and its arguments, run every step. {@code Nd4j.exec(op)} builds a
 * native op context per call (inputs, outputs and arguments handed over one JNI call each, the context freed after);
 * {@code Nd4j.gemm} also builds its {@code Mmul} op per call. On host memory a prepared op keeps one context with all
 * of that set and only executes it: per call ≈ 7–8 µs less for a custom op such as {@code relu_bp} and 15–25 µs less
 * for a GEMM (docs/nn-measurements.md, "Channels-last bias gradient as a GEMV; op contexts built once"), with about twenty such ops in a LeNet step.
 * Elsewhere (the CUDA backend, a {@link HostBlas#forceGeneric()} thread) it runs {@code Nd4j.exec(op)} as before. ND4J's
 * deallocator frees the native context once the prepared op is unreachable (the CPU context registers itself there).
 * Not thread-safe, like the plan that owns it.
 */
final class PreparedOp {
  private final CustomOp op;
  /** The context built once, or null: {@code Nd4j.exec(op)} per call. */
  private final OpContext context;
  /** A float GEMM through oneDNN's {@code dnnl_sgemm} ({@link HostGemm}), or null: the op runs. */
  private final HostGemm sgemm;

  private PreparedOp(HostGemm sgemm) {
    op = null;
    context = null;
    this.sgemm = sgemm;
  }

  private PreparedOp(CustomOp op, boolean reuse) {
    this.op = op;
    sgemm = null;
    if (!reuse) {
      context = null;
      return;
    }
    // As NativeOpExecutioner.exec(CustomOp) fills its per-call context, once (the outputs are given, so no shape
    // function runs; these ops draw no random numbers).
    OpContext c = Nd4j.getExecutioner().buildContext();
    c.markInplace(op.isInplaceCall());
    c.setInputArrays(op.inputArguments());
    c.setOutputArrays(op.outputArguments());
    c.setBArguments(op.bArgs());
    c.setIArguments(op.iArgs());
    c.setTArguments(op.tArgs());
    c.setDArguments(op.dArgs());
    context = c;
  }

  /**
   * The op, its context built once on host memory.
   *
   * @param op a custom op with its inputs, outputs and arguments set
   * @return the prepared op
   * @throws IllegalArgumentException when the op has no outputs (a prepared op never allocates them)
   */
  static PreparedOp of(CustomOp op) {
    if (op.numOutputArguments() == 0) {
      throw new IllegalArgumentException("A prepared op needs its outputs; " + op.opName() + " has none.");
    }
    return new PreparedOp(op, HostBlas.hostMemory());
  }

  /**
   * c = α·op(a)·op(b) + β·c, as {@code Nd4j.gemm(a, b, c, transA, transB, alpha, beta)} computes it: on FLOAT host
   * arrays in row order through {@link HostGemm} (libnd4j's kernel by a shorter path: less time per call), else
   * libnd4j's {@code Mmul}.
   *
   * @throws IllegalArgumentException when {@code c} is not one run of its buffer ({@code Nd4j.gemm}'s own condition)
   */
  static PreparedOp gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha,
      double beta) {
    if (c.elementWiseStride() != 1) {
      throw new IllegalArgumentException("The GEMM output must be one run of its buffer; got shape "
          + java.util.Arrays.toString(c.shape()) + " with strides " + java.util.Arrays.toString(c.stride()) + ".");
    }
    HostGemm direct = HostGemm.of(a, b, c, transA, transB, (float) alpha, (float) beta);
    if (direct != null) return new PreparedOp(direct);
    return of(new Mmul(a, b, c, alpha, beta,
        MMulTranspose.builder().transposeA(transA).transposeB(transB).build()));
  }

  /** Whether the op runs on a context built once, or as {@link HostGemm} (host memory). */
  boolean reusesContext() {
    return context != null || sgemm != null;
  }

  /** Whether the op runs as {@link HostGemm}. */
  boolean direct() {
    return sgemm != null;
  }

  /** Runs the op on its arrays. */
  void run() {
    if (sgemm != null) sgemm.run();
    else if (context == null) Nd4j.exec(op);
    else Nd4j.getExecutioner().exec(op, context);
  }
}
