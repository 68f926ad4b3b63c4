package org.mlmp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.backend.HostBlas;
import org.mlmp.baseline.MeanRegressor;
import org.mlmp.cluster.KMeans;
import org.mlmp.cluster.KMeansModel;
import org.mlmp.decomposition.KernelPca;
import org.mlmp.decomposition.KernelPcaModel;
import org.mlmp.decomposition.Pca;
import org.mlmp.decomposition.PcaModel;
import org.mlmp.density.Bandwidth;
import org.mlmp.density.CovarianceType;
import org.mlmp.density.GaussianMixture;
import org.mlmp.density.GaussianMixtureModel;
import org.mlmp.density.KernelDensity;
import org.mlmp.density.KernelDensityModel;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Laplacian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;
import org.mlmp.linear.LeastSquaresClassifier;
import org.mlmp.linear.LinearClassifierModel;
import org.mlmp.linear.LinearModel;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.Perceptron;
import org.mlmp.linear.Ridge;
import org.mlmp.molecular.Cartesian;
import org.mlmp.molecular.KrrPotential;
import org.mlmp.molecular.LearnedPotential;
import org.mlmp.molecular.MullerBrown;
import org.mlmp.molecular.Sampling;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.rl.GridWorld;
import org.mlmp.rl.NetworkPolicy;
import org.mlmp.rl.Reinforce;

/**
 * The predict-time input rule, for every fitted model of every family and every public
 * predict / transform / score entry: a NaN or ±∞ in the input is refused with its row and column and
 * the fix, on every path (the kernel ridge CPU fast path and the backend-generic path included), before
 * any arithmetic — never a NaN, a finite wrong value or a label.
 */
class PredictInputContractTest {
  private static final int N = 30, D = 3;

  /** One public entry of one fitted model: called with rows {@code [rows][cols]} of the named input. */
  record Entry(String name, String input, int rows, int cols, Function<double[][], Object> call) {
    @Override
    public String toString() {
      return name;
    }
  }

  static double[][] rows(int n, int d) {
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = Math.sin(1.3 * i + 0.7 * j) + (i % 2) * (j + 1);
    return x;
  }

  static Dataset regression() {
    double[][] x = rows(N, D);
    double[] y = new double[N];
    for (int i = 0; i < N; i++) y[i] = x[i][0] - 2 * x[i][1] + 0.5 * x[i][2];
    return Dataset.of(x, y);
  }

  static Dataset classes() {
    double[][] x = rows(N, D);
    double[] y = new double[N];
    for (int i = 0; i < N; i++) y[i] = i % 2;
    return Dataset.of(x, y);
  }

