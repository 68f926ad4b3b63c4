package org.example.userproject;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Classifier;
import org.mlmp.api.Dataset;
import org.mlmp.api.Regressor;
import org.mlmp.backend.BackendReport;
import org.mlmp.backend.Backends;
import org.mlmp.io.ModelFile;
import org.mlmp.linear.LogisticRegression;
import org.mlmp.linear.Ridge;

/** mlmp as a dependency: no Mlmp.init() anywhere; only the published jar and its public API. */
class QuickStartTest {
  @TempDir Path dir;

  @Test
  void regressorSavedAndLoadedPredictsIdenticallyAndFits() throws Exception {
    double[][] x = QuickStart.features();
    Regressor fitted = Ridge.of(1e-4).fit(Dataset.of(x, QuickStart.regressionTarget(x)));
    Path file = dir.resolve("ridge.mlmp");
    ModelFile.save(fitted, file);
    Regressor loaded = ModelFile.load(file, Regressor.class);

    double[] before = fitted.predict(x);
    assertArrayEquals(before, loaded.predict(x), 0.0);
    double[] y = QuickStart.regressionTarget(x);
    for (int i = 0; i < y.length; i++) assertEquals(y[i], before[i], 0.1, "row " + i);
  }

  @Test
  void classifierSavedAndLoadedPredictsIdenticallyAndSeparates() throws Exception {
    double[][] x = QuickStart.features();
    Classifier loaded = QuickStart.fitSaveLoadClassifier(dir.resolve("logistic.mlmp"));
    Classifier fitted = LogisticRegression.of(0.01).fit(Dataset.of(x, QuickStart.classTarget(x)));

    assertArrayEquals(fitted.predict(x), loaded.predict(x), 0.0);
    assertArrayEquals(new double[] {1, 0}, loaded.predict(new double[][] {{1.5, 1.0}, {-1.5, -1.0}}), 0.0);
  }

  @Test
  void nanAtPredictTimeIsRefusedNamingRowAndColumn() throws Exception {
    Regressor ridge = QuickStart.fitSaveLoadRegressor(dir.resolve("ridge.mlmp"));
    double[][] bad = {{0.0, 0.0}, {0.5, Double.NaN}};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ridge.predict(bad));
    assertEquals("x contains NaN at row 1, column 1 (0-based); a fitted model cannot predict from missing or"
        + " infinite values: impute or drop that row.", e.getMessage());

    Classifier logistic = QuickStart.fitSaveLoadClassifier(dir.resolve("logistic.mlmp"));
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
        () -> logistic.predict(new double[][] {{Double.POSITIVE_INFINITY, 0.0}}));
    assertTrue(c.getMessage().startsWith("x contains Infinity at row 0, column 0 (0-based)"), c.getMessage());
  }

  @Test
  void backendStartedByItselfWithALoadedNativeBuild() throws Exception {
    QuickStart.fitSaveLoadRegressor(dir.resolve("ridge.mlmp")); // touches ND4J first, without Mlmp.init()
    BackendReport report = Backends.report();
    assertNotNull(report.nativeBuild());
    assertTrue(report.nativeBuild().startsWith("linux-x86_64"), report.toText());
    assertTrue(report.warnings().stream().noneMatch(w -> w.contains("ND4J was started before mlmp")),
        report.toText());
  }
}
