package org.mlmp.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The per-epoch bookkeeping of a {@link NeuralNet} run: after each epoch the parameters are scored on the validation
 * rows (mean cost and, for a classifier, accuracy, without dropout), the best epoch's parameters are kept — best =
 * highest validation accuracy (ties: lower cost) for classification, lowest cost for regression — training stops
 * after {@code patience} epochs without improvement, and the learning curves grow by one {@link EpochRecord}. Without
 * validation rows every epoch is the best and the last parameters are the model's. {@link NeuralNet#train} keeps
 * its epochs here, and so can a trainer that runs the steps elsewhere, so both pick the same epoch.
 */
public final class EpochTracker {
  private final TrainingData data;
  final EarlyStopping stopping;
  final List<EpochRecord> history = new ArrayList<>();

  private EpochTracker(TrainingData data) {
    this.data = data;
    stopping = new EarlyStopping(data.trainer.patience());
  }

  /**
   * A tracker for a run on {@code data} (its validation rows, its trainer's patience).
   *
   * @param data the prepared rows
   * @return a tracker with no epoch recorded
   * @throws IllegalArgumentException if {@code data} is null
   */
  public static EpochTracker of(TrainingData data) {
    if (data == null) throw new IllegalArgumentException("The 'data' parameter of EpochTracker.of is null.");
    return new EpochTracker(data);
  }

  /**
   * Records a finished epoch: scores the session's parameters on the validation rows (if any), keeps them if they
   * are the best so far, and appends the epoch to the learning curves.
   *
   * @param epoch the epoch, 1, 2, ...
   * @param trainLoss the epoch's mean training cost
   * @param seconds the epoch's training time
   * @param session the session holding the parameters after the epoch (read, not changed)
   * @return the epoch's record (validation cost and accuracy NaN where they do not apply)
   */
  public EpochRecord observe(int epoch, double trainLoss, double seconds, TrainingSession session) {
    double vLoss = Double.NaN, vAcc = Double.NaN;
    if (data.validationX != null) {
      double[] e = ChunkedForward.evaluate(session.program(), data.validationX, data.validationT,
          data.targets.classification());
      vLoss = e[0];
      vAcc = e[1];
      stopping.observe(epoch, vLoss, vAcc, data.targets.classification(), session);
    } else {
      stopping.observeWithoutValidation(epoch);
    }
    EpochRecord r = new EpochRecord(epoch, trainLoss, vLoss, vAcc, seconds, data.rows() / seconds);
    history.add(r);
    return r;
  }

  /**
   * Whether early stopping has ended the run.
   *
   * @return true after {@code patience} epochs without validation improvement
   */
  public boolean stopped() {
    return stopping.stopped();
  }

  /**
   * The epoch whose parameters {@link #model} returns.
   *
   * @return the best validation epoch, or the last epoch without validation (0 before any)
   */
  public int bestEpoch() {
    return stopping.bestEpoch();
  }

  /**
   * The learning curves so far.
   *
   * @return one record per observed epoch
   */
  public History history() {
    return new History(List.copyOf(history));
  }

  /**
   * The fitted model: the best validation epoch's parameters (and BatchNorm statistics), or the session's current
   * ones without validation.
   *
   * @param session the run's session (its current parameters are used when no validation score was recorded)
   * @return the model {@link NeuralNet#fit} would return
   */
  public NeuralNetModel model(TrainingSession session) {
    boolean best = stopping.bestParameters() != null;
    INDArray stats = best && session.program().statisticsSize() > 0 ? stopping.bestStatistics() : session.statistics();
    return data.model(best ? stopping.bestParameters() : session.parameters(), stats);
  }

  /**
   * The outcome of the run so far.
   *
   * @param session the run's session
   * @param resumedAfterEpoch the epochs a resumed run found done (0 for a fresh start)
   * @return model, learning curves, best epoch, whether it stopped early
   */
  public NeuralNet.TrainingResult result(TrainingSession session, int resumedAfterEpoch) {
    return new NeuralNet.TrainingResult(model(session), history(), bestEpoch(), stopped(), resumedAfterEpoch);
  }
}
