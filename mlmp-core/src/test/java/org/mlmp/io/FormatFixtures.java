package org.mlmp.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.mlmp.api.Classifier;
import org.mlmp.api.Model;
import org.mlmp.baseline.MeanModel;
import org.mlmp.baseline.MeanRegressor;
import org.mlmp.cluster.KMeans;
import org.mlmp.cluster.KMeansModel;
import org.mlmp.api.Dataset;
import org.mlmp.decomposition.KernelPca;
import org.mlmp.decomposition.KernelPcaModel;
import org.mlmp.decomposition.Pca;
import org.mlmp.decomposition.PcaModel;
import org.mlmp.density.Bandwidth;
import org.mlmp.density.GaussianMixture;
import org.mlmp.density.GaussianMixtureModel;
import org.mlmp.density.KernelDensity;
import org.mlmp.density.KernelDensityModel;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Laplacian;
import org.mlmp.kernel.Polynomial;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;
import org.mlmp.linear.GradientDescent;
import org.mlmp.linear.LinearClassifierModel;
import org.mlmp.linear.LinearModel;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.Perceptron;
import org.mlmp.linear.Ridge;
import org.mlmp.nn.Activation;
import org.mlmp.nn.BatchNorm;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.InputScaling;
import org.mlmp.nn.Loss;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.rl.GridWorld;
import org.mlmp.rl.NetworkPolicy;
import org.mlmp.rl.Reinforce;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model files checked in under {@code src/test/resources/org/mlmp/io/format-v<N>/}: for format version 1 one
 * small fitted model per model type (every {@link ModelCodec} of mlmp-core), for version 2 (class labels that came as
 * text) one text-labelled classifier per family; how each was fitted, the fixed input it is evaluated on and the
 * outputs that are recorded beside it ({@code <name>.expected.json}).
 *
 * <p>{@link FormatFixtureGenerator} wrote the files with the code of their format version;
 * {@link FormatFixturesTest} loads every file with today's code and asserts the recorded outputs, so a
 * change that stops an old file from loading, or changes what it predicts, fails the build.
 * <b>The files must never be regenerated after a format change</b>: a new format version gets a new
 * directory {@code format-v<N>} beside the old ones, which stay as they are.
 */
final class FormatFixtures {
  private FormatFixtures() {}

  /** The directory (on the test class path) of the files of format version 1. */
  static final String DIRECTORY = "org/mlmp/io/format-v1";

  /** The directory (on the test class path) of the files of a format version. */
  static String directory(int version) {
    return "org/mlmp/io/format-v" + version;
  }

  /**
   * One checked-in model file.
   *
   * @param version the format version it was written with (its directory)
   * @param name the file's base name ({@code <name>.mlmp}, {@code <name>.expected.json})
   * @param fit how the generator fitted the model (never called by the test)
   * @param input the fixed input the outputs are recorded for
   * @param outputs named outputs of the model for that input (predictions, transforms, log-densities)
   * @param labels named text outputs for that input (class labels), recorded exactly
   * @param tolerance the largest absolute difference allowed: 1e-12 for double models; 1e-6 for the
   *     networks, whose outputs are float32 (about 7 significant digits)
   */
  record Fixture(int version, String name, Supplier<Model> fit, INDArray input,
      Map<String, BiFunction<Model, INDArray, INDArray>> outputs,
      Map<String, BiFunction<Model, INDArray, List<String>>> labels, double tolerance) {
    /** A file of format version 1, without text outputs. */
    Fixture(String name, Supplier<Model> fit, INDArray input, Map<String, BiFunction<Model, INDArray, INDArray>> outputs,
        double tolerance) {
      this(1, name, fit, input, outputs, Map.of(), tolerance);
    }

    @Override
    public String toString() {
      return "v" + version + "/" + name;
    }
  }

