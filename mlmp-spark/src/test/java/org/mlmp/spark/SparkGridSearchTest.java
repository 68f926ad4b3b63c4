package org.mlmp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mlmp.api.Dataset;
import org.mlmp.api.Regressor;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.linear.GradientDescent;
import org.mlmp.selection.ConfigurationScore;
import org.mlmp.selection.Grid;
import org.mlmp.selection.GridSearch;
import org.mlmp.selection.GridSearchResult;
import org.mlmp.selection.Scoring;

/**
 * {@link SparkGridSearch} on local[2] against the sequential {@link GridSearch#run}: every fold score, mean, standard
 * deviation, the best configuration and the refitted model bitwise equal, for kernel ridge regression, SVMs on text
 * class labels and seeded mini-batch gradient descent (whose tasks draw their own seeds).
 */
class SparkGridSearchTest {
  @RegisterExtension static final LocalSpark SPARK = LocalSpark.on("local[2]");

  /** Two overlapping Gaussian blobs labelled "left" and "right" (text labels). */
  static Dataset blobs(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][2];
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double s = i % 2 == 0 ? 1 : -1;
      labels.add(s > 0 ? "right" : "left");
      x[i][0] = s * 0.8 + r.nextGaussian();
      x[i][1] = -s * 0.5 + r.nextGaussian();
    }
    return Dataset.ofLabels(x, labels);
  }

  /** Every score of {@code actual} bitwise equal to {@code expected}'s. */
  static void assertSameResult(GridSearchResult expected, GridSearchResult actual) {
    assertEquals(expected.scores().size(), actual.scores().size());
    for (int c = 0; c < expected.scores().size(); c++) {
      ConfigurationScore e = expected.scores().get(c), a = actual.scores().get(c);
      assertEquals(e.configuration(), a.configuration(), "configuration " + c);
      assertArrayEquals(e.foldScores(), a.foldScores(), 0.0, "fold scores of configuration " + c);
      assertEquals(Double.doubleToRawLongBits(e.mean()), Double.doubleToRawLongBits(a.mean()), "mean of " + c);
      assertEquals(Double.doubleToRawLongBits(e.std()), Double.doubleToRawLongBits(a.std()), "std of " + c);
    }
    assertEquals(expected.bestIndex(), actual.bestIndex());
    assertEquals(expected.scoring(), actual.scoring());
    assertEquals(expected.folds(), actual.folds());
    assertEquals(expected.seed(), actual.seed());
  }

  @Test
  void kernelRidgeEqualsTheSequentialSearchAndItsRefit() {
    Dataset d = SparkRowBlocksTest.data(60, 3);
    GridSearch search = GridSearch.of(Grid.expand(KernelRidge.of(Gaussian.of(1), 1), "lambda=1e-3,0.1,1;kernel.sigma=0.3,1"),
        5, 11);
    GridSearchResult sequential = search.run(d);
    GridSearchResult spark = SparkGridSearch.run(SPARK.sc(), search, d);
    assertSameResult(sequential, spark);
    assertEquals(Scoring.RMSE, spark.scoring());
    double[] a = ((Regressor) search.refit(sequential, d)).predict(d.x()).toDoubleVector();
    double[] b = ((Regressor) search.refit(spark, d)).predict(d.x()).toDoubleVector();
    assertArrayEquals(a, b, 0.0, "the refitted best model");
  }

  @Test
  void svmOnTextLabelsEqualsTheSequentialSearch() {
    Dataset d = blobs(48, 5);
    GridSearch search = GridSearch.of(Grid.expand(Svm.of(Gaussian.of(1), 1).withTolerance(1e-3), "c=0.1,1,10"), 4, 7);
    GridSearchResult spark = SparkGridSearch.run(SPARK.sc(), search, d);
    assertSameResult(search.run(d), spark);
    assertEquals(Scoring.ACCURACY, spark.scoring());
  }

  @Test
  void seededTrainersDrawTheSequentialTaskSeeds() {
    Dataset d = SparkRowBlocksTest.data(40, 9);
    GridSearch search = GridSearch.of(List.of(GradientDescent.of(0.05).withBatchSize(8, 0).withMaxIterations(30),
        GradientDescent.of(0.2).withBatchSize(8, 0).withMaxIterations(30)), 4, 17).withScoring(Scoring.MAE);
    assertSameResult(search.run(d), SparkGridSearch.run(SPARK.sc(), search, d));
  }

  @Test
  void moreFoldsThanRowsIsRefusedBeforeAnyJob() {
    Dataset d = SparkRowBlocksTest.data(6, 1);
    GridSearch search = GridSearch.of(List.of(KernelRidge.of(Gaussian.of(1), 1)), 7, 0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkGridSearch.run(SPARK.sc(), search, d));
    assertEquals("GridSearch: folds = 7 is more than the 6 rows of the data set; use folds <= 6 (every fold needs a"
        + " row to hold out).", e.getMessage());
  }

  @Test
  void aTaskFailureKeepsTheTasksMessage() {
    Dataset d = SparkRowBlocksTest.data(20, 1);
    GridSearch search = GridSearch.of(List.of(KernelRidge.of(Gaussian.of(1), 1)), 2, 0).withScoring(Scoring.ACCURACY);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparkGridSearch.run(SPARK.sc(), search, d));
    assertEquals(assertThrows(IllegalArgumentException.class, () -> search.run(d)).getMessage(), e.getMessage());
  }
}
