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
import org.mlmp.baseline.MeanModel;
import org.mlmp.baseline.MeanRegressor;
import org.mlmp.cluster.KMeans;
import org.mlmp.cluster.KMeansModel;
import org.mlmp.decomposition.Pca;
import org.mlmp.decomposition.PcaModel;
import org.mlmp.density.Bandwidth;
import org.mlmp.density.CovarianceType;
import org.mlmp.density.GaussianMixture;
import org.mlmp.density.GaussianMixtureModel;
import org.mlmp.density.KernelDensity;
import org.mlmp.density.KernelDensityModel;
import org.mlmp.rl.GridWorld;
import org.mlmp.rl.NetworkPolicy;
import org.mlmp.rl.Reinforce;
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
        Arguments.of(Perceptron.of(4).withMaxEpochs(20).withStandardize(true), FormatFixtures.classes(), classifier),
        Arguments.of(KernelRidge.of(Polynomial.of(3, 0.5), 0.2), FormatFixtures.regression(),
            (Function<Model, Object>) m -> ((KernelRidgeModel) m).trainer()),
        Arguments.of(Svm.of(Gaussian.of(0.7), 1.5).withTolerance(1e-4), FormatFixtures.classes(),
            (Function<Model, Object>) m -> ((SvmModel) m).trainer()),
        Arguments.of(KernelPca.of(Gaussian.of(1.2), 2), Dataset.unlabeled(FormatFixtures.query()),
            (Function<Model, Object>) m -> ((KernelPcaModel) m).trainer()),
        Arguments.of(MeanRegressor.of(), FormatFixtures.regression(),
            (Function<Model, Object>) m -> ((MeanModel) m).trainer()),
        Arguments.of(KMeans.of(2).withRestarts(3).withMaxIterations(50).withTolerance(1e-6)
            .withSeed(9), unlabeled(), (Function<Model, Object>) m -> ((KMeansModel) m).trainer()),
        Arguments.of(Pca.all().withWhiten(true), unlabeled(), (Function<Model, Object>) m -> ((PcaModel) m).trainer()),
        Arguments.of(Pca.of(2), unlabeled(), (Function<Model, Object>) m -> ((PcaModel) m).trainer()),
        Arguments.of(KernelDensity.of(Bandwidth.sigma(0.6)), unlabeled(),
            (Function<Model, Object>) m -> ((KernelDensityModel) m).trainer()),
        Arguments.of(KernelDensity.of(Bandwidth.silverman()), unlabeled(),
            (Function<Model, Object>) m -> ((KernelDensityModel) m).trainer()),
        Arguments.of(GaussianMixture.of(2).withCovariance(CovarianceType.DIAGONAL).withRegCovariance(1e-4)
            .withMaxIterations(40).withTolerance(1e-5).withRestarts(2).withSeed(7), unlabeled(),
            (Function<Model, Object>) m -> ((GaussianMixtureModel) m).trainer().orElseThrow()));
  }

  private static Dataset unlabeled() {
    return Dataset.unlabeled(org.nd4j.linalg.factory.Nd4j.createFromArray(FormatFixtures.x()));
  }

  @Test
  void aPolicyHoldsTheReinforceThatTrainedIt() throws Exception {
    Reinforce r = Reinforce.of(Network.of(Shape.vector(16), Loss.CROSS_ENTROPY, Dense.of(3, Activation.TANH),
        Dense.of(4, Activation.SOFTMAX)), Optimizer.Momentum.of(0.05, 0.8)).withGamma(0.95).withEpisodesPerBatch(2)
            .withBatches(2).withMaxSteps(8).withBaseline(false).withSeed(13);
    NetworkPolicy p = r.fit(GridWorld::small).policy();
    assertEquals(r, p.trainer().orElseThrow());
    Path f = dir.resolve("p.mlmp");
    ModelFile.save(p, f);
    NetworkPolicy loaded = ModelFile.load(f, NetworkPolicy.class);
    assertEquals(r, loaded.trainer().orElseThrow());
    assertEquals(r.network(), loaded.network());
  }

  /** Files of format version 1 held loose settings: they read into the trainer record the fixture was made with. */
  @Test
  void filesOfFormatVersion1GiveTheTrainerThatWroteThem() throws Exception {
    assertEquals(MeanRegressor.of(), ((MeanModel) v1("baseline-mean")).trainer());
    assertEquals(KMeans.of(2).withSeed(4), ((KMeansModel) v1("cluster-kmeans")).trainer());
    assertEquals(Pca.of(2).withWhiten(true), ((PcaModel) v1("decomposition-pca-whiten")).trainer());
    assertEquals(KernelDensity.of(Bandwidth.scott()), ((KernelDensityModel) v1("density-kernel-density")).trainer());
    assertEquals(GaussianMixture.of(2).withSeed(2),
        ((GaussianMixtureModel) v1("density-gaussian-mixture")).trainer().orElseThrow());
    NetworkPolicy policy = (NetworkPolicy) v1("rl-network-policy");
    assertTrue(policy.trainer().isEmpty(), "a version 1 policy file holds only the network");
    assertEquals(Network.of(Shape.vector(16), Loss.CROSS_ENTROPY, Dense.of(3, Activation.TANH),
        Dense.of(4, Activation.SOFTMAX)), policy.network());
  }

  /** A mixture built from given parameters has no trainer, before and after a file. */
  @Test
  void aGivenMixtureHasNoTrainer() throws Exception {
    GaussianMixtureModel g = GaussianMixtureModel.diagonal(new double[] {0.5, 0.5},
        new double[][] {{0, 0}, {2, 1}}, new double[][] {{1, 1}, {0.5, 2}});
    assertTrue(g.trainer().isEmpty());
    Path f = dir.resolve("g.mlmp");
    ModelFile.save(g, f);
    GaussianMixtureModel loaded = ModelFile.load(f, GaussianMixtureModel.class);
    assertTrue(loaded.trainer().isEmpty());
    assertEquals(-1, loaded.toState().seed());
  }

  private static Model v1(String name) throws Exception {
    return ModelFile.load(FormatFixturesTest.resource(name + ".mlmp"));
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
            Dense.of(2, Activation.SOFTMAX)), Optimizer.Momentum.of(0.1, 0.5))
        .withAugmentation(AffineAugmentation.of(10, 0.1, 1)).withLearningRateDecay(0.9).withSeed(3);
    var json = ConfigJson.write(n);
    assertTrue(json.path("augmentation").path("kind").isMissingNode(), "affine: no kind, as in format version 1");
    assertEquals(n, ConfigJson.read(json, NeuralNet.of(n.network(), n.optimizer())));
  }

  @Test
  void aNeuralNetModelHoldsItsTrainer() throws Exception {
    NeuralNet n = NeuralNet.of(Network.of(Shape.vector(3), Loss.CROSS_ENTROPY, Dense.of(3, Activation.SOFTMAX)),
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
    assertEquals("Unknown kernel 'cosine'; expected one of linear, polynomial, gaussian, laplacian.",
        e.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> ConfigJson.read(ConfigJson.object().put("lambda", 1.0), Ridge.class));
    assertEquals("The model file's configuration lacks 'Ridge.fitIntercept'.", missing.getMessage());
  }
}
