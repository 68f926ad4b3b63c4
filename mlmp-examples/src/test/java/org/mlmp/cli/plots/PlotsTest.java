package org.mlmp.cli.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Dataset;
import org.mlmp.kernelmethods.LearningCurve;
import org.mlmp.linear.CrossValidation;
import org.mlmp.linear.Lasso;
import org.mlmp.linear.RegularizationPath;
import org.mlmp.nn.EpochRecord;
import org.mlmp.nn.History;

/** The XChart writers write PNG files (their data is tested in mlmp-core). */
class PlotsTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

  /** 120 rows, 12 standard normal features, y = 1.5 x1 − x5 + 0.6 x8 + noise 0.5. */
  private static Dataset planted() {
    Random r = new Random(17);
    double[][] x = new double[120][12];
    double[] y = new double[120];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 12; j++) x[i][j] = r.nextGaussian();
      y[i] = 1.5 * x[i][1] - x[i][5] + 0.6 * x[i][8] + 0.5 * r.nextGaussian();
    }
    return Dataset.of(x, y);
  }

  private static void assertPng(Path p, int minBytes) throws IOException {
    byte[] b = Files.readAllBytes(p);
    assertTrue(b.length > minBytes, p + " is only " + b.length + " bytes");
    assertArrayEquals(PNG, Arrays.copyOf(b, 4));
  }

  @Test
  void pathAndCvPlotsArePngFiles(@TempDir Path dir) throws Exception {
    Dataset d = planted();
    Lasso lasso = Lasso.of(0);
    double[] lambdas = RegularizationPath.defaultLambdas(lasso, d, 20, 1e-3);
    Path p1 = dir.resolve("path.png"), p2 = dir.resolve("cv.png");
    PathPlots.coefficientPath(RegularizationPath.fit(lasso, d, lambdas), "LASSO path", p1);
    PathPlots.cvCurve(CrossValidation.run(lasso, d, lambdas, 3, 0), "LASSO CV", p2);
    assertPng(p1, 2000);
    assertPng(p2, 2000);
  }

  @Test
  void learningCurveIsWrittenAsPng(@TempDir Path dir) throws Exception {
    LearningCurve lc = new LearningCurve(List.of(new LearningCurve.Point(25, 0.01, 0.2, 0.3),
        new LearningCurve.Point(50, 0.01, 0.08, 0.1), new LearningCurve.Point(100, 0.01, 0.02, 0.03)));
    Path png = dir.resolve("sub/curve.png");
    LearningCurvePlot.write(lc, png, "KRR learning curve", "a.u.");
    assertPng(png, 1000);
  }

  @Test
  void historyCurvesAreWrittenAsPngAndAnEmptyHistoryIsRefused(@TempDir Path dir) throws Exception {
    History h = new History(List.of(new EpochRecord(1, 0.9, 0.8, 0.7, 1, 100), new EpochRecord(2, 0.5, 0.6, 0.8, 1, 100)));
    Path png = dir.resolve("curves.png");
    HistoryPlot.write(h, png);
    assertPng(png, 0);
    IOException e = assertThrows(IOException.class, () -> HistoryPlot.write(new History(List.of()), dir.resolve("x.png")));
    assertEquals("No epochs to plot.", e.getMessage());
  }
}
