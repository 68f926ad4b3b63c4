package org.mlmp.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.Map;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.onnx.OnnxExport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs an exported ONNX file with ONNX Runtime (Java API) and compares it with the mlmp model it came from:
 * every output value within |Δ| ≤ 1e-5 · max|y| + 1e-6 of {@link NeuralNetModel#output}, and, for
 * classifiers, the same predicted class as {@link NeuralNetModel#predict} on every row. Shipped in the
 * test-jar for the command-line tests.
 */
public final class OnnxRuntimeCheck {
  private OnnxRuntimeCheck() {}

  /** Asserts the file matches {@code model} on {@code x: [n, features]}; returns ONNX Runtime's output. */
  public static float[][] assertMatches(NeuralNetModel model, Path onnx, INDArray x) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(onnx.toString(), options)) {
        assertSignature(session, model);
        float[][] got;
        try (OnnxTensor in = OnnxTensor.createTensor(env, x.castTo(DataType.FLOAT).toFloatMatrix());
            OrtSession.Result r = session.run(Map.of(OnnxExport.INPUT, in))) {
          got = (float[][]) r.get(OnnxExport.OUTPUT).orElseThrow().getValue();
        }
        assertClose(model.output(x).toFloatMatrix(), got);
        if (model.network().classifies()) assertSameClasses(model, x, got);
        return got;
      }
    }
  }

  /** One float input [N, features] and one float output [N, K] with a symbolic batch dimension (−1). */
  private static void assertSignature(OrtSession session, NeuralNetModel model) throws OrtException {
    Map<String, NodeInfo> in = session.getInputInfo(), out = session.getOutputInfo();
    assertEquals(java.util.Set.of(OnnxExport.INPUT), in.keySet());
    assertEquals(java.util.Set.of(OnnxExport.OUTPUT), out.keySet());
    TensorInfo ti = (TensorInfo) in.get(OnnxExport.INPUT).getInfo(), to = (TensorInfo) out.get(OnnxExport.OUTPUT).getInfo();
    assertArrayEquals(new long[] {-1, model.nFeatures()}, ti.getShape());
    assertArrayEquals(new long[] {-1, model.network().outputShape().size()}, to.getShape());
    assertEquals(ai.onnxruntime.OnnxJavaType.FLOAT, ti.type);
  }

  private static void assertClose(float[][] want, float[][] got) {
    assertEquals(want.length, got.length, "rows");
    double max = 0;
    for (float[] row : want) for (float v : row) max = Math.max(max, Math.abs(v));
    double tol = 1e-5 * max + 1e-6;
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i].length, got[i].length, "columns");
      for (int j = 0; j < want[i].length; j++) {
        double d = Math.abs(want[i][j] - got[i][j]);
        int row = i, col = j;
        assertTrue(d <= tol, () -> "output[" + row + "][" + col + "]: mlmp " + want[row][col] + ", ONNX Runtime "
            + got[row][col] + ", |Δ| = " + d + " > " + tol + " (1e-5 · max|y| + 1e-6, max|y| = " + (tol - 1e-6) / 1e-5 + ")");
      }
    }
  }

  private static void assertSameClasses(NeuralNetModel model, INDArray x, float[][] got) {
    double[] classes = model.classes(), want = model.predict(x).toDoubleVector();
    for (int i = 0; i < got.length; i++) {
      int k = 0;
      if (got[i].length == 1) {
        k = got[i][0] > 0.5f ? 1 : 0;
      } else {
        for (int j = 1; j < got[i].length; j++) if (got[i][j] > got[i][k]) k = j;
      }
      assertEquals(want[i], classes[k], "class of row " + i + " (ONNX Runtime probabilities "
          + java.util.Arrays.toString(got[i]) + ")");
    }
  }
}
