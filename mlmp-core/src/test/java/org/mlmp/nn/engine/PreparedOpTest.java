package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlmp.backend.HostBlas;
import org.mlmp.backend.HostConvolution;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A prepared op (context built once) computes what {@code Nd4j.exec} / {@code Nd4j.gemm} compute on the same arrays,
 * reads the arrays' current values on every run, writes into views, and names what it refuses.
 */
class PreparedOpTest {
  @Test
  void gemmOnViewsMatchesNd4jGemmAndFollowsItsInputs() {
    Nd4j.getRandom().setSeed(7);
    // Views of one flat vector, as a plan's weights and gradients are.
    INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 3 * 5 + 4 * 5);
    INDArray w = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 15)).reshape('c', 3, 5);
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3), dz = Nd4j.rand(DataType.FLOAT, 4, 5);
    INDArray gradsFlat = Nd4j.zeros(DataType.FLOAT, 1, 20);
    INDArray gw = gradsFlat.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 20)).reshape('c', 3, 5);
    INDArray dx = Nd4j.create(DataType.FLOAT, 4, 3), dxRef = Nd4j.create(DataType.FLOAT, 4, 3);
    PreparedOp gradW = PreparedOp.gemm(x, dz, gw, true, false, 1.0, 0.0);
    PreparedOp gradX = PreparedOp.gemm(dz, w, dx, false, true, 1.0, 0.0);
    assertEquals(HostBlas.hostMemory(), gradW.reusesContext());
    assertEquals(HostBlas.hostMemory() && HostConvolution.available(), gradW.direct() && gradX.direct(),
        "float host arrays in row order take oneDNN's sgemm");
    for (int step = 0; step < 3; step++) {
      x.assign(Nd4j.rand(DataType.FLOAT, 4, 3));
      dz.assign(Nd4j.rand(DataType.FLOAT, 4, 5).subi(0.5));
      gradW.run();
      gradX.run();
      INDArray gwRef = Nd4j.create(DataType.FLOAT, 3, 5);
      Nd4j.gemm(x, dz, gwRef, true, false, 1.0, 0.0);
      Nd4j.gemm(dz, w, dxRef, false, true, 1.0, 0.0);
      assertEquals(gwRef, gw, "step " + step + ": xᵀ·dz into a view");
      assertEquals(dxRef, dx, "step " + step + ": dz·Wᵀ from a view");
      // (xᵀ·dz)[2, 1] summed by hand: the values are this run's, not those the context was built with.
      double e = 0;
      for (int k = 0; k < 4; k++) e += x.getDouble(k, 2) * dz.getDouble(k, 1);
      assertEquals(e, gw.getDouble(2, 1), 1e-5, "step " + step + ": ∂C/∂W[2, 1]");
    }
    assertEquals(0.0, gradsFlat.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, 5)).sumNumber().doubleValue(),
        "the GEMM wrote outside its view");
  }

  @Test
  void customOpMatchesNd4jExec() {
    INDArray z = Nd4j.create(new float[] {-3, -2, -1, 0.5f, 1, 2, -4, 3, -0.5f, 5, 6, 7}, 3, 4), da = Nd4j.rand(DataType.FLOAT, 3, 4);
    INDArray dz = Nd4j.create(DataType.FLOAT, 3, 4), ref = Nd4j.create(DataType.FLOAT, 3, 4);
    PreparedOp relu = PreparedOp.of(DynamicCustomOp.builder("relu_bp").addInputs(z, da).addOutputs(dz)
        .addFloatingPointArguments(0.0).build());
    for (int step = 0; step < 2; step++) {
      da.assign(Nd4j.rand(DataType.FLOAT, 3, 4));
      relu.run();
      Nd4j.exec(DynamicCustomOp.builder("relu_bp").addInputs(z, da).addOutputs(ref).addFloatingPointArguments(0.0)
          .build());
      assertEquals(ref, dz, "step " + step);
      // relu′(z) ⊙ da by hand: z < 0 gives 0, z > 0 passes da through.
      assertEquals(0.0, dz.getDouble(0, 0));
      assertEquals(da.getDouble(2, 3), dz.getDouble(2, 3));
    }
  }

  @Test
  void theGenericPathRunsNd4jExec() {
    try (var scope = HostBlas.forceGeneric()) {
      INDArray a = Nd4j.rand(DataType.FLOAT, 2, 3), b = Nd4j.rand(DataType.FLOAT, 3, 2);
      INDArray c = Nd4j.create(DataType.FLOAT, 2, 2);
      PreparedOp g = PreparedOp.gemm(a, b, c, false, false, 1.0, 0.0);
      assertFalse(g.reusesContext());
      assertFalse(g.direct());
      g.run();
      assertEquals(a.mmul(b), c);
    }
  }

  @Test
  void refusesWhatItCannotRun() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> PreparedOp.of(DynamicCustomOp.builder("relu_bp").addInputs(Nd4j.ones(DataType.FLOAT, 2),
            Nd4j.ones(DataType.FLOAT, 2)).addFloatingPointArguments(0.0).build()));
    assertEquals("A prepared op needs its outputs; relu_bp has none.", e.getMessage());
    INDArray out = Nd4j.create(DataType.FLOAT, 4, 4).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2));
    e = assertThrows(IllegalArgumentException.class, () -> PreparedOp.gemm(Nd4j.ones(DataType.FLOAT, 4, 3),
        Nd4j.ones(DataType.FLOAT, 3, 2), out, false, false, 1.0, 0.0));
    assertEquals("The GEMM output must be one run of its buffer; got shape [4, 2] with strides [4, 1].", e.getMessage());
    assertTrue(out.isView());
  }
}
