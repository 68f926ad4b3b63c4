package org.mlmp.cli.plots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mlmp.linear.CrossValidation;
import org.mlmp.linear.RegularizationPath;

/** PNG plots of a {@link RegularizationPath} (coefficients against λ) and a {@link CrossValidation} curve. */
public final class PathPlots {
  private PathPlots() {}

  /** Coefficients for the raw columns against λ (log axis), one line per feature; at most 20 named in the legend. */
  public static void coefficientPath(RegularizationPath path, String title, Path png) throws IOException {
    headless();
    XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle("λ").yAxisTitle("coefficient")
        .build();
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendVisible(path.featureNames().size() <= 20);
    chart.getStyler().setMarkerSize(0);
    double[] l = path.lambdas();
    double[][] c = path.coef();
    for (int j = 0; j < path.featureNames().size(); j++) {
      double[] y = new double[l.length];
      for (int i = 0; i < l.length; i++) y[i] = c[i][j];
      XYSeries s = chart.addSeries(path.featureNames().get(j), l, y);
      s.setMarker(SeriesMarkers.NONE);
    }
    save(chart, png);
  }

  /** Mean validation MSE ± one standard error against λ (log axis), with the minimum and the one-standard-error λ marked. */
  public static void cvCurve(CrossValidation cv, String title, Path png) throws IOException {
    headless();
    XYChart chart = new XYChartBuilder().width(900).height(600).title(title).xAxisTitle("λ")
        .yAxisTitle("validation MSE (" + cv.folds() + "-fold)").build();
    chart.getStyler().setXAxisLogarithmic(true);
    XYSeries s = chart.addSeries("mean ± standard error", cv.lambdas(), cv.meanMse(), cv.stdError());
    s.setMarker(SeriesMarkers.CIRCLE);
    List<Double> bx = new ArrayList<>(), by = new ArrayList<>();
    double[] l = cv.lambdas(), m = cv.meanMse();
    for (int i = 0; i < l.length; i++) {
      if (l[i] == cv.bestLambda()) {
        bx.add(l[i]);
        by.add(m[i]);
      }
    }
    XYSeries b = chart.addSeries("minimum at λ = " + String.format(java.util.Locale.ROOT, "%.4g", cv.bestLambda()), bx, by);
    b.setMarker(SeriesMarkers.DIAMOND);
    double se1 = cv.oneStandardErrorLambda();
    if (se1 != cv.bestLambda()) {
      List<Double> sx = new ArrayList<>(), sy = new ArrayList<>();
      for (int i = 0; i < l.length; i++) {
        if (l[i] == se1) {
          sx.add(l[i]);
          sy.add(m[i]);
        }
      }
      XYSeries s1 = chart.addSeries("one-standard-error λ = " + String.format(java.util.Locale.ROOT, "%.4g", se1), sx, sy);
      s1.setMarker(SeriesMarkers.SQUARE);
    }
    save(chart, png);
  }

  private static void headless() {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private static void save(XYChart chart, Path png) throws IOException {
    Path abs = png.toAbsolutePath();
    if (abs.getParent() != null) Files.createDirectories(abs.getParent());
    BitmapEncoder.saveBitmap(chart, abs.toString().replaceFirst("(?i)\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
  }
}