  static List<Entry> entries() {
    Dataset reg = regression(), cls = classes(), unlabelled = Dataset.unlabeled(reg.x());
    List<Entry> e = new ArrayList<>();
    LinearModel ridge = Ridge.of(0.01).fit(reg);
    e.add(new Entry("LinearModel.predict", "x", 4, D, x -> ridge.predict(Matrices.fromRows(x))));
    e.add(new Entry("LinearModel.predict(double[][])", "x", 4, D, ridge::predict));
    e.add(new Entry("LinearModel.predict(double[])", "x", 1, D, x -> ridge.predict(x[0])));
    for (var trainer : List.of(LogisticRegression.of(0.01), Perceptron.of(1), LeastSquaresClassifier.of())) {
      LinearClassifierModel m = trainer.fit(cls);
      String t = m.type();
      e.add(new Entry(t + " predict", "x", 4, D, x -> m.predict(Matrices.fromRows(x))));
      e.add(new Entry(t + " decisionFunction", "x", 4, D, x -> m.decisionFunction(Matrices.fromRows(x))));
    }
    LinearClassifierModel logistic = LogisticRegression.of(0.01).fit(cls);
    e.add(new Entry("LinearClassifierModel.predict(double[])", "x", 1, D, x -> logistic.predict(x[0])));

    KernelRidgeModel fast = KernelRidge.of(Gaussian.of(1.0), 0.1).fit(reg);
    e.add(new Entry("KernelRidgeModel.predict (CPU fast path)", "x", 4, D, x -> fast.predict(Matrices.fromRows(x))));
    e.add(new Entry("KernelRidgeModel.gradient", "x", 4, D, x -> fast.gradient(Matrices.fromRows(x))));
    KernelRidgeModel generic;
    try (var forced = HostBlas.forceGeneric()) {
      generic = KernelRidge.of(Gaussian.of(1.0), 0.1).fit(reg);
    }
    e.add(new Entry("KernelRidgeModel.predict (generic path)", "x", 4, D, x -> {
      try (var forced = HostBlas.forceGeneric()) {
        return generic.predict(Matrices.fromRows(x));
      }
    }));
    KernelRidgeModel laplacian = KernelRidge.of(Laplacian.of(1.0), 0.1).fit(reg);
    e.add(new Entry("KernelRidgeModel.predict (Laplacian)", "x", 4, D, x -> laplacian.predict(Matrices.fromRows(x))));

    SvmModel svm = Svm.of(Gaussian.of(1.0), 1.0).fit(cls);
    e.add(new Entry("SvmModel.predict", "x", 4, D, x -> svm.predict(Matrices.fromRows(x))));
    e.add(new Entry("SvmModel.decisionFunction", "x", 4, D, x -> svm.decisionFunction(Matrices.fromRows(x))));
    e.add(new Entry("SvmModel.predict(double[][])", "x", 4, D, svm::predict));

    var mean = MeanRegressor.of().fit(reg);
    e.add(new Entry("MeanModel.predict", "x", 4, D, x -> mean.predict(Matrices.fromRows(x))));

    Network classifier = Network.of(Shape.vector(D), Loss.CROSS_ENTROPY, Dense.of(4, Activation.TANH),
        Dense.of(2, Activation.SOFTMAX));
    NeuralNetModel net = NeuralNet.of(classifier, Optimizer.Adam.of(0.01)).withEpochs(2).withBatchSize(8)
        .withSeed(1).fit(cls);
    e.add(new Entry("NeuralNetModel.predict", "x", 4, D, x -> net.predict(Matrices.fromRows(x))));
    e.add(new Entry("NeuralNetModel.output", "x", 4, D, x -> net.output(Matrices.fromRows(x))));
    e.add(new Entry("NeuralNetModel.layerOutputs", "x", 4, D, x -> net.layerOutputs(Matrices.fromRows(x))));
    e.add(new Entry("NeuralNetModel.accuracy", "x", N, D, x -> net.accuracy(Matrices.fromRows(x), cls.y())));
    Network regressor = Network.of(Shape.vector(D), Loss.SQUARED_ERROR, Dense.of(4, Activation.TANH),
        Dense.of(1, Activation.IDENTITY));
    NeuralNetModel netReg = NeuralNet.of(regressor, Optimizer.Adam.of(0.01)).withEpochs(2).withBatchSize(8)
        .withSeed(1).fit(reg);
    e.add(new Entry("NeuralNetModel.predict (regression)", "x", 4, D, x -> netReg.predict(Matrices.fromRows(x))));

    KMeansModel km = KMeans.of(2).withSeed(1).fit(unlabelled);
    e.add(new Entry("KMeansModel.predict", "x", 4, D, x -> km.predict(Matrices.fromRows(x))));
    e.add(new Entry("KMeansModel.transform", "x", 4, D, x -> km.transform(Matrices.fromRows(x))));
    e.add(new Entry("KMeansModel.inertia", "x", 4, D, x -> km.inertia(Matrices.fromRows(x))));

    for (CovarianceType type : CovarianceType.values()) {
      GaussianMixtureModel g = GaussianMixture.of(2).withCovariance(type).withSeed(1).fit(unlabelled);
      e.add(new Entry("GaussianMixtureModel(" + type + ").logDensity", "x", 4, D, x -> g.logDensity(Matrices.fromRows(x))));
      e.add(new Entry("GaussianMixtureModel(" + type + ").responsibilities", "x", 4, D,
          x -> g.responsibilities(Matrices.fromRows(x))));
      e.add(new Entry("GaussianMixtureModel(" + type + ").predict", "x", 4, D, x -> g.predict(Matrices.fromRows(x))));
      e.add(new Entry("GaussianMixtureModel(" + type + ").meanLogLikelihood", "x", 4, D,
          x -> g.meanLogLikelihood(Matrices.fromRows(x))));
      e.add(new Entry("GaussianMixtureModel(" + type + ").bic", "x", 4, D, x -> g.bic(Matrices.fromRows(x))));
    }
    KernelDensityModel kde = KernelDensity.of(Bandwidth.scott()).fit(unlabelled);
    e.add(new Entry("KernelDensityModel.logDensity", "x", 4, D, x -> kde.logDensity(Matrices.fromRows(x))));
    e.add(new Entry("KernelDensityModel.meanLogLikelihood", "x", 4, D, x -> kde.meanLogLikelihood(Matrices.fromRows(x))));

    PcaModel pca = Pca.of(2).withWhiten(true).fit(unlabelled);
    e.add(new Entry("PcaModel.transform", "x", 4, D, x -> pca.transform(Matrices.fromRows(x))));
    e.add(new Entry("PcaModel.inverseTransform", "z", 4, 2, x -> pca.inverseTransform(Matrices.fromRows(x))));
    KernelPcaModel kpca = KernelPca.of(Gaussian.of(1.5), 2).fit(unlabelled);
    e.add(new Entry("KernelPcaModel.transform", "x", 4, D, x -> kpca.transform(Matrices.fromRows(x))));

    NetworkPolicy policy = Reinforce.of(Network.of(Shape.vector(16), Loss.CROSS_ENTROPY,
        Dense.of(8, Activation.TANH), Dense.of(4, Activation.SOFTMAX)), Optimizer.Adam.of(0.02)).withGamma(1.0)
            .withEpisodesPerBatch(2).withBatches(2).withMaxSteps(10).withSeed(5).fit(GridWorld::small).policy();
    e.add(new Entry("NetworkPolicy.probabilities", "state", 1, 16, x -> policy.probabilities(x[0])));

    LearnedPotential potential = KrrPotential.of(Cartesian.of(2), Gaussian.of(0.3), 1e-3)
        .fit(Sampling.uniform(MullerBrown.of(), new double[] {-1.5, -0.2}, new double[] {1.2, 2.0}, 40, 100, 1));
    e.add(new Entry("LearnedPotential.energies", "q", 4, 2, potential::energies));
    e.add(new Entry("LearnedPotential.forces", "q", 4, 2, potential::forces));
    e.add(new Entry("LearnedPotential.energy", "q", 1, 2, x -> potential.energy(x[0])));
    e.add(new Entry("LearnedPotential.force", "q", 1, 2, x -> potential.force(x[0])));
    return e;
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Entry e : entries()) {
      int row = e.rows() - 1, col = e.cols() - 1;
      out.add(Arguments.of(e, Double.NaN, row, col));
      out.add(Arguments.of(e, Double.POSITIVE_INFINITY, 0, Math.min(1, col)));
      out.add(Arguments.of(e, Double.NEGATIVE_INFINITY, row / 2, 0));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1} at row {2}, column {3}")
  @MethodSource("cases")
  void nonFiniteInputIsRefusedNamingRowAndColumn(Entry entry, double bad, int row, int column) {
    double[][] x = rows(entry.rows(), entry.cols());
    entry.call().apply(x); // the finite input is accepted
    x[row][column] = bad;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> entry.call().apply(x));
    assertEquals(entry.input() + " contains " + bad + " at row " + row + ", column " + column + " (0-based); a fitted"
        + " model cannot predict from missing or infinite values: impute or drop that row.", e.getMessage());
  }

  @Test
  void everyModelFamilyIsInTheTable() {
    List<String> names = entries().stream().map(Entry::name).toList();
    for (String family : List.of("LinearModel", "linear.logistic", "linear.perceptron",
        "linear.least-squares-classifier", "KernelRidgeModel.predict (CPU fast path)",
        "KernelRidgeModel.predict (generic path)", "SvmModel", "MeanModel", "NeuralNetModel", "KMeansModel",
        "GaussianMixtureModel", "KernelDensityModel", "PcaModel", "KernelPcaModel", "NetworkPolicy",
        "LearnedPotential")) {
      assertTrue(names.stream().anyMatch(n -> n.startsWith(family)), family + " has no entry in " + names);
    }
  }

  @Test
  void kernelRidgeFromAPrecomputedGramRefusesNonFiniteEntries() {
    KernelRidgeModel m = KernelRidge.of(Gaussian.of(1.0), 0.1).fit(regression());
    double[][] k = rows(2, N);
    k[1][7] = Double.NaN;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> m.predictFromGram(Matrices.fromRows(k)));
    assertEquals("crossGram contains NaN at row 1, column 7 (0-based); a fitted model cannot predict from missing or"
        + " infinite values: impute or drop that row.", e.getMessage());
  }
}
