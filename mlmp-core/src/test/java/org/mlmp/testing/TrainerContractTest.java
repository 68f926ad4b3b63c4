package org.mlmp.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlmp.nn.Activation.SOFTMAX;
import static org.mlmp.nn.Activation.TANH;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.api.Trainer;
import org.mlmp.baseline.MeanModel;
import org.mlmp.baseline.MeanRegressor;
import org.mlmp.cluster.KMeans;
import org.mlmp.cluster.KMeansModel;
import org.mlmp.cluster.KMeansTest;
import org.mlmp.api.Dataset;
import org.mlmp.decomposition.KernelPca;
import org.mlmp.decomposition.KernelPcaModel;
import org.mlmp.decomposition.Pca;
import org.mlmp.decomposition.PcaModel;
import org.mlmp.decomposition.PcaTest;
import org.mlmp.density.Bandwidth;
import org.mlmp.density.CovarianceType;
import org.mlmp.density.GaussianMixture;
import org.mlmp.density.GaussianMixtureModel;
import org.mlmp.density.GaussianMixtureTest;
import org.mlmp.density.KernelDensity;
import org.mlmp.density.KernelDensityModel;
import org.mlmp.density.KernelDensityTest;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.mlmp.kernelmethods.KernelRidgeTest;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;
import org.mlmp.kernelmethods.SvmTest;
import org.mlmp.linear.BestSubset;
import org.mlmp.linear.ClassifierTest;
import org.mlmp.linear.ElasticNet;
import org.mlmp.linear.Fixtures;
import org.mlmp.linear.ForwardSelection;
import org.mlmp.linear.GradientDescent;
import org.mlmp.linear.Lasso;
import org.mlmp.linear.LeastSquaresClassifier;
import org.mlmp.linear.LinearClassifierModel;
import org.mlmp.linear.LinearModel;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.OrdinaryLeastSquares;
import org.mlmp.linear.Perceptron;
import org.mlmp.linear.Ridge;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Dropout;
import org.mlmp.nn.InputScaling;
import org.mlmp.nn.Loss;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.testing.TrainerContract.ContractCase;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.opentest4j.AssertionFailedError;

