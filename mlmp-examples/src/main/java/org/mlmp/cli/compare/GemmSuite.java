package org.mlmp.cli.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The machine limit: single-precision GEMM (n × n) through {@code Nd4j.gemm} into a preallocated output,
 * against PyTorch's {@code torch.mm(out=)} with the same thread count. Uniform random matrices in ND4J's default
 * row-major ('c') order, the layout of every array mlmp's engine multiplies: libnd4j then runs the product on oneDNN's
 * matmul (AVX-512 here, ≈ 375 GFLOP/s at n = 2048), whereas column-major ('f') operands, which this row used until
 * series 18, fall back to ND4J's OpenBLAS on the Haswell kernel {@code ./mlmp} sets (≈ 200 GFLOP/s; BENCHMARKS.md).
 */
public final class GemmSuite implements CompareSuite {
  @Override
  public String name() {
    return "gemm";
  }

  @Override
  public String description() {
    return "SGEMM n=2048 and 4096 (quick: 1024), GFLOP/s, mlmp (Nd4j.gemm) vs PyTorch torch.mm";
  }

  @Override
  public List<Row> run(CompareContext ctx) throws Exception {
    String torch = ctx.python("torch");
    List<Row> rows = new ArrayList<>();
    int calls = calls(ctx);
    for (int n : sizes(ctx)) {
      Interleaving.Side mlmp = mlmp(n, calls);
      Map<String, Interleaving.Side> peers = new LinkedHashMap<>();
      peers.put("pytorch", NetworkSuite.pythonPeer(ctx, torch, "torch_bench.py", new String[] {"gemm", "--n",
          Integer.toString(n)}, "gflops"));
      rows.add(Interleaving.measure(ctx, "sgemm n=" + n, "GFLOP/s", true, mlmp, peers, "median of " + calls + " calls"));
    }
    return rows;
  }

  /** The matrix sizes of the rows: n = 2048 and 4096 (quick: 1024). */
  static int[] sizes(CompareContext ctx) {
    return ctx.quick() ? new int[] {1024} : new int[] {2048, 4096};
  }

  /** The timed calls per measurement (the median of them counts). */
  static int calls(CompareContext ctx) {
    return ctx.quick() ? 3 : 7;
  }

  /**
   * mlmp's side of the n × n row: {@code Nd4j.gemm} on uniform random 'c'-order matrices into a preallocated output,
   * one untimed call now, then per round the median of {@code calls} calls, in GFLOP/s (2n³ FLOPs a call).
   */
  static Interleaving.Side mlmp(int n, int calls) {
    INDArray a = Nd4j.rand(DataType.FLOAT, 'c', n, n), b = Nd4j.rand(DataType.FLOAT, 'c', n, n);
    INDArray c = Nd4j.create(DataType.FLOAT, new long[] {n, n}, 'c');
    Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    return r -> new Interleaving.SideRun(2.0 * n * n * n
        / CompareCommand.medianSeconds(calls, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0)) / 1e9, null);
  }
}
