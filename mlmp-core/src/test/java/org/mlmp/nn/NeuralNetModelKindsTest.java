package org.mlmp.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Classifier;
import org.mlmp.api.Regressor;
import org.mlmp.data.ImagePreprocessing;
import org.mlmp.io.ModelFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** NeuralNetModel as Regressor / Classifier, its probabilities, and the stored image input (save → load). */
class NeuralNetModelKindsTest {
  private static double[] params(Network net) {
    double[] p = new double[(int) net.parameterCount()];
    for (int i = 0; i < p.length; i++) p[i] = Math.sin(i + 1) / 2;
    return p;
  }

  private static final INDArray X = Nd4j.createFromArray(new double[][] {{0.1, 0.2, 0.3, 0.4}, {-1, 0.5, 2, 0}});

  @Test
  void squaredErrorIsARegressorCrossEntropyAClassifier() {
    Network reg = Network.of(Shape.vector(4), Loss.SQUARED_ERROR, Dense.of(3, Activation.TANH),
        Dense.of(1, Activation.IDENTITY));
    Network cls = Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(3, Activation.TANH),
        Dense.of(3, Activation.SOFTMAX));
    NeuralNetModel r = NeuralNetModel.withParameters(reg, params(reg));
    NeuralNetModel c = NeuralNetModel.withParameters(cls, params(cls));
    assertTrue(r instanceof Regressor && !(r instanceof Classifier));
    assertTrue(c instanceof Classifier && !(c instanceof Regressor));
    INDArray p = ((NeuralNetClassifierModel) c).probabilities(X);
    assertArrayEquals(new long[] {2, 3}, p.shape());
    double[] labels = c.predict(X).toDoubleVector();
    for (int i = 0; i < 2; i++) {
      assertEquals(1.0, p.getRow(i).sumNumber().doubleValue(), 1e-6);
      assertEquals(labels[i], p.getRow(i).argMax().getDouble(0));
    }
  }

  @Test
  void oneSigmoidUnitGivesTwoProbabilityColumns() {
    Network bin = Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(1, Activation.SIGMOID));
    NeuralNetClassifierModel m = (NeuralNetClassifierModel) NeuralNetModel.withParameters(bin, params(bin));
    INDArray p = m.probabilities(X);
    INDArray out = m.output(X);
    for (int i = 0; i < 2; i++) {
      assertEquals(out.getDouble(i, 0), p.getDouble(i, 1), 1e-7);
      assertEquals(1 - out.getDouble(i, 0), p.getDouble(i, 0), 1e-7);
    }
  }

  @Test
  void imageInputAndClassNamesSurviveSaveAndLoad(@TempDir Path dir) throws Exception {
    Network net = Network.of(Shape.image(1, 2, 2), Loss.CROSS_ENTROPY, Flatten.of(), Dense.of(2, Activation.SOFTMAX));
    ImagePreprocessing pre = ImagePreprocessing.of(2, 2, 1).withResize(ImagePreprocessing.Resize.BILINEAR);
    NeuralNetModel m = NeuralNetModel.withParameters(net, params(net)).withImageInput(pre, List.of("cat", "dog"));
    Path f = dir.resolve("m.mlmp");
    ModelFile.save(m, f);
    NeuralNetModel back = ModelFile.load(f, NeuralNetModel.class);
    assertEquals(pre, back.imagePreprocessing().orElseThrow());
    assertEquals(List.of("cat", "dog"), back.classNames());
    INDArray x = Nd4j.createFromArray(new double[][] {{0.1, 0.9, 0.3, 0.2}});
    assertEquals(m.output(x), back.output(x));
    // a model without them saves and loads as before
    NeuralNetModel plain = NeuralNetModel.withParameters(net, params(net));
    ModelFile.save(plain, f);
    NeuralNetModel plainBack = ModelFile.load(f, NeuralNetModel.class);
    assertTrue(plainBack.imagePreprocessing().isEmpty());
    assertEquals(List.of(), plainBack.classNames());
  }

  @Test
  void imageInputMustFitTheNetwork() {
    Network net = Network.of(Shape.image(1, 2, 2), Loss.CROSS_ENTROPY, Flatten.of(), Dense.of(2, Activation.SOFTMAX));
    NeuralNetModel m = NeuralNetModel.withParameters(net, params(net));
    var e = assertThrows(IllegalArgumentException.class, () -> m.withImageInput(
        ImagePreprocessing.of(3, 3, 1).withScale(1), null));
    assertEquals("The image preprocessing ImagePreprocessing[height=3, width=3, channels=1, scale=1.0, resize=NONE]"
        + " gives rows of 9 values, but the network's input " + net.input() + " takes 4.", e.getMessage());
    var names = assertThrows(IllegalArgumentException.class, () -> m.withImageInput(null, List.of("a", "b", "c")));
    assertEquals("The class names [a, b, c] must name the network's 2 classes.", names.getMessage());
  }
}
