package org.mlmp.nn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The learning curves of a training run: one {@link EpochRecord} per epoch.
 *
 * @param epochs the records, first epoch first
 */
public record History(List<EpochRecord> epochs) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Copies {@code epochs} into an unmodifiable list.
   *
   * @param epochs the records, first epoch first
   */
  public History {
    epochs = List.copyOf(epochs);
  }

  /**
   * The learning curves as JSON.
   *
   * @return {"epochs": [{"epoch": 1, "trainLoss": ..., ...}, ...]} (NaN written as null)
   */
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

  /**
   * Reads {@link #toJson()}.
   *
   * @param root the JSON object with an "epochs" array; a missing or null number reads as NaN
   * @return the history
   */
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

  /**
   * Writes {@link #toJson()} to {@code file}, pretty-printed, creating its folder if needed.
   *
   * @param file the JSON file to write (replaced if present)
   * @throws IOException when the folder or the file cannot be written
   */
  public void writeJson(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) Files.createDirectories(dir);
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), toJson());
  }
}
