package org.mlmp.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The best validation epoch so far and its parameters, and when to stop: best = highest validation
 * accuracy (ties: lower validation cost) for classification, lowest validation cost for regression;
 * training stops after {@code patience} epochs without improvement (0 = never). Without validation every
 * epoch is the best. Its state goes into checkpoints.
 */
final class EarlyStopping {
  private final int patience;
  private int bestEpoch, badEpochs;
  private double bestLoss = Double.POSITIVE_INFINITY, bestAccuracy = Double.NEGATIVE_INFINITY;
  private boolean stopped;
  private INDArray best, bestStats;

  EarlyStopping(int patience) {
    this.patience = patience;
  }

  /** Records epoch {@code epoch}'s validation score; a new best keeps a copy of the session's parameters. */
  void observe(int epoch, double loss, double accuracy, boolean classification, TrainingSession session) {
    if (improves(loss, accuracy, classification)) {
      bestLoss = loss;
      bestAccuracy = accuracy;
      bestEpoch = epoch;
      best = session.parameters();
      bestStats = session.program().statisticsSize() == 0 ? null : session.statistics();
      badEpochs = 0;
    } else {
      badEpochs++;
      if (patience > 0 && badEpochs >= patience) stopped = true;
    }
  }

  /** Records an epoch run without validation: it is the best. */
  void observeWithoutValidation(int epoch) {
    bestEpoch = epoch;
  }

  private boolean improves(double loss, double accuracy, boolean classification) {
    if (!Double.isFinite(loss)) return false;
    if (!classification) return loss < bestLoss;
    return accuracy > bestAccuracy || (accuracy == bestAccuracy && loss < bestLoss);
  }

  boolean stopped() {
    return stopped;
  }

  int bestEpoch() {
    return bestEpoch;
  }

  /** The best epoch's parameters, or null when no validation score was recorded (use the last ones). */
  INDArray bestParameters() {
    return best;
  }

  /** The best epoch's running statistics, or null. */
  INDArray bestStatistics() {
    return bestStats;
  }

  /** Writes the state into a checkpoint's configuration and arrays. */
  void save(ObjectNode config, Map<String, INDArray> arrays, boolean hasStatistics) {
    config.put("bestEpoch", bestEpoch).put("badEpochs", badEpochs).put("stoppedEarly", stopped);
    if (Double.isFinite(bestLoss)) config.put("bestLoss", bestLoss);
    else config.putNull("bestLoss");
    if (Double.isFinite(bestAccuracy)) config.put("bestAccuracy", bestAccuracy);
    else config.putNull("bestAccuracy");
    if (best != null) arrays.put("best", best.dup());
    if (hasStatistics && best != null) arrays.put("bestStatistics", bestStats.dup());
  }

  /** Reads {@link #save}'s output. */
  void restore(JsonNode config, Map<String, INDArray> arrays) {
    bestEpoch = config.path("bestEpoch").asInt();
    badEpochs = config.path("badEpochs").asInt();
    stopped = config.path("stoppedEarly").asBoolean();
    JsonNode bl = config.path("bestLoss");
    bestLoss = bl.isNumber() ? bl.asDouble() : Double.POSITIVE_INFINITY;
    JsonNode ba = config.path("bestAccuracy");
    bestAccuracy = ba.isNumber() ? ba.asDouble() : Double.NEGATIVE_INFINITY;
    best = arrays.containsKey("best") ? arrays.get("best").castTo(DataType.FLOAT) : null;
    bestStats = arrays.containsKey("bestStatistics") ? arrays.get("bestStatistics").castTo(DataType.FLOAT) : null;
  }
}
