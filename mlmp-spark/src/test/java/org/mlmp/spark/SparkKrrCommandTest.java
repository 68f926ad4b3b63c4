package org.mlmp.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.io.ModelFile;
import org.mlmp.kernelmethods.KernelRidgeModel;
import org.mlmp.kernelmethods.NystromKernelRidge;
import org.mlmp.kernelmethods.NystromKernelRidgeModel;
import org.mlmp.kernel.Gaussian;

/** {@code mlmp spark krr}: fit --model krr's options and JSON, fitted on Spark; the messages for bad options. */
class SparkKrrCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static SparkTrainCommandTest.MlmpRun mlmp(String... args) {
    return SparkTrainCommandTest.mlmp(args);
  }

  /** n rows x1,x2,x3,y with y = sin(3·x1) + x2·x3/2 + noise. */
  static Path csv(Path dir, String name, int n, long seed) throws Exception {
    StringBuilder s = new StringBuilder("x1,x2,x3,y\n");
    Random r = new Random(seed);
    for (int i = 0; i < n; i++) {
      double a = 2 * r.nextDouble() - 1, b = 2 * r.nextDouble() - 1, c = 2 * r.nextDouble() - 1;
      s.append(a).append(',').append(b).append(',').append(c).append(',')
          .append(Math.sin(3 * a) + b * c / 2 + 0.05 * r.nextGaussian()).append('\n');
    }
    return Files.writeString(dir.resolve(name), s);
  }

  static double[] values(JsonNode array) {
    double[] v = new double[array.size()];
    for (int i = 0; i < v.length; i++) v[i] = array.get(i).asDouble();
    return v;
  }

  static List<String> keys(JsonNode o) {
    List<String> k = new ArrayList<>();
    o.fieldNames().forEachRemaining(k::add);
    return k;
  }

  @Test
  void exactEqualsFitModelKrrAndSavesAModelPredictReads(@TempDir Path dir) throws Exception {
    Path train = csv(dir, "train.csv", 150, 1), test = csv(dir, "test.csv", 20, 2), model = dir.resolve("krr.mlmp");
    String[] common = {"--kernel", "gaussian", "--sigma", "0.7", "--lambda", "0.01", "--data", train.toString(),
        "--target", "y", "--predict", test.toString()};
    SparkTrainCommandTest.MlmpRun fit = mlmp(concat(new String[] {"fit", "--model", "krr"}, common));
    assertEquals(0, fit.code(), fit.err());
    SparkTrainCommandTest.MlmpRun spark = mlmp(concat(new String[] {"spark", "krr", "--master", "local[2]",
        "--partitions", "2", "--method", "exact", "--landmarks", "5", "--save", model.toString()}, common));
    assertEquals(0, spark.code(), spark.err());
    JsonNode f = JSON.readTree(fit.out()), s = JSON.readTree(spark.out());
    assertEquals(keys(f), keys(s));
    assertEquals(List.of("model", "kernel", "lambda", "dualCoef", "predictions"), keys(s));
    assertEquals(f.get("kernel"), s.get("kernel"));
    assertEquals(f.get("lambda"), s.get("lambda"));
    double da = SparkRowBlocksTest.relative(values(s.get("dualCoef")), values(f.get("dualCoef")));
    double dp = SparkRowBlocksTest.relative(values(s.get("predictions")), values(f.get("predictions")));
    assertTrue(da < 1e-6, "dual coefficients differ by " + da);
    assertTrue(dp < 1e-6, "predictions differ by " + dp);
    assertEquals(150, ModelFile.load(model, KernelRidgeModel.class).dualCoef().length());
    SparkTrainCommandTest.MlmpRun predicted = mlmp("predict", "--model-file", model.toString(), "--data",
        test.toString());
    assertEquals(0, predicted.code(), predicted.err());
    assertEquals(s.get("predictions"), JSON.readTree(predicted.out()).get("predictions"));
  }

  @Test
  void standardizeIsFitsPipelineToo(@TempDir Path dir) throws Exception {
    Path train = csv(dir, "train.csv", 80, 8), test = csv(dir, "test.csv", 10, 9);
    String[] common = {"--kernel", "laplacian", "--sigma", "2", "--lambda", "0.1", "--standardize", "--data",
        train.toString(), "--target", "y", "--predict", test.toString()};
    SparkTrainCommandTest.MlmpRun fit = mlmp(concat(new String[] {"fit", "--model", "krr"}, common));
    SparkTrainCommandTest.MlmpRun spark = mlmp(concat(new String[] {"spark", "krr", "--master", "local[2]"}, common));
    assertEquals(0, spark.code(), spark.err());
    JsonNode f = JSON.readTree(fit.out()), s = JSON.readTree(spark.out());
    assertEquals(keys(f), keys(s));
    assertEquals(f.get("standardization"), s.get("standardization"));
    double dp = SparkRowBlocksTest.relative(values(s.get("predictions")), values(f.get("predictions")));
    assertTrue(dp < 1e-6, "predictions differ by " + dp);
  }

  @Test
  void nystromIsTheSequentialNystromFit(@TempDir Path dir) throws Exception {
    Path train = csv(dir, "train.csv", 200, 3), test = csv(dir, "test.csv", 20, 4), model = dir.resolve("ny.mlmp");
    SparkTrainCommandTest.MlmpRun r = mlmp("spark", "krr", "--master", "local[2]", "--partitions", "2", "--method",
        "nystrom", "--landmarks", "30", "--seed", "7", "--kernel", "gaussian", "--sigma", "0.7", "--lambda", "0.001",
        "--data", train.toString(), "--target", "y", "--predict", test.toString(), "--save", model.toString());
    assertEquals(0, r.code(), r.err());
    JsonNode s = JSON.readTree(r.out());
    assertEquals(List.of("model", "kernel", "lambda", "landmarks", "coef", "predictions"), keys(s));
    assertEquals("krr", s.get("model").asText());
    assertEquals(30, s.get("landmarks").asInt());
    NystromKernelRidgeModel saved = ModelFile.load(model, NystromKernelRidgeModel.class);
    // the sequential fit with the same landmarks (seed) and the same two blocks of 100 rows: bitwise
    var train2 = org.mlmp.data.CsvTable.read(train, org.mlmp.data.CsvOptions.DEFAULT).toDataset("y");
    var testX = org.mlmp.data.CsvTable.read(test, org.mlmp.data.CsvOptions.DEFAULT).toDataset("y").x();
    NystromKernelRidgeModel sequential = NystromKernelRidge.of(Gaussian.of(0.7), 0.001, 30).withSeed(7)
        .withBlockRows(100).fit(train2);
    assertEquals(sequential.landmarks(), saved.landmarks());
    assertEquals(sequential.coef(), saved.coef());
    double dp = SparkRowBlocksTest.relative(values(s.get("predictions")), sequential.predict(testX).toDoubleVector());
    assertTrue(dp < 1e-12, "predictions differ by " + dp);
    SparkTrainCommandTest.MlmpRun predicted = mlmp("predict", "--model-file", model.toString(), "--data",
        test.toString());
    assertEquals(0, predicted.code(), predicted.err());
    assertEquals(s.get("predictions"), JSON.readTree(predicted.out()).get("predictions"));
  }

  @Test
  void badOptionsAreNamedBeforeSparkStarts() {
    assertEquals("mlmp krr: --method must be exact (conjugate gradients) or nystrom (the Nyström approximation with"
        + " --landmarks m). Got 'cholesky' instead.", mlmp("spark", "krr", "--method", "cholesky").err().strip());
    assertEquals("mlmp krr: --landmarks must be >= 1 (and at most the number of training rows). Got 0 instead.",
        mlmp("spark", "krr", "--method", "nystrom", "--landmarks", "0").err().strip());
    assertEquals("mlmp krr: --landmarks m is required for --method nystrom (a few hundred to a few thousand are usual;"
        + " at most the number of training rows).", mlmp("spark", "krr", "--method", "nystrom").err().strip());
    assertEquals("mlmp krr: --tolerance does not apply to --method nystrom (a direct solve); it sets the conjugate"
        + " gradients of --method exact.", mlmp("spark", "krr", "--method", "nystrom", "--landmarks", "3",
        "--tolerance", "1e-6").err().strip());
    assertEquals("mlmp krr: --max-iterations does not apply to --method nystrom (a direct solve); it sets the"
        + " conjugate gradients of --method exact.", mlmp("spark", "krr", "--method", "nystrom", "--landmarks", "3",
        "--max-iterations", "5").err().strip());
    assertEquals("mlmp krr: --tolerance must be in (0, 1) (the relative residual at which conjugate gradients stop)."
        + " Got 1.5 instead; 1e-10 matches mlmp fit's Cholesky solve to about 1e-8.",
        mlmp("spark", "krr", "--tolerance", "1.5").err().strip());
    assertEquals("mlmp krr: --max-iterations must be >= 1. Got 0 instead.",
        mlmp("spark", "krr", "--max-iterations", "0").err().strip());
    assertEquals("mlmp krr: --model does not apply to mlmp spark krr: it fits kernel ridge regression (mlmp fit"
        + " --model krr) only. Drop --model.", mlmp("spark", "krr", "--model", "svm").err().strip());
    SparkTrainCommandTest.MlmpRun r = mlmp("spark", "krr", "--partitions", "0");
    assertEquals(1, r.code());
    assertEquals("mlmp krr: --partitions must be >= 1. Got 0 instead.", r.err().strip());
  }

  @Test
  void landmarksAboveTheRowsAndCgThatDoesNotConvergeAreNamed(@TempDir Path dir) throws Exception {
    Path train = csv(dir, "train.csv", 40, 5);
    String[] data = {"--master", "local[2]", "--kernel", "gaussian", "--sigma", "0.5", "--data", train.toString(),
        "--target", "y"};
    SparkTrainCommandTest.MlmpRun r = mlmp(concat(new String[] {"spark", "krr", "--method", "nystrom", "--landmarks",
        "41", "--lambda", "0.1"}, data));
    assertEquals(1, r.code());
    assertEquals("mlmp krr: --landmarks 41 is more than the 40 training rows; use --landmarks <= 40.", r.err().strip());
    r = mlmp(concat(new String[] {"spark", "krr", "--landmarks", "41", "--lambda", "0.1"}, data));
    assertEquals("mlmp krr: --landmarks 41 is more than the 40 training rows; use --landmarks <= 40.", r.err().strip());
    r = mlmp(concat(new String[] {"spark", "krr", "--lambda", "0"}, data));
    assertEquals("mlmp krr: --lambda must be > 0 for --method exact (conjugate gradients need K + λI positive"
        + " definite). Got 0.0 instead.", r.err().strip());
    r = mlmp(concat(new String[] {"spark", "krr", "--partitions", "41", "--lambda", "0.1"}, data));
    assertEquals("mlmp krr: --partitions 41 is more than the 40 training rows: a partition would hold no rows. Use 1"
        + " to 40 partitions.", r.err().strip());
    r = mlmp(concat(new String[] {"spark", "krr", "--lambda", "1e-6", "--landmarks", "1", "--max-iterations", "2"},
        data));
    assertEquals(1, r.code());
    String err = r.err().strip();
    assertTrue(err.matches("mlmp krr: Conjugate gradients did not converge: ConjugateGradientKernelRidge did not reach"
        + " the relative residual 1\\.00e-10 within maxIterations = 2 for target 0 \\(reached [0-9.e+-]+\\); raise"
        + " maxIterations, lambda or preconditionerLandmarks\\. On the command line: raise --max-iterations \\(now 2\\),"
        + " --lambda \\(now 1\\.0E-6\\) or --landmarks \\(the preconditioner, now 1\\), or loosen --tolerance \\(now"
        + " 1\\.0E-10\\)\\."), err);
  }

  static String[] concat(String[] a, String[] b) {
    String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
