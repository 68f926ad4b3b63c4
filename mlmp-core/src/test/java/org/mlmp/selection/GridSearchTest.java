package org.mlmp.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mlmp.api.Dataset;
import org.mlmp.api.Regressor;
import org.mlmp.api.Trainer;
import org.mlmp.baseline.MeanRegressor;
import org.mlmp.cluster.KMeans;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernel.Kernel;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.KernelRidgeSearch;
import org.mlmp.kernelmethods.KernelRidgeSearchTest;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmSearch;
import org.mlmp.linear.CrossValidation;
import org.mlmp.linear.GradientDescent;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.Ridge;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Loss;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;

class GridSearchTest {
  /** y = sin(2π x0) cos(π x1) + noise on [0,1]², seeded: the data of KernelRidgeSearchTest. */
  static Dataset smooth(int n, long seed, double noise) {
    return KernelRidgeSearchTest.smooth(n, seed, noise);
  }

  /** Two overlapping Gaussian blobs labelled ±1. */
  static Dataset blobs(int n, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 2 == 0 ? 1 : -1;
      x[i][0] = y[i] * 0.8 + r.nextGaussian();
      x[i][1] = -y[i] * 0.5 + r.nextGaussian();
    }
    return Dataset.of(x, y);
  }

  /**
   * Against KernelRidgeSearch (the reference: its own Gram reuse and Cholesky per λ) on the same folds: the same
   * fold MSEs to 1e-9 relative (round-off of two solve paths), the same best configuration.
   */
  @Test
  void equalsKernelRidgeSearch() {
    Dataset d = smooth(70, 1, 0.1);
    List<Kernel> kernels = KernelRidgeSearch.gaussians(0.1, 0.3, 1.0);
    double[] lambdas = {1e-4, 1e-2, 1.0};
    var reference = KernelRidgeSearch.crossValidate(d, kernels, lambdas, 5, 42);
    List<KernelRidge> grid = new ArrayList<>();
    for (Kernel k : kernels) for (double l : lambdas) grid.add(KernelRidge.of(k, l));
    GridSearchResult r = GridSearch.of(grid, 5, 42).withScoring(Scoring.MSE).run(d);
    assertEquals(reference.scores().size(), r.scores().size());
    for (int i = 0; i < grid.size(); i++) {
      double[] expected = reference.scores().get(i).foldMse(), got = r.scores().get(i).foldScores();
      for (int f = 0; f < 5; f++) assertEquals(expected[f], got[f], 1e-9 * expected[f], "configuration " + i + " fold " + f);
      assertEquals(reference.scores().get(i).stdMse(), r.scores().get(i).std(), 1e-9 * reference.scores().get(i).meanMse());
    }
    assertEquals(reference.scores().indexOf(reference.best()), r.bestIndex());
    assertEquals(reference.best().trainer(), r.best().configuration());
    assertEquals(Scoring.MSE, r.scoring());
  }

  /** Against SvmSearch on the same folds: bitwise the same fold accuracies and the same best (C, σ). */
  @Test
  void equalsSvmSearch() {
    Dataset d = blobs(60, 5);
    List<Kernel> kernels = KernelRidgeSearch.gaussians(0.3, 1.0, 3.0);
    double[] cs = {0.1, 1, 10};
    var reference = SvmSearch.crossValidate(d, kernels, cs, 4, 1e-3, 7);
    List<Svm> grid = new ArrayList<>();
    for (Kernel k : kernels) for (double c : cs) grid.add(Svm.of(k, c).withTolerance(1e-3));
    GridSearchResult r = GridSearch.of(grid, 4, 7).run(d);
    assertEquals(Scoring.ACCURACY, r.scoring(), "a classifier's default scoring");
    for (int i = 0; i < grid.size(); i++) {
      assertArrayEquals(reference.scores().get(i).foldAccuracy(), r.scores().get(i).foldScores(), 0.0, "configuration " + i);
      // the means differ in summation order only (DoubleStream.average is compensated): 1e-15 relative
      assertEquals(reference.scores().get(i).meanAccuracy(), r.scores().get(i).mean(), 1e-15);
    }
    assertEquals(reference.scores().indexOf(reference.best()), r.bestIndex());
  }

  /** Against the ridge λ path's cross-validation (CrossValidation.run, same folds): the same mean MSE to 1e-9 relative. */
  @Test
  void equalsTheRidgeLambdaPath() {
    Random rnd = new Random(3);
    double[][] x = new double[50][6];
    double[] y = new double[50];
    for (int i = 0; i < 50; i++) {
      for (int j = 0; j < 6; j++) x[i][j] = rnd.nextGaussian();
      y[i] = x[i][0] - 2 * x[i][1] + 0.5 * x[i][2] + rnd.nextGaussian();
    }
    Dataset d = Dataset.of(x, y);
    double[] lambdas = {3.0, 1.0, 0.3, 0.1, 0.01, 0.001};
    CrossValidation reference = CrossValidation.run(Ridge.of(0), d, lambdas, 5, 11);
    List<Ridge> grid = Arrays.stream(lambdas).mapToObj(Ridge::of).toList();
    GridSearchResult r = GridSearch.of(grid, 5, 11).withScoring(Scoring.MSE).run(d);
    for (int i = 0; i < lambdas.length; i++) {
      assertEquals(reference.meanMse()[i], r.scores().get(i).mean(), 1e-9 * reference.meanMse()[i], "lambda " + lambdas[i]);
    }
    assertEquals(reference.bestLambda(), ((Ridge) r.best().configuration()).lambda());
  }

  /**
   * By hand: leave-one-out (k = n = 4) of the mean baseline on y = 1, 2, 3, 4. Holding out y_i leaves the mean
   * (10 − y_i)/3, so the errors are (4y_i − 10)/3 = −2, −2/3, 2/3, 2: RMSE per fold 2, 2/3, 2/3, 2 (mean 4/3,
   * population std 2/3), MSE per fold 4, 4/9, 4/9, 4 (mean 20/9).
   */
  @Test
  void meanBaselineLeaveOneOutByHand() {
    Dataset d = Dataset.of(new double[][] {{0}, {1}, {2}, {3}}, new double[] {1, 2, 3, 4});
    GridSearchResult r = GridSearch.of(List.of(MeanRegressor.of()), 4, 9).run(d);
    assertEquals(Scoring.RMSE, r.scoring(), "a regressor's default scoring");
    double[] folds = r.best().foldScores();
    Arrays.sort(folds);
    assertArrayEquals(new double[] {2.0 / 3, 2.0 / 3, 2, 2}, folds, 1e-15);
    assertEquals(4.0 / 3, r.best().mean(), 1e-15);
    assertEquals(2.0 / 3, r.best().std(), 1e-15);
    GridSearchResult mse = GridSearch.of(List.of(MeanRegressor.of()), 4, 9).withScoring(Scoring.MSE).run(d);
    assertEquals(20.0 / 9, mse.best().mean(), 1e-14);
  }

  /** The ranking follows the scoring's direction: R² and RMSE pick the same λ; the best is not the first listed. */
  @Test
  void directionOfTheScoring() {
    Dataset d = smooth(60, 2, 0.0);
    List<KernelRidge> grid = List.of(KernelRidge.of(Gaussian.of(0.3), 10), KernelRidge.of(Gaussian.of(0.3), 1e-6));
    GridSearchResult rmse = GridSearch.of(grid, 3, 1).run(d);
    GridSearchResult r2 = GridSearch.of(grid, 3, 1).withScoring(Scoring.R2).run(d);
    assertEquals(1, rmse.bestIndex());
    assertEquals(1, r2.bestIndex());
    assertTrue(r2.best().mean() > r2.scores().get(0).mean());
    assertTrue(rmse.toTable().lines().anyMatch(l -> l.contains("*") && l.contains("1.0E-6")), rmse.toTable());
  }

  /** SplitMix64, written out independently: the (f+1)-th output of a generator seeded with the (c+1)-th output of one seeded with base. */
  static final class SplitMix64 {
    long state;

    SplitMix64(long seed) {
      state = seed;
    }

    long next() {
      long z = (state += 0x9E3779B97F4A7C15L);
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    long nth(int k) {
      long v = 0;
      for (int i = 0; i < k; i++) v = next();
      return v;
    }
  }

  @Test
  void taskSeedsAreSplitMix64() {
    // Vigna's splitmix64.c seeded with 0: first output 0xe220a8397b1dcdaf
    assertEquals(0xE220A8397B1DCDAFL, new SplitMix64(0).next());
    for (long base : new long[] {0, 42, -7}) {
      for (int c = 0; c < 3; c++) {
        for (int f = 0; f < 4; f++) {
          long inner = new SplitMix64(base).nth(c + 1);
          assertEquals(new SplitMix64(inner).nth(f + 1), GridSearch.taskSeed(base, c, f));
        }
      }
    }
    assertNotEquals(GridSearch.taskSeed(1, 0, 1), GridSearch.taskSeed(1, 1, 0));
  }

  @Test
  void withSeedReplacesEverySeedComponent() {
    KMeans k = KMeans.of(3).withSeed(1);
    assertEquals(KMeans.of(3).withSeed(42), GridSearch.withSeed(k, 42));
    GradientDescent gd = GradientDescent.of(0.05).withBatchSize(4, 2);
    assertEquals(GradientDescent.of(0.05).withBatchSize(4, 99), GridSearch.withSeed(gd, 99));
    MeanRegressor mean = MeanRegressor.of();
    assertSame(mean, GridSearch.withSeed(mean, 5), "no seed: the trainer itself");
    NeuralNet net = NeuralNet.of(Network.of(Shape.vector(2), Loss.SQUARED_ERROR, Dense.of(3, Activation.TANH), Dense.of(1,
        Activation.IDENTITY)), Optimizer.Adam.of(0.01)).withSeed(3);
    assertEquals(net.withSeed(8), GridSearch.withSeed(net, 8), "a network trainer with null components (no augmentation)");
  }

  /**
   * The distributed contract: tasks run in any order, by a search read back from its JSON, summarised, give
   * bitwise the sequential result — with a seeded trainer (mini-batch gradient descent) whose folds draw their
   * own seeds.
   */
  @Test
  void tasksInAnyOrderFromJsonEqualTheSequentialRun() {
    Dataset d = smooth(40, 3, 0.1);
    List<GradientDescent> grid = List.of(GradientDescent.of(0.05).withBatchSize(8, 0).withMaxIterations(30),
        GradientDescent.of(0.2).withBatchSize(8, 0).withMaxIterations(30));
    GridSearch search = GridSearch.of(grid, 4, 17);
    GridSearchResult sequential = search.run(d);

    GridSearch shipped = GridSearch.fromJson(search.toJson());
    assertEquals(search, shipped);
    List<CvTask> tasks = new ArrayList<>(shipped.tasks());
    assertEquals(8, tasks.size());
    assertEquals(new CvTask(0, 3), tasks.get(3));
    assertEquals(new CvTask(1, 0), tasks.get(4));
    Collections.shuffle(tasks, new Random(1));
    List<FoldScore> scores = new ArrayList<>();
    for (CvTask t : tasks) {
      FoldScore s = GridSearch.fromJson(search.toJson()).evaluate(t, d);
      assertEquals(GridSearch.taskSeed(17, t.configuration(), t.fold()), s.seed());
      scores.add(s);
    }
    GridSearchResult distributed = shipped.summarize(scores);
    for (int c = 0; c < 2; c++) {
      assertArrayEquals(sequential.scores().get(c).foldScores(), distributed.scores().get(c).foldScores(), 0.0);
    }
    assertEquals(sequential.bestIndex(), distributed.bestIndex());
    // the seeds matter: fitting with the listed seed (0) instead of the task seeds gives other fold scores
    var fold0 = search.folds(d).get(0);
    double listed = Scoring.RMSE.score(grid.get(0).fit(d.rows(fold0.train())), d.rows(fold0.validation()));
    assertNotEquals(listed, sequential.scores().get(0).foldScores()[0]);
  }

  /** Every kind of trainer travels: a network trainer with defaulted and null components, a mixture, an SVM. */
  @Test
  void theJsonCarriesEveryTrainer() {
    NeuralNet net = NeuralNet.of(Network.of(Shape.vector(2), Loss.SQUARED_ERROR, Dense.of(3, Activation.TANH),
        Dense.of(1, Activation.IDENTITY)), Optimizer.Adam.of(0.01)).withPrefetch(false);
    List<Trainer<?>> grid = List.of(net, net.withLearningRateDecay(0.9),
        org.mlmp.density.GaussianMixture.of(2).withCovariance(org.mlmp.density.CovarianceType.DIAGONAL),
        Svm.of(Gaussian.of(0.7), 3).withTolerance(1e-4), Ridge.of(2).withStandardize(true));
    GridSearch s = new GridSearch(grid, 3, -5, Scoring.R2);
    assertEquals(s, GridSearch.fromJson(s.toJson()));
    assertEquals(List.of(net.withLearningRateDecay(0.5), net.withLearningRateDecay(1)),
        Grid.expand(net, "learningRateDecay=0.5,1"));
  }

  @Test
  void refitFitsTheBestConfigurationOnAllRows() {
    Dataset d = smooth(40, 4, 0.05);
    List<Ridge> grid = List.of(Ridge.of(10), Ridge.of(0.01));
    GridSearch search = GridSearch.of(grid, 4, 2);
    GridSearchResult r = search.run(d);
    Regressor m = (Regressor) search.refit(r, d);
    assertArrayEquals(grid.get(r.bestIndex()).fit(d).predict(d.x()).toDoubleVector(), m.predict(d.x()).toDoubleVector(), 0);
  }

  @Test
  void gridExpandsFirstAxisSlowest() {
    assertEquals(List.of(Ridge.of(0.1), Ridge.of(1), Ridge.of(10)), Grid.expand(Ridge.of(5), "lambda=0.1,1,10"));
    List<KernelRidge> g = Grid.expand(KernelRidge.of(Gaussian.of(1), 1), "lambda=0.1,1; kernel.sigma=0.5,2");
    assertEquals(List.of(KernelRidge.of(Gaussian.of(0.5), 0.1), KernelRidge.of(Gaussian.of(2), 0.1),
        KernelRidge.of(Gaussian.of(0.5), 1), KernelRidge.of(Gaussian.of(2), 1)), g);
  }

  @Test
  void badGridsAreRefusedWithTheFix() {
    var unknown = assertThrows(IllegalArgumentException.class, () -> Grid.expand(Ridge.of(1), "alpha=1,2"));
    assertEquals("The grid names 'alpha', but Ridge has no component 'alpha'; its components are [lambda, fitIntercept,"
        + " standardize, solver, precision].", unknown.getMessage());
    var value = assertThrows(IllegalArgumentException.class, () -> Grid.expand(Ridge.of(1), "lambda=1,x"));
    assertEquals("The grid value 'x' for 'lambda' of Ridge must be a number.", value.getMessage());
    var refused = assertThrows(IllegalArgumentException.class, () -> Grid.expand(Ridge.of(1), "lambda=-1"));
    assertTrue(refused.getMessage().startsWith("The 'lambda' parameter of Ridge"), refused.getMessage());
    var noValues = assertThrows(IllegalArgumentException.class, () -> Grid.parse("lambda="));
    assertEquals("The grid axis 'lambda=' must be name=value1,value2,..., e.g. 'lambda=0.1,1,10'.", noValues.getMessage());
    for (String spec : new String[] {"lambda=1,,2", "lambda=1,", "lambda=,1"}) {
      var blank = assertThrows(IllegalArgumentException.class, () -> Grid.parse(spec), spec);
      assertEquals("The grid axis '" + spec + "' has an empty value (two commas in a row, or one at an end); remove it,"
          + " e.g. 'lambda=0.1,1,10'.", blank.getMessage());
    }
    var twice = assertThrows(IllegalArgumentException.class, () -> Grid.parse("lambda=1;lambda=2"));
    assertEquals("The grid names 'lambda' twice; give each component once with all its values.", twice.getMessage());
  }

  @Test
  void badSearchesAreRefusedWithTheValueAndTheFix() {
    Dataset d = smooth(5, 1, 0);
    var one = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(List.of(Ridge.of(1)), 1, 0));
    assertEquals("The 'folds' parameter of GridSearch must be >= 2 (each row is held out by one of k >= 2 folds). Got 1"
        + " instead; 5 or 10 are usual.", one.getMessage());
    var many = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(List.of(Ridge.of(1)), 6, 0).run(d));
    assertEquals("GridSearch: folds = 6 is more than the 5 rows of the data set; use folds <= 5 (every fold needs a row"
        + " to hold out).", many.getMessage());
    var empty = assertThrows(IllegalArgumentException.class, () -> GridSearch.of(List.of(), 5, 0));
    assertEquals("The 'configurations' parameter of GridSearch must hold at least one trainer. Got an empty list"
        + " instead; give e.g. List.of(Ridge.of(0.1), Ridge.of(1.0)) or Grid.expand(trainer, \"lambda=0.1,1,10\").",
        empty.getMessage());
    var family = assertThrows(IllegalArgumentException.class,
        () -> GridSearch.of(List.of(Ridge.of(1)), 2, 0).withScoring(Scoring.ACCURACY).run(d));
    assertEquals("GridSearch: the scoring 'accuracy' needs a Classifier, but configuration 0 (" + Ridge.of(1)
        + ") fits a LinearModel. Choose a scoring of its family, or none for the family's default (rmse).",
        family.getMessage());
    var unscored = assertThrows(IllegalArgumentException.class,
        () -> GridSearch.of(List.of(KMeans.of(2)), 2, 0).run(Dataset.of(new double[][] {{0}, {1}, {5}, {6}})));
    assertEquals("A KMeansModel is neither a Regressor, a Classifier nor a DensityModel, so no scoring applies to it;"
        + " model selection needs one of those families.", unscored.getMessage());
    var unknownScoring = assertThrows(IllegalArgumentException.class, () -> Scoring.parse("f2"));
    assertEquals("Unknown scoring 'f2'; expected one of mse, rmse, mae, r2, accuracy, log-likelihood.",
        unknownScoring.getMessage());
  }

  @Test
  void mixedFamiliesNeedOneScoring() {
    Dataset d = blobs(20, 1);
    List<Trainer<?>> grid = List.of(Ridge.of(1), LogisticRegression.of(0.1));
    var e = assertThrows(IllegalArgumentException.class, () -> new GridSearch(grid, 2, 0, null).run(d));
    assertEquals("GridSearch: configuration 0 was scored by 'rmse' but configuration 1 by 'accuracy': the grid mixes"
        + " model families. Set one scoring for all (withScoring) or search each family separately.", e.getMessage());
  }

  @Test
  void summarizeNeedsEachTaskOnce() {
    GridSearch s = GridSearch.of(List.of(Ridge.of(1)), 2, 0);
    FoldScore a = new FoldScore(0, 0, 1, Scoring.RMSE, 1.0);
    var missing = assertThrows(IllegalArgumentException.class, () -> s.summarize(List.of(a)));
    assertEquals("GridSearch.summarize: task (configuration 0, fold 1) has no score; every one of the 2 tasks must be"
        + " run.", missing.getMessage());
    var twice = assertThrows(IllegalArgumentException.class, () -> s.summarize(List.of(a, a)));
    assertEquals("GridSearch.summarize: task (configuration 0, fold 0) was scored twice; give each task's score once.",
        twice.getMessage());
    var outside = assertThrows(IllegalArgumentException.class,
        () -> s.summarize(List.of(new FoldScore(1, 0, 1, Scoring.RMSE, 1.0))));
    assertEquals("GridSearch: task (configuration 1, fold 0) is outside this search of 1 configurations × 2 folds.",
        outside.getMessage());
  }

  @Test
  void fromJsonRefusesWhatIsNotATrainerRecord() {
    var json = GridSearch.of(List.of(Ridge.of(1)), 2, 0).toJson();
    ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("configurations").get(0)).put("class", "java.lang.String");
    var e = assertThrows(IllegalArgumentException.class, () -> GridSearch.fromJson(json));
    assertEquals("GridSearch.fromJson: configuration 0 names java.lang.String, which is not a trainer record (a record"
        + " implementing org.mlmp.api.Trainer).", e.getMessage());
  }
}
