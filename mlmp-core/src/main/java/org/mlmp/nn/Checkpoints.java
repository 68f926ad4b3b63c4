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
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A training run's checkpoint file: after every epoch the parameters, running statistics, optimiser
 * state (Adam's moments and step count, momentum's velocity), early-stopping state, learning curves and the
 * number of completed epochs, written atomically as a model file entry ({@link ModelFile} writes a temporary
 * file and moves it into place); read back only by a run of the same configuration (epochs aside) on the same
 * data (its fingerprint: rows and sums) with the same schedule.
 *
 * <p>Nothing else is needed to resume bitwise: the batch order, the learning rate and the dropout masks of an
 * epoch follow from (seed, epoch) ({@link EpochSchedule}), so a run resumed after epoch e continues with epoch
 * e + 1 exactly as an uninterrupted run does.
 *
 * <p>The schedule names how the optimiser steps are formed: {@link #STEPS} for {@link NeuralNet}'s mini-batch
 * steps (also the synchronous data-parallel trainer of mlmp-spark, which takes the same steps, so either resumes
 * the other's checkpoint), another name for other schedules (mlmp-spark's parameter averaging, whose steps depend
 * on its partitions and averaging frequency). Files written before the schedule was recorded are {@link #STEPS}.
 */
public final class Checkpoints {
  static final String TYPE = "nn.checkpoint";
  /** The schedule of {@link NeuralNet#train}: one optimiser step per mini-batch of {@link EpochSchedule}'s order. */
  public static final String STEPS = "steps";

  private final NeuralNet cfg;
  private final Path file;
  private final String fingerprint, schedule;

  /**
   * @param cfg the run's configuration
   * @param file the checkpoint path
   * @param fingerprint a description of the training (and validation) data the checkpoint must match
   * @param schedule how the run forms its optimiser steps ({@link #STEPS} or another trainer's name for its own)
   */
  Checkpoints(NeuralNet cfg, Path file, String fingerprint, String schedule) {
    this.cfg = cfg;
    this.file = file;
    this.fingerprint = fingerprint;
    this.schedule = schedule;
  }

  /**
   * The checkpoint of a run that trains {@code cfg} on {@code data} (prepared by {@link TrainingData#prepare}),
   * for trainers outside this package that drive a {@link TrainingSession} themselves.
   *
   * @param cfg the run's configuration (its epochs may differ between the run that wrote the file and the one
   *     that resumes it)
   * @param file the checkpoint path (written atomically after every epoch; resumed from when it exists)
   * @param data the run's prepared rows (their fingerprint goes into the file)
   * @param schedule how the run forms its optimiser steps: {@link #STEPS} when they are {@link NeuralNet}'s
   * @return the checkpoint
   * @throws IllegalArgumentException if an argument is null or the schedule is blank
   */
  public static Checkpoints of(NeuralNet cfg, Path file, TrainingData data, String schedule) {
    if (cfg == null || file == null || data == null) {
      throw new IllegalArgumentException("Checkpoints.of needs a configuration, a file and the prepared data; got "
          + cfg + ", " + file + ", " + data + ".");
    }
    if (schedule == null || schedule.isBlank()) {
      throw new IllegalArgumentException("The schedule of a checkpoint must be named (e.g. Checkpoints.STEPS). Got '"
          + schedule + "' instead.");
    }
    return new Checkpoints(cfg, file, fingerprint(data), schedule);
  }

  /** The data's description a checkpoint must match: rows and the sums of inputs, targets and validation inputs. */
  static String fingerprint(TrainingData data) {
    INDArray xV = data.validationX;
    return data.x.rows() + " rows, sums " + data.x.sumNumber().doubleValue() + " " + data.t.sumNumber().doubleValue()
        + (xV == null ? "" : ", validation " + xV.rows() + " rows, sums " + xV.sumNumber().doubleValue());
  }

  /**
   * Whether the file exists (a run then resumes from it).
   *
   * @return true if there is a file at the checkpoint path
   */
  public boolean exists() {
    return Files.exists(file);
  }

  /**
   * Writes the run's state after its last completed epoch: the session's parameters, running statistics and
   * optimiser state, and the tracker's early-stopping state (best epoch and its parameters) and learning curves.
   *
   * @param session the run's session after its last completed epoch
   * @param epochs the run's tracker, one record per completed epoch
   * @throws IOException if the file cannot be written
   */
  public void write(TrainingSession session, EpochTracker epochs) throws IOException {
    write(session, epochs.stopping, epochs.history);
  }

  /**
   * Restores a run from the file: the session's parameters, running statistics and optimiser state, and the
   * tracker's early-stopping state and learning curves, after checking that the file is a checkpoint of this
   * configuration (epochs aside), data and schedule.
   *
   * @param session a fresh session of the run's network and optimiser
   * @param epochs a fresh tracker of the run (receives the completed epochs)
   * @return the number of completed epochs e (the run continues with epoch e + 1)
   * @throws IOException if the file cannot be read, or was written by another configuration, data or schedule
   *     (the message names both and the fix)
   */
  public int restore(TrainingSession session, EpochTracker epochs) throws IOException {
    return restore(session, epochs.stopping, epochs.history);
  }

  /** Writes the state after {@code history.size()} completed epochs (ModelFile writes atomically). */
  void write(TrainingSession session, EarlyStopping stopping, List<EpochRecord> history) throws IOException {
    ObjectNode config = ModelFile.newConfig();
    config.set("trainer", ConfigJson.write(cfg));
    config.put("fingerprint", fingerprint);
    config.put("schedule", schedule);
    config.put("completedEpochs", history.size());
    Map<String, INDArray> arrays = new LinkedHashMap<>();
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
    String theirSchedule = s.config().path("schedule").asText(STEPS);
    if (!schedule.equals(theirSchedule)) {
      throw new IOException("The checkpoint " + file + " was written by a run with the schedule '" + theirSchedule
          + "'; this run's schedule is '" + schedule + "'. Resume it with the trainer and settings that wrote it,"
          + " or delete it or give another path.");
    }
    session.setParameters(s.array("parameters"));
    session.setOptimizerState(s.arrays());
    if (session.program().statisticsSize() > 0) session.setStatistics(s.array("statistics"));
    stopping.restore(s.config(), s.arrays());
    history.addAll(History.fromJson(s.config().path("history")).epochs());
    return s.config().path("completedEpochs").asInt();
  }
}
