package org.mlmp.nn;

import org.mlmp.nn.engine.Plan;
import org.mlmp.nn.engine.Program;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one chunked forward pass in prediction mode (no dropout, BatchNorm's running statistics) that both
 * validation during training ({@link #evaluate}) and {@link NeuralNetModel}'s outputs use: rows go through
 * the engine in chunks of at most {@value #CHUNK}, each chunk copied into a plan's input buffer.
 */
final class ChunkedForward {
  static final int CHUNK = 256;

  private ChunkedForward() {}

  /** Receives each chunk: the plan's first {@code end − start} rows hold the results for rows [start, end). */
  @FunctionalInterface
  interface Chunk {
    void accept(Plan plan, int start, int end);
  }

  /**
   * Runs the rows of {@code x} through {@code program}.
   *
   * @param t targets copied alongside each chunk (for its cost), or null
   * @param exact a plan of exactly each chunk's size (needed when the chunk's cost is read), or one plan of
   *     the smallest power of two ≥ min(n, {@value #CHUNK}) for all chunks (at most 9 plans per program
   *     whatever the row counts; rows beyond a short chunk hold stale data and are not read)
   */
  static void run(Program program, INDArray x, INDArray t, boolean exact, Chunk body) {
    int n = (int) x.rows();
    int shared = Integer.highestOneBit(Math.min(n, CHUNK));
    if (shared < Math.min(n, CHUNK)) shared *= 2;
    for (int start = 0; start < n; start += CHUNK) {
      int end = Math.min(n, start + CHUNK), m = end - start;
      Plan plan = program.plan(exact ? m : shared);
      INDArray in = m == plan.batchSize() ? plan.input() : plan.input().get(NDArrayIndex.interval(0, m), NDArrayIndex.all());
      in.assign(x.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()));
      if (t != null) plan.target().assign(t.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()));
      plan.forward(false, 0);
      body.accept(plan, start, end);
    }
  }

  /** Mean cost and accuracy (NaN for regression) over x with targets t {@code [n, K]}, without dropout. */
  static double[] evaluate(Program program, INDArray x, INDArray t, boolean classification) {
    double[] loss = {0};
    long[] correct = {0};
    run(program, x, t, true, (plan, s, e) -> {
      loss[0] += plan.loss() * (e - s);
      if (classification) {
        INDArray out = plan.output(), tgt = plan.target();
        if (out.size(1) == 1) {
          float[] p = out.data().asFloat(), y = tgt.data().asFloat();
          for (int i = 0; i < p.length; i++) if ((p[i] > 0.5f ? 1f : 0f) == y[i]) correct[0]++;
        } else {
          long[] a = out.argMax(1).data().asLong(), b = tgt.argMax(1).data().asLong();
          for (int i = 0; i < a.length; i++) if (a[i] == b[i]) correct[0]++;
        }
      }
    });
    int n = (int) x.rows();
    return new double[] {loss[0] / n, classification ? (double) correct[0] / n : Double.NaN};
  }
}
