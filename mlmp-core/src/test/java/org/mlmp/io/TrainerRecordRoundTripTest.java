package org.mlmp.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.api.Model;
import org.mlmp.api.Trainer;
import org.mlmp.api.Dataset;
import org.mlmp.decomposition.KernelPca;
import org.mlmp.decomposition.KernelPcaModel;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Polynomial;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;
import org.mlmp.api.Precision;
import org.mlmp.linear.ElasticNet;
import org.mlmp.linear.GradientDescent;
import org.mlmp.linear.LinearClassifierModel;
import org.mlmp.linear.LinearModel;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.Perceptron;
import org.mlmp.linear.Ridge;
import org.mlmp.nn.Activation;
import org.mlmp.nn.AffineAugmentation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Loss;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;

/** A model saved and loaded holds a trainer record equal to the one that fitted it (all through {@link ConfigJson}). */
class TrainerRecordRoundTripTest {
  @TempDir Path dir;

  static Stream<Arguments> trainers() {
    Function<Model, Object> linear = m -> ((LinearModel) m).trainer();
    Function<Model, Object> classifier = m -> ((LinearClassifierModel) m).trainer();
    return Stream.of(
        Arguments.of(Ridge.of(0.05).withStandardize(true).withPrecision(Precision.FLOAT), FormatFixtures.regression(), linear),
        Arguments.of(ElasticNet.of(0.03, 0.6).withStandardize(true), FormatFixtures.regression(), linear),
        Arguments.of(GradientDescent.of(0.05).withBatchSize(4, 9).withMaxIterations(7), FormatFixtures.regression(),
            linear),
        Arguments.of(LogisticRegression.of(0.01).withTolerance(1e-9), FormatFixtures.classes(), classifier),
        Arguments.of(new Perceptron(20, 4, true, true), FormatFixtures.classes(), classifier),
        Arguments.of(new KernelRidge(new Polynomial(3, 0.5), 0.2), FormatFixtures.regression(),
            (Function<Model, Object>) m -> ((KernelRidgeModel) m).trainer()),
        Arguments.of(new Svm(new Gaussian(0.7), 1.5).withTolerance(1e-4), FormatFixtures.classes(),
            (Function<Model, Object>) m -> ((SvmModel) m).trainer()),
        Arguments.of(new KernelPca(new Gaussian(1.2), 2), Dataset.unlabeled(FormatFixtures.query()),
            (Function<Model, Object>) m -> ((KernelPcaModel) m).trainer()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void theLoadedModelHoldsTheTrainerThatFittedIt(Trainer<?> trainer, Dataset data, Function<Model, Object> held)
      throws Exception {
    Model m = trainer.fit(data);
    assertEquals(trainer, held.apply(m));
    Path f = dir.resolve("m.mlmp");
    ModelFile.save(m, f);
    assertEquals(trainer, held.apply(ModelFile.load(f)));
  }

  @Test
  void aNetworkTrainerWithAugmentationAndDecayRoundTrips() {
    NeuralNet n = NeuralNet.of(Network.of(Shape.image(1, 4, 4), Loss.CROSS_ENTROPY, new org.mlmp.nn.Flatten(),
            new Dense(2, Activation.SOFTMAX)), new Optimizer.Momentum(0.1, 0.5, false))
        .withAugmentation(new AffineAugmentation(10, 0.1, 1)).withLearningRateDecay(0.9).withSeed(3);
    var json = ConfigJson.write(n);
    assertTrue(json.path("augmentation").path("kind").isMissingNode(), "affine: no kind, as in format version 1");
    assertEquals(n, ConfigJson.read(json, NeuralNet.of(n.network(), n.optimizer())));
  }

  @Test
  void aNeuralNetModelHoldsItsTrainer() throws Exception {
    NeuralNet n = NeuralNet.of(Network.of(Shape.vector(3), Loss.CROSS_ENTROPY, new Dense(3, Activation.SOFTMAX)),
        Optimizer.Adam.of(0.05)).withEpochs(1).withBatchSize(4).withValidation(0, 0);
    NeuralNetModel m = n.fit(FormatFixtures.classes());
    assertEquals(n, m.trainer().orElseThrow());
    Path f = dir.resolve("n.mlmp");
    ModelFile.save(m, f);
    assertEquals(n, ModelFile.load(f, NeuralNetModel.class).trainer().orElseThrow());
  }

  @Test
  void unknownNamesAreRefusedWithTheChoices() {
    var node = ConfigJson.object().put("name", "cosine");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConfigJson.readAny(node, org.mlmp.kernel.Kernel.class));
    assertEquals("Unknown kernel 'cosine' in the model file; expected one of linear, polynomial, gaussian, laplacian.",
        e.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ConfigJson.read(ConfigJson.object().put("lambda", 1.0), Ridge.class));
    assertEquals("The model file's configuration lacks 'Ridge.fitIntercept'.", missing.getMessage());
  }
}
