package org.mlmp.nn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The learning curves of a training run: one {@link EpochRecord} per epoch.
 *
 * @param epochs the records, first epoch first
 */
public record History(List<EpochRecord> epochs) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public History {
    epochs = List.copyOf(epochs);
  }

  /** As JSON: {"epochs": [{"epoch": 1, "trainLoss": ..., ...}, ...]} (NaN written as null). */
  public ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode a = root.putArray("epochs");
    for (EpochRecord r : epochs) {
      ObjectNode o = a.addObject();
      o.put("epoch", r.epoch());
      num(o, "trainLoss", r.trainLoss());
      num(o, "validationLoss", r.validationLoss());
      num(o, "validationAccuracy", r.validationAccuracy());
      num(o, "seconds", r.seconds());
      num(o, "samplesPerSecond", r.samplesPerSecond());
    }
    return root;
  }

  private static void num(ObjectNode o, String k, double v) {
    if (Double.isFinite(v)) o.put(k, v);
    else o.putNull(k);
  }

  /** Reads {@link #toJson()}. */
  public static History fromJson(com.fasterxml.jackson.databind.JsonNode root) {
    List<EpochRecord> list = new java.util.ArrayList<>();
    for (var o : root.path("epochs")) {
      list.add(new EpochRecord(o.path("epoch").asInt(), d(o, "trainLoss"), d(o, "validationLoss"),
          d(o, "validationAccuracy"), d(o, "seconds"), d(o, "samplesPerSecond")));
    }
    return new History(list);
  }

  private static double d(com.fasterxml.jackson.databind.JsonNode o, String k) {
    return o.path(k).isNumber() ? o.path(k).asDouble() : Double.NaN;
  }

  /** Writes {@link #toJson()} to {@code file}. */
  public void writeJson(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
  }

  /** Writes the training and validation cost per epoch as a PNG line chart (XChart). */
  public void writePng(Path file) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart = new XYChartBuilder().width(640).height(400).title("Learning curves").xAxisTitle("epoch")
        .yAxisTitle("cost").build();
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