  /** Twelve rows of three features, smooth and not collinear. */
  static double[][] x() {
    double[][] x = new double[12][3];
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {Math.sin(0.7 * i), Math.cos(1.3 * i) + 0.1 * i, 0.05 * i * i - 0.3 * i};
    }
    return x;
  }

  static double[] yRegression() {
    double[][] x = x();
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) y[i] = 1.5 * x[i][0] - 0.7 * x[i][1] + 0.3 * x[i][2] + 0.2 + 0.05 * Math.sin(5 * i);
    return y;
  }

  /** Three classes 0, 1, 2 given by the first feature's tercile, so they are learnable. */
  static double[] yClasses() {
    double[][] x = x();
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) y[i] = x[i][0] < -0.4 ? 0 : x[i][0] < 0.4 ? 1 : 2;
    return y;
  }

  /** Four query rows, inside and outside the training range. */
  static INDArray query() {
    return Nd4j.createFromArray(new double[][] {{0.1, 0.2, -0.3}, {-0.8, 1.1, 0.4}, {0.9, -0.5, 1.5},
        {2.0, 2.0, -1.0}});
  }

  static Dataset regression() {
    return Dataset.of(x(), yRegression());
  }

  static Dataset classes() {
    return Dataset.of(x(), yClasses());
  }

  /** 16 tiny 1×4×4 images of two classes (bright left half or bright right half). */
  static Dataset images() {
    double[][] x = new double[16][16];
    double[] y = new double[16];
    for (int i = 0; i < 16; i++) {
      y[i] = i % 2;
      for (int p = 0; p < 16; p++) {
        boolean left = p % 4 < 2;
        x[i][p] = ((left == (i % 2 == 0)) ? 0.8 : 0.1) + 0.05 * Math.sin(3 * i + p);
      }
    }
    return Dataset.of(x, y);
  }

  static INDArray imageQuery() {
    double[][] q = new double[3][16];
    for (int r = 0; r < 3; r++) for (int p = 0; p < 16; p++) q[r][p] = 0.5 + 0.4 * Math.cos(1.7 * r + 0.9 * p);
    return Nd4j.createFromArray(q);
  }

  /** The four corner states of the 4×4 grid world, one-hot. */
  static INDArray states() {
    double[][] s = new double[4][16];
    int[] corner = {0, 3, 12, 15};
    for (int r = 0; r < 4; r++) s[r][corner[r]] = 1;
    return Nd4j.createFromArray(s);
  }

  private static <M extends Model> BiFunction<Model, INDArray, INDArray> as(Class<M> type,
      BiFunction<M, INDArray, INDArray> f) {
    return (m, x) -> f.apply(type.cast(m), x);
  }

  private static Map<String, BiFunction<Model, INDArray, INDArray>> outputs(Object... nameThenFunction) {
    Map<String, BiFunction<Model, INDArray, INDArray>> out = new LinkedHashMap<>();
    for (int i = 0; i < nameThenFunction.length; i += 2) {
      @SuppressWarnings("unchecked")
      BiFunction<Model, INDArray, INDArray> f = (BiFunction<Model, INDArray, INDArray>) nameThenFunction[i + 1];
      out.put((String) nameThenFunction[i], f);
    }
    return out;
  }

  private static INDArray ints(int[] v) {
    return Nd4j.createFromArray(v).castTo(DataType.DOUBLE);
  }

  /** Every checked-in file of format version 1. */
  static List<Fixture> all() {
    List<Fixture> f = new ArrayList<>();
    double exact = 1e-12, float32 = 1e-6;
    f.add(new Fixture("baseline-mean", () -> MeanRegressor.of().fit(regression()), query(),
        outputs("predict", as(MeanModel.class, MeanModel::predict)), exact));
    f.add(new Fixture("linear-ridge-standardized", () -> Ridge.of(0.05).withStandardize(true).fit(regression()),
        query(), outputs("predict", as(LinearModel.class, LinearModel::predict)), exact));
    f.add(new Fixture("linear-gd-minibatch", () -> GradientDescent.of(0.05).withStandardize(true)
        .withBatchSize(4, 3).withMaxIterations(20).fit(regression()), query(),
        outputs("predict", as(LinearModel.class, LinearModel::predict),
            "costHistory", as(LinearModel.class, (m, x) -> Nd4j.createFromArray(m.costHistory()))), exact));
    f.add(new Fixture("linear-logistic-3class", () -> LogisticRegression.of(0.01).withStandardize(true)
        .fit(classes()), query(),
        outputs("predict", as(LinearClassifierModel.class, LinearClassifierModel::predict),
            "decisionFunction", as(LinearClassifierModel.class, LinearClassifierModel::decisionFunction)), exact));
    f.add(new Fixture("kernelridge-gaussian", () -> KernelRidge.of(Gaussian.of(0.9), 0.05).fit(regression()),
        query(), outputs("predict", as(KernelRidgeModel.class, KernelRidgeModel::predict)), exact));
    f.add(new Fixture("kernelridge-polynomial", () -> KernelRidge.of(Polynomial.of(2, 1.0), 0.1)
        .fit(regression()), query(), outputs("predict", as(KernelRidgeModel.class, KernelRidgeModel::predict)),
        exact));
    f.add(new Fixture("svm-gaussian-3class", () -> Svm.of(Gaussian.of(0.8), 2.0).fit(classes()), query(),
        outputs("predict", as(SvmModel.class, SvmModel::predict),
            "decisionFunction", as(SvmModel.class, SvmModel::decisionFunction)), exact));
    f.add(new Fixture("nn-mlp", () -> NeuralNet.of(Network.of(Shape.vector(3), Loss.CROSS_ENTROPY,
            Dense.of(4, Activation.TANH), Dense.of(3, Activation.SOFTMAX)), Optimizer.Adam.of(0.05))
        .withEpochs(3).withBatchSize(4).withSeed(11).withScaling(InputScaling.PER_FEATURE)
        .withValidation(0, 0).fit(classes()), query(),
        outputs("predict", as(NeuralNetModel.class, NeuralNetModel::predict),
            "output", as(NeuralNetModel.class, NeuralNetModel::output)), float32));
    f.add(new Fixture("nn-cnn-batchnorm", () -> NeuralNet.of(Network.of(Shape.image(1, 4, 4), Loss.CROSS_ENTROPY,
            Conv2d.of(2, 3, Activation.RELU), BatchNorm.of(Activation.IDENTITY), Flatten.of(),
            Dense.of(2, Activation.SOFTMAX)), Optimizer.Momentum.of(0.05, 0.9).withNesterov(true))
        .withEpochs(2).withBatchSize(8).withSeed(5).withValidation(0, 0).fit(images()), imageQuery(),
        outputs("predict", as(NeuralNetModel.class, NeuralNetModel::predict),
            "output", as(NeuralNetModel.class, NeuralNetModel::output)), float32));
    f.add(new Fixture("cluster-kmeans", () -> KMeans.of(2).withSeed(4).fit(Dataset.unlabeled(
            Nd4j.createFromArray(x()))), query(),
        outputs("predict", as(KMeansModel.class, (m, x) -> ints(m.predict(x))),
            "transform", as(KMeansModel.class, KMeansModel::transform)), exact));
    f.add(new Fixture("density-gaussian-mixture", () -> GaussianMixture.of(2).withSeed(2).fit(Dataset.unlabeled(
            Nd4j.createFromArray(x()))), query(),
        outputs("logDensity", as(GaussianMixtureModel.class, GaussianMixtureModel::logDensity),
            "responsibilities", as(GaussianMixtureModel.class, GaussianMixtureModel::responsibilities)), exact));
    f.add(new Fixture("density-kernel-density", () -> KernelDensity.of(Bandwidth.scott()).fit(Dataset.unlabeled(
            Nd4j.createFromArray(x()))), query(),
        outputs("logDensity", as(KernelDensityModel.class, KernelDensityModel::logDensity)), exact));
    f.add(new Fixture("decomposition-pca-whiten", () -> Pca.of(2).withWhiten(true).fit(Dataset.unlabeled(
            Nd4j.createFromArray(x()))), query(),
        outputs("transform", as(PcaModel.class, PcaModel::transform),
            "inverseTransform", as(PcaModel.class, (m, x) -> m.inverseTransform(m.transform(x)))), exact));
    f.add(new Fixture("decomposition-kernel-pca", () -> KernelPca.of(Laplacian.of(1.5), 2).fit(Dataset.unlabeled(
            Nd4j.createFromArray(x()))), query(),
        outputs("transform", as(KernelPcaModel.class, KernelPcaModel::transform)), exact));
    f.add(new Fixture("rl-network-policy", () -> Reinforce.of(Network.of(Shape.vector(16), Loss.CROSS_ENTROPY,
            Dense.of(3, Activation.TANH), Dense.of(4, Activation.SOFTMAX)), Optimizer.Adam.of(0.03)).withGamma(0.9)
                .withEpisodesPerBatch(2).withBatches(3).withMaxSteps(10)
                .withSeed(6).fit(GridWorld::small).policy(), states(),
        outputs("probabilities", as(NetworkPolicy.class, (m, s) -> {
          double[][] rows = s.toDoubleMatrix();
          double[][] out = new double[rows.length][];
          for (int i = 0; i < rows.length; i++) out[i] = m.probabilities(rows[i]);
          return Nd4j.createFromArray(out);
        })), exact));
    return f;
  }

  /** Class names of {@link #yClasses()} 0, 1, 2, chosen so that their sorted order (large, medium, small) is not 0, 1, 2. */
  static final List<String> NAMES = List.of("small", "medium", "large");

  /** {@link #classes()} with the labels as text ({@link #NAMES}): the classes are large, medium, small (values 0, 1, 2). */
  static Dataset namedClasses() {
    double[] y = yClasses();
    List<String> labels = new ArrayList<>();
    for (double v : y) labels.add(NAMES.get((int) v));
    return Dataset.ofLabels(x(), labels);
  }

  /** Two classes as text: "yes" for class 2 (first feature above 0.4), "no" for the others. */
  static Dataset twoNames() {
    List<String> labels = new ArrayList<>();
    for (double v : yClasses()) labels.add(v == 2 ? "yes" : "no");
    return Dataset.ofLabels(x(), labels);
  }

  private static BiFunction<Model, INDArray, List<String>> predictedLabels() {
    return (m, x) -> List.of(((Classifier) m).predictLabels(x));
  }

  private static BiFunction<Model, INDArray, List<String>> classNames() {
    return (m, x) -> ((Classifier) m).classLabels().names();
  }

  private static Map<String, BiFunction<Model, INDArray, List<String>>> labelOutputs() {
    Map<String, BiFunction<Model, INDArray, List<String>>> out = new LinkedHashMap<>();
    out.put("classNames", classNames());
    out.put("predictLabels", predictedLabels());
    return out;
  }

  /** Every checked-in file of format version 2: one classifier fitted on text labels per family. */
  static List<Fixture> v2() {
    List<Fixture> f = new ArrayList<>();
    double exact = 1e-12, float32 = 1e-6;
    f.add(new Fixture(2, "linear-logistic-3names", () -> LogisticRegression.of(0.01).withStandardize(true)
        .fit(namedClasses()), query(),
        outputs("predict", as(LinearClassifierModel.class, LinearClassifierModel::predict),
            "probabilities", as(LinearClassifierModel.class, LinearClassifierModel::probabilities)),
        labelOutputs(), exact));
    f.add(new Fixture(2, "linear-perceptron-2names", () -> Perceptron.of(3).withMaxEpochs(100).withFitIntercept(true)
        .withStandardize(true).fit(twoNames()), query(),
        outputs("predict", as(LinearClassifierModel.class, LinearClassifierModel::predict),
            "decisionFunction", as(LinearClassifierModel.class, LinearClassifierModel::decisionFunction)),
        labelOutputs(), exact));
    f.add(new Fixture(2, "svm-gaussian-3names", () -> Svm.of(Gaussian.of(0.8), 2.0).fit(namedClasses()), query(),
        outputs("predict", as(SvmModel.class, SvmModel::predict),
            "decisionFunction", as(SvmModel.class, SvmModel::decisionFunction)),
        labelOutputs(), exact));
    f.add(new Fixture(2, "nn-mlp-3names", () -> NeuralNet.of(Network.of(Shape.vector(3), Loss.CROSS_ENTROPY,
            Dense.of(4, Activation.TANH), Dense.of(3, Activation.SOFTMAX)), Optimizer.Adam.of(0.05))
        .withEpochs(3).withBatchSize(4).withSeed(11).withScaling(InputScaling.PER_FEATURE)
        .withValidation(0, 0).fit(namedClasses()), query(),
        outputs("predict", as(NeuralNetModel.class, NeuralNetModel::predict),
            "output", as(NeuralNetModel.class, NeuralNetModel::output)),
        labelOutputs(), float32));
    return f;
  }

  /**
   * The files of one format version.
   *
   * @param version 1 or 2
   * @return its fixtures
   */
  static List<Fixture> of(int version) {
    return switch (version) {
      case 1 -> all();
      case 2 -> v2();
      default -> throw new IllegalArgumentException("No format fixtures of version " + version + ".");
    };
  }
}
