package org.mlmp.nn.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.mlmp.nn.Activation;
import org.mlmp.nn.AvgPool;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Layer;
import org.mlmp.nn.Loss;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hand-computable answers of the convolution and pooling layers, and shift equivariance. */
class OpAnswersTest {
  /** The course's worked example: 5×5 input. */
  static final double[] INPUT = {3, 3, 2, 1, 0, 0, 0, 1, 3, 1, 3, 1, 2, 2, 3, 2, 0, 0, 2, 2, 2, 0, 0, 0, 1};
  /** The course's 3×3 filter. */
  static final double[] FILTER = {0, 1, 2, 2, 2, 0, 0, 1, 2};

  /** Runs the first layer of a network on one 1×h×w image with the given leading parameters. */
  static double[] firstLayer(Layer layer, int h, int w, double[] image, double[] params, DataType t) {
    Network net = Network.of(Shape.image(1, h, w), Loss.SQUARED_ERROR, layer, Flatten.of(), Dense.of(1, Activation.IDENTITY));
    Program p = new Program(org.mlmp.nn.EngineAccess.blueprint(net), t);
    double[] all = new double[p.size()];
    System.arraycopy(params, 0, all, 0, params.length);
    p.setParameters(all);
    Plan plan = p.plan(1);
    plan.input().assign(Nd4j.createFromArray(image).castTo(t).reshape(1, image.length));
    plan.forward(false, 0);
    return plan.activation(0).castTo(DataType.DOUBLE).data().asDouble();
  }

  @ParameterizedTest
  @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
  void courseConvolutionExample(DataType t) {
    // Cross-correlation, stride 1, no padding; worked by hand in the course:
    // 3·0+3·1+2·2 + 0·2+0·2+1·0 + 3·0+1·1+2·2 = 12, ...
    double[] params = new double[10];
    System.arraycopy(FILTER, 0, params, 0, 9); // bias 0
    double[] out = firstLayer(Conv2d.of(1, 3, Activation.IDENTITY), 5, 5, INPUT, params, t);
    assertArrayEquals(new double[] {12, 12, 17, 10, 17, 19, 9, 6, 14}, out, 1e-6);
  }

  @Test
  void strideTwoPaddingOneAndBias() {
    // Stride 2, padding 1 on the course's input: windows centred on (0,0), (0,2), (0,4), (2,0), ...;
    // by hand, e.g. centre (0,0): 2·3 + 0·3 + 1·0 + 2·0 (filter rows 1-2, cols 1-2) = 6 → + bias 1 = 7.
    double[] params = new double[10];
    System.arraycopy(FILTER, 0, params, 0, 9);
    params[9] = 1;
    double[] out = firstLayer(Conv2d.of(1, 3, Activation.IDENTITY).withStride(2)
        .withPadding(1), 5, 5, INPUT, params, DataType.DOUBLE);
    assertArrayEquals(reference(INPUT, 5, FILTER, 3, 2, 1, 1), out, 1e-12);
    assertEquals(7, out[0], 1e-12);
  }

  /** Direct cross-correlation with zero padding, a loop written from the definition. */
  static double[] reference(double[] x, int n, double[] k, int ks, int s, int p, double bias) {
    int m = (n + 2 * p - ks) / s + 1;
    double[] out = new double[m * m];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double z = bias;
        for (int u = 0; u < ks; u++) {
          for (int v = 0; v < ks; v++) {
            int r = s * i + u - p, c = s * j + v - p;
            if (r >= 0 && r < n && c >= 0 && c < n) z += k[u * ks + v] * x[r * n + c];
          }
        }
        out[i * m + j] = z;
      }
    }
    return out;
  }

  @Test
  void maxAndAveragePoolingOfTheCourseInput() {
    // 2×2 windows, stride 2, on the top-left 4×4 block: rows 3 3 2 1 / 0 0 1 3 / 3 1 2 2 / 2 0 0 2.
    double[] block = {3, 3, 2, 1, 0, 0, 1, 3, 3, 1, 2, 2, 2, 0, 0, 2};
    assertArrayEquals(new double[] {3, 3, 3, 2}, firstLayer(MaxPool.of(2), 4, 4, block, new double[0], DataType.FLOAT), 0);
    assertArrayEquals(new double[] {1.5, 1.75, 1.5, 1.5},
        firstLayer(AvgPool.of(2), 4, 4, block, new double[0], DataType.FLOAT), 1e-7);
    // Overlapping windows (3×3, stride 1) on the 5×5 input: the maxima by hand.
    assertArrayEquals(new double[] {3, 3, 3, 3, 3, 3, 3, 2, 3},
        firstLayer(MaxPool.of(3).withStride(1), 5, 5, INPUT, new double[0], DataType.FLOAT), 0);
  }

  @Test
  void convolutionIsShiftEquivariant() {
    // Shifting the image by (1, 2) pixels shifts the output map by (1, 2) where both are defined.
    int n = 12, ks = 3;
    java.util.Random r = new java.util.Random(4);
    double[] img = new double[n * n], shifted = new double[n * n], params = new double[10];
    for (int i = 0; i < n * n; i++) img[i] = r.nextDouble();
    for (int i = 0; i < 9; i++) params[i] = r.nextGaussian();
    params[9] = 0.3;
    for (int i = 1; i < n; i++) for (int j = 2; j < n; j++) shifted[i * n + j] = img[(i - 1) * n + (j - 2)];
    Conv2d conv = Conv2d.of(1, ks, Activation.TANH);
    double[] a = firstLayer(conv, n, n, img, params, DataType.DOUBLE);
    double[] b = firstLayer(conv, n, n, shifted, params, DataType.DOUBLE);
    int m = n - ks + 1;
    for (int i = 0; i + 1 < m; i++) {
      for (int j = 0; j + 2 < m; j++) assertEquals(a[i * m + j], b[(i + 1) * m + j + 2], 1e-12, "at " + i + "," + j);
    }
  }
}
