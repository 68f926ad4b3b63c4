package org.example.userproject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.mlmp.api.Classifier;
import org.mlmp.api.Dataset;
import org.mlmp.api.Regressor;
import org.mlmp.io.ModelFile;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.Ridge;

/** What a new user writes: plain Java arrays in, a regressor and a classifier fitted, saved and loaded. */
public final class QuickStart {
  private QuickStart() {}

  /** Features of 40 samples: two columns on a small grid. */
  public static double[][] features() {
    double[][] x = new double[40][2];
    for (int i = 0; i < x.length; i++) {
      x[i][0] = (i % 8) * 0.5 - 2.0;
      x[i][1] = (i / 8) * 0.7 - 1.4;
    }
    return x;
  }

  /** A real-valued target: 1.5 a - 2 b + 0.3, with a small deterministic wiggle. */
  public static double[] regressionTarget(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = 1.5 * x[i][0] - 2.0 * x[i][1] + 0.3 + 0.01 * Math.sin(i);
    return y;
  }

  /** Two classes, 0 and 1, split by the line a + b = 0. */
  public static double[] classTarget(double[][] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = x[i][0] + x[i][1] > 0 ? 1 : 0;
    return y;
  }

  /** Fits Ridge, saves it to {@code file} and returns the loaded model. */
  public static Regressor fitSaveLoadRegressor(Path file) throws IOException {
    double[][] x = features();
    Regressor fitted = Ridge.of(1e-4).fit(Dataset.of(x, regressionTarget(x)));
    ModelFile.save(fitted, file);
    return ModelFile.load(file, Regressor.class);
  }

  /** Fits LogisticRegression, saves it to {@code file} and returns the loaded model. */
  public static Classifier fitSaveLoadClassifier(Path file) throws IOException {
    double[][] x = features();
    Classifier fitted = LogisticRegression.of(0.01).fit(Dataset.of(x, classTarget(x)));
    ModelFile.save(fitted, file);
    return ModelFile.load(file, Classifier.class);
  }

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("mlmp-quickstart");
    double[][] query = {{0.25, -0.5}, {-1.0, 1.0}};
    System.out.println("ridge predictions: "
        + Arrays.toString(fitSaveLoadRegressor(dir.resolve("ridge.mlmp")).predict(query)));
    System.out.println("logistic predictions: "
        + Arrays.toString(fitSaveLoadClassifier(dir.resolve("logistic.mlmp")).predict(query)));
  }
}
