package org.mlmp.cli.plots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mlmp.kernelmethods.LearningCurve;

/** A PNG of a {@link LearningCurve}: test MAE and RMSE against the training-set size N, log-log axes (XChart). */
public final class LearningCurvePlot {
  private LearningCurvePlot() {}

  /**
   * Writes {@code curve} to {@code file}.
   *
   * @param errorUnit the unit of the errors for the y-axis title, or null
   */
  public static void write(LearningCurve curve, Path file, String title, String errorUnit) throws IOException {
    System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    XYChart chart = new XYChartBuilder().width(640).height(480).title(title)
        .xAxisTitle("training-set size N").yAxisTitle("test error" + (errorUnit == null ? "" : " (" + errorUnit + ")"))
        .build();
    chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
    double[] n = curve.points().stream().mapToDouble(LearningCurve.Point::nTrain).toArray();
    XYSeries mae = chart.addSeries("test MAE", n, curve.points().stream().mapToDouble(LearningCurve.Point::testMae).toArray());
    mae.setMarker(SeriesMarkers.CIRCLE);
    XYSeries rmse = chart.addSeries("test RMSE", n,
        curve.points().stream().mapToDouble(LearningCurve.Point::testRmse).toArray());
    rmse.setMarker(SeriesMarkers.SQUARE);
    Path abs = file.toAbsolutePath();
    if (abs.getParent() != null) Files.createDirectories(abs.getParent());
    BitmapEncoder.saveBitmap(chart, abs.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
