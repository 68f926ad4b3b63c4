package org.mlmp.nn;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlmp.api.Model;
import org.mlmp.io.ConfigJson;
import org.mlmp.io.ModelFile;
import org.mlmp.api.ModelState;

/**
 * A training run's checkpoint file: after every epoch the parameters, running statistics, optimiser
 * state, early-stopping state and learning curves, written atomically as a model file entry; read back
 * only by a run of the same configuration (epochs aside) on the same data (its fingerprint).
 */
final class Checkpoints {
  static final String TYPE = "nn.checkpoint";

  private final NeuralNet cfg;
  private final Path file;
  private final String fingerprint;

  /**
   * @param cfg the run's configuration
   * @param file the checkpoint path
   * @param fingerprint a description of the training (and validation) data the checkpoint must match
   */
  Checkpoints(NeuralNet cfg, Path file, String fingerprint) {
    this.cfg = cfg;
    this.file = file;
    this.fingerprint = fingerprint;
  }

  boolean exists() {
    return Files.exists(file);
  }

  /** Writes the state after {@code history.size()} completed epochs (ModelFile writes atomically). */
  void write(TrainingSession session, EarlyStopping stopping, List<EpochRecord> history) throws IOException {
    ObjectNode config = ModelFile.newConfig();
    config.set("trainer", ConfigJson.write(cfg));
    config.put("fingerprint", fingerprint);
    config.put("completedEpochs", history.size());
    Map<String, org.nd4j.linalg.api.ndarray.INDArray> arrays = new LinkedHashMap<>();
    arrays.put("parameters", session.parameters());
    boolean stats = session.program().statisticsSize() > 0;
    stopping.save(config, arrays, stats);
    config.set("history", new History(history).toJson());
    if (stats) arrays.put("statistics", session.statistics());
    arrays.putAll(session.optimizerState());
    ModelState state = new ModelState(TYPE, config, arrays, cfg.seed());
    int nFeatures = cfg.network().input().size();
    ModelFile.save(new Model() {
      @Override
      public int nFeatures() {
        return nFeatures;
      }

      @Override
      public ModelState toState() {
        return state;
      }
    }, file);
  }

  /**
   * Restores the session, early-stopping state and learning curves from the file, after checking that it
   * is a checkpoint of this configuration and data; returns the number of completed epochs.
   */
  int restore(TrainingSession session, EarlyStopping stopping, List<EpochRecord> history) throws IOException {
    ModelState s = ModelFile.readState(file);
    if (!TYPE.equals(s.type())) {
      throw new IOException(file + " is not a training checkpoint (it holds a model of type '" + s.type()
          + "'). Give another checkpoint path.");
    }
    ObjectNode mine = ConfigJson.write(cfg), theirs = ((ObjectNode) s.config().path("trainer")).deepCopy();
    mine.remove("epochs");
    theirs.remove("epochs");
    if (!mine.toString().equals(theirs.toString())) {
      throw new IOException("The checkpoint " + file + " was written by another training configuration ("
          + theirs + "); this run is " + mine + ". Delete the checkpoint or give another path.");
    }
    if (!fingerprint.equals(s.config().path("fingerprint").asText())) {
      throw new IOException("The checkpoint " + file + " was written for other data (" + s.config()
          .path("fingerprint").asText() + "); this run has " + fingerprint + ". Delete it or give another path.");
    }
    session.setParameters(s.array("parameters"));
    session.setOptimizerState(s.arrays());
    if (session.program().statisticsSize() > 0) session.setStatistics(s.array("statistics"));
    stopping.restore(s.config(), s.arrays());
    history.addAll(History.fromJson(s.config().path("history")).epochs());
    return s.config().path("completedEpochs").asInt();
  }
}
