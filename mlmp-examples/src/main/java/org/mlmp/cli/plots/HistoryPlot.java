package org.mlmp.cli.plots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mlmp.nn.EpochRecord;
import org.mlmp.nn.History;

/** A PNG of a training run's {@link History}: the training and validation cost per epoch (XChart line chart). */
public final class HistoryPlot {
  private HistoryPlot() {}

  /** Writes the curves of {@code history} to {@code file}; an {@link IOException} when it has no epochs. */
  public static void write(History history, Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(640).height(400).title("Learning curves").xAxisTitle("epoch")
        .yAxisTitle("cost").build();
    var epochs = history.epochs();
    double[] x = epochs.stream().mapToDouble(EpochRecord::epoch).toArray();
    if (x.length == 0) throw new IOException("No epochs to plot.");
    chart.addSeries("training", x, epochs.stream().mapToDouble(EpochRecord::trainLoss).toArray())
        .setMarker(SeriesMarkers.CIRCLE);
    if (epochs.stream().allMatch(r -> Double.isFinite(r.validationLoss()))) {
      chart.addSeries("validation", x, epochs.stream().mapToDouble(EpochRecord::validationLoss).toArray())
          .setMarker(SeriesMarkers.DIAMOND);
    }
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    String name = file.toString();
    BitmapEncoder.saveBitmap(chart, name.endsWith(".png") ? name.substring(0, name.length() - 4) : name,
        BitmapEncoder.BitmapFormat.PNG);
  }
}