/** The {@link TrainerContract} on every trainer of mlmp-core: one row per trainer configuration. */
class TrainerContractTest {
  static Stream<ContractCase<?>> trainers() {
    List<ContractCase<?>> t = new ArrayList<>();
    // linear regressors, on the reference data of org.mlmp.linear, comparing predictions
    t.add(new ContractCase<LinearModel>("OrdinaryLeastSquares", s -> OrdinaryLeastSquares.of(), Fixtures::reference,
        LinearModel::predict));
    t.add(new ContractCase<LinearModel>("GradientDescent (mini-batch)", s -> GradientDescent.of(0.05).withStandardize(true)
        .withBatchSize(10, s).withMaxIterations(50), Fixtures::reference, LinearModel::predict));
    t.add(new ContractCase<LinearModel>("Ridge (standardised)", s -> Ridge.of(0.05).withStandardize(true), Fixtures::reference,
        LinearModel::predict));
    t.add(new ContractCase<LinearModel>("Lasso", s -> Lasso.of(0.02), Fixtures::reference, LinearModel::predict));
    t.add(new ContractCase<LinearModel>("ElasticNet (standardised)", s -> ElasticNet.of(0.03, 0.6).withStandardize(true),
        Fixtures::reference, LinearModel::predict));
    t.add(new ContractCase<LinearModel>("BestSubset", s -> BestSubset.of(0.01), Fixtures::reference, LinearModel::predict));
    t.add(new ContractCase<LinearModel>("ForwardSelection", s -> ForwardSelection.of(0.01), Fixtures::reference,
        LinearModel::predict));
    // linear classifiers, comparing decision functions
    t.add(new ContractCase<LinearClassifierModel>("LeastSquaresClassifier", s -> LeastSquaresClassifier.of()
        .withLambda(0.01).withStandardize(true),
        ClassifierTest::binary, LinearClassifierModel::decisionFunction));
    t.add(new ContractCase<LinearClassifierModel>("Perceptron", s -> Perceptron.of(s).withMaxEpochs(50)
        .withStandardize(true),
        TrainerContractTest::separable, LinearClassifierModel::decisionFunction));
    t.add(new ContractCase<LinearClassifierModel>("LogisticRegression (3 classes)",
        s -> LogisticRegression.of(0.01).withStandardize(true),
        () -> Dataset.of(Fixtures.reference().x(), Nd4j.createFromArray(ClassifierTest.C3)),
        LinearClassifierModel::decisionFunction));
    // kernel methods
    t.add(new ContractCase<KernelRidgeModel>("KernelRidge", s -> KernelRidge.of(Gaussian.of(1.0), 0.1),
        KernelRidgeTest::referenceData, KernelRidgeModel::predict));
    t.add(new ContractCase<SvmModel>("Svm", s -> Svm.of(Gaussian.of(0.8), 2.0), () -> Dataset.of(SvmTest.X, SvmTest.labels()),
        SvmModel::decisionFunction));
    // networks
    t.add(new ContractCase<NeuralNetModel>("NeuralNet", TrainerContractTest::network, TrainerContractTest::twoBlobs,
        NeuralNetModel::output));
    // unsupervised
    t.add(new ContractCase<MeanModel>("MeanRegressor", s -> MeanRegressor.of(), TrainerContractTest::meanData,
        MeanModel::predict));
    t.add(new ContractCase<KMeansModel>("KMeans", s -> KMeans.of(3).withSeed(s), () -> Dataset.of(KMeansTest.S, null),
        KMeansModel::transform));
    t.add(new ContractCase<GaussianMixtureModel>("GaussianMixture (full)", s -> GaussianMixture.of(2).withSeed(s).withRestarts(2),
        () -> GaussianMixtureTest.overlapping(30, 4), GaussianMixtureModel::logDensity));
    t.add(new ContractCase<GaussianMixtureModel>("GaussianMixture (diagonal)",
        s -> GaussianMixture.of(3).withCovariance(CovarianceType.DIAGONAL).withSeed(s),
        () -> GaussianMixtureTest.overlapping(30, 8), GaussianMixtureModel::responsibilities));
    t.add(new ContractCase<KernelDensityModel>("KernelDensity", s -> KernelDensity.of(Bandwidth.scott()),
        () -> Dataset.of(KernelDensityTest.Z, null), KernelDensityModel::logDensity));
    t.add(new ContractCase<PcaModel>("Pca (whiten)", s -> Pca.of(2).withWhiten(true), () -> Dataset.of(PcaTest.X, null),
        PcaModel::transform));
    t.add(new ContractCase<KernelPcaModel>("KernelPca", s -> KernelPca.of(Gaussian.of(1.5), 2), () -> Dataset.of(PcaTest.X, null),
        KernelPcaModel::transform));
    return t.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void fitMutatesNeitherConfigurationNorData(ContractCase<?> c) {
    TrainerContract.fitMutatesNeitherConfigurationNorData(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void sameSeedSameModel(ContractCase<?> c) {
    TrainerContract.sameSeedSameModel(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void wrongFeatureCountThrowsWithBothNumbers(ContractCase<?> c) {
    TrainerContract.wrongFeatureCountThrowsWithBothNumbers(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void nanInInputIsRejectedWithRowAndColumn(ContractCase<?> c) {
    TrainerContract.nanInInputIsRejectedWithRowAndColumn(c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("trainers")
  void saveLoadGivesIdenticalOutputs(ContractCase<?> c, @TempDir Path dir) throws Exception {
    TrainerContract.saveLoadGivesIdenticalOutputs(c, dir);
  }

  // ---- the checks can fail: trainers that break the contract are caught

  /** A trainer that writes into the Dataset's own x buffer during fit (as a swapped memcpy in a fast path would). */
  record WritesIntoTheData() implements Trainer<MeanModel> {
    @Override
    public MeanModel fit(Dataset data) {
      TrainerContract.held(data, "x").putScalar(0, 0, 1e6);
      return MeanRegressor.of().fit(data);
    }
  }

  /** A trainer whose configuration (a mutable list) changes during fit. */
  record ChangesItsConfiguration(List<Integer> counter) implements Trainer<MeanModel> {
    @Override
    public MeanModel fit(Dataset data) {
      counter.add(1);
      return MeanRegressor.of().fit(data);
    }
  }

  @Test
  void theDataCheckFailsForATrainerThatWritesIntoTheData() {
    ContractCase<MeanModel> c = new ContractCase<>("writes", s -> new WritesIntoTheData(), TrainerContractTest::meanData,
        MeanModel::predict);
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> TrainerContract.fitMutatesNeitherConfigurationNorData(c));
    assertTrue(e.getMessage().startsWith("fit changed the Dataset's x buffer"), e.getMessage());
  }

  @Test
  void theConfigurationCheckFailsForATrainerThatChangesItself() {
    ContractCase<MeanModel> c = new ContractCase<>("changes", s -> new ChangesItsConfiguration(new ArrayList<>()),
        TrainerContractTest::meanData, MeanModel::predict);
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> TrainerContract.fitMutatesNeitherConfigurationNorData(c));
    assertTrue(e.getMessage().startsWith("fit changed the configuration"), e.getMessage());
  }

  private static Trainer<NeuralNetModel> network(long seed) {
    Network net = Network.of(Shape.vector(3), Loss.CROSS_ENTROPY, Dense.of(8, TANH), Dropout.of(0.1),
        Dense.of(2, SOFTMAX));
    return NeuralNet.of(net, Optimizer.Adam.of(0.01)).withEpochs(4).withBatchSize(8).withSeed(seed)
        .withScaling(InputScaling.PER_FEATURE);
  }

  private static Dataset twoBlobs() {
    Random r = new Random(1);
    double[][] x = new double[40][3];
    double[] y = new double[40];
    for (int i = 0; i < 40; i++) {
      y[i] = i % 2;
      for (int j = 0; j < 3; j++) x[i][j] = r.nextGaussian() + (i % 2 == 0 ? -1 : 1) * (j + 1);
    }
    return Dataset.of(x, y);
  }

  private static Dataset meanData() {
    double[][] x = new double[12][3];
    double[] y = new double[12];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {i, i * i, Math.sin(i)};
      y[i] = 2 * i + 1;
    }
    return Dataset.of(x, y);
  }

  /** Linearly separable labels, so the perceptron converges: class 1 where x0 − x1 > 0.1. */
  private static Dataset separable() {
    Dataset d = Fixtures.reference();
    double[][] x = d.x().toDoubleMatrix();
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = x[i][0] - x[i][1] > 0.1 ? 1 : 0;
    INDArray yy = Nd4j.createFromArray(y);
    return Dataset.of(d.x(), yy);
  }
}
