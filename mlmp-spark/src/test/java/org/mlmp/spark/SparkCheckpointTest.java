package org.mlmp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Dataset;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.Optimizer;

/**
 * Epoch checkpoints of both Spark trainers: a run killed after epoch e (here: its progress callback throws once
 * the checkpoint of epoch e is written) and started again with the same checkpoint gives bitwise the model of an
 * uninterrupted run (same seed, P); the synchronous trainer and {@link NeuralNet} resume each other's file.
 */
class SparkCheckpointTest {
  @RegisterExtension static final LocalSpark SPARK = LocalSpark.on("local[2]");

  /** Adam (moments and step count in the file), dropout (masks from (seed, epoch, step)), rate decay, 4 epochs. */
  static NeuralNet cfg() {
    return SparkNeuralNetTest.mlp(Optimizer.Adam.of(0.01), true).withEpochs(4);
  }

  /** The "kill": after epoch {@code e}'s checkpoint is written, the run stops with an exception. */
  static final class Killed extends RuntimeException {
    Killed(int epoch) {
      super("killed after epoch " + epoch);
    }
  }

  static Consumer<SparkEpoch> killAfter(int e) {
    return r -> {
      if (r.record().epoch() == e) throw new Killed(e);
    };
  }

  /** The synchronous trainer at P = 2, killed after epoch 2 and resumed: bitwise the uninterrupted model. */
  @Test
  void synchronousRunResumedAfterAKillIsBitwiseTheUninterruptedRun(@TempDir Path dir) {
    Dataset d = SparkNeuralNetTest.blobs(90, 6);
    SparkNeuralNet trainer = SparkNeuralNet.of(cfg(), 2);
    SparkTrainingResult whole = trainer.fit(SPARK.sc(), d, null);
    Path file = dir.resolve("run.ckpt");
    Killed killed = assertThrows(Killed.class, () -> trainer.fit(SPARK.sc(), d, killAfter(2), file));
    assertEquals("killed after epoch 2", killed.getMessage());
    assertTrue(Files.exists(file));
    SparkTrainingResult resumed = trainer.fit(SPARK.sc(), d, null, file);
    assertEquals(2, resumed.result().resumedAfterEpoch());
    assertEquals(4, resumed.epochs().size());
    assertArrayEquals(SparkNeuralNetTest.bits(whole.model().parameters()),
        SparkNeuralNetTest.bits(resumed.model().parameters()));
    for (int i = 0; i < 4; i++) {
      assertEquals(i + 1, resumed.epochs().get(i).record().epoch());
      assertEquals(whole.epochs().get(i).record().trainLoss(), resumed.epochs().get(i).record().trainLoss(), 0.0,
          "epoch " + (i + 1));
    }
    assertTrue(Double.isNaN(resumed.epochs().get(1).computeSeconds()), "restored epochs have no compute time");
    // a finished run's checkpoint: starting again trains nothing more and gives the same model
    SparkTrainingResult again = trainer.fit(SPARK.sc(), d, null, file);
    assertEquals(4, again.result().resumedAfterEpoch());
    assertArrayEquals(SparkNeuralNetTest.bits(whole.model().parameters()),
        SparkNeuralNetTest.bits(again.model().parameters()));
  }

  /**
   * The averaging trainer (P = 2, k = 2; Adam's averaged moments and t in the file) with validation rows and early
   * stopping (the best epoch and its parameters in the file), killed after epoch 1.
   */
  @Test
  void averagingRunResumedAfterAKillIsBitwiseTheUninterruptedRun(@TempDir Path dir) {
    Dataset d = SparkNeuralNetTest.blobs(90, 7);
    SparkAveragingNeuralNet trainer = SparkAveragingNeuralNet.of(cfg().withValidation(0.2, 3), 2, 2);
    SparkTrainingResult whole = trainer.fit(SPARK.sc(), d, null);
    Path file = dir.resolve("run.ckpt");
    assertThrows(Killed.class, () -> trainer.fit(SPARK.sc(), d, killAfter(1), file));
    SparkTrainingResult resumed = trainer.fit(SPARK.sc(), d, null, file);
    assertEquals(1, resumed.result().resumedAfterEpoch());
    assertArrayEquals(SparkNeuralNetTest.bits(whole.model().parameters()),
        SparkNeuralNetTest.bits(resumed.model().parameters()));
    assertEquals(whole.result().bestEpoch(), resumed.result().bestEpoch());
    assertEquals(whole.epochs().size(), resumed.epochs().size());
    for (int i = 0; i < whole.epochs().size(); i++) {
      assertEquals(whole.epochs().get(i).record().validationLoss(), resumed.epochs().get(i).record().validationLoss(),
          0.0, "epoch " + (i + 1));
    }
  }

  /**
   * One file kind: NeuralNet's checkpoint (--checkpoint of mlmp mnist) resumed by the synchronous trainer at P = 1,
   * and the synchronous trainer's resumed by NeuralNet, both give bitwise NeuralNet.fit's model.
   */
  @Test
  void theSingleMachineTrainerAndTheSynchronousTrainerResumeEachOther(@TempDir Path dir) throws Exception {
    Dataset d = SparkNeuralNetTest.blobs(90, 8);
    NeuralNet cfg = cfg();
    float[] single = cfg.fit(d).parameters();

    Path fromSingle = dir.resolve("single.ckpt");
    cfg.withEpochs(2).train(d, null, null, fromSingle);
    SparkTrainingResult spark = SparkNeuralNet.of(cfg, 1).fit(SPARK.sc(), d, null, fromSingle);
    assertEquals(2, spark.result().resumedAfterEpoch());
    assertArrayEquals(SparkNeuralNetTest.bits(single), SparkNeuralNetTest.bits(spark.model().parameters()));

    Path fromSpark = dir.resolve("spark.ckpt");
    assertThrows(Killed.class, () -> SparkNeuralNet.of(cfg, 1).fit(SPARK.sc(), d, killAfter(3), fromSpark));
    NeuralNet.TrainingResult local = cfg.train(d, null, null, fromSpark);
    assertEquals(3, local.resumedAfterEpoch());
    assertArrayEquals(SparkNeuralNetTest.bits(single), SparkNeuralNetTest.bits(local.model().parameters()));
  }

  /** Another schedule's (or configuration's) file is refused with a message naming both and the fix. */
  @Test
  void aCheckpointOfAnotherScheduleOrConfigurationIsNamed(@TempDir Path dir) {
    Dataset d = SparkNeuralNetTest.blobs(60, 9);
    Path file = dir.resolve("avg.ckpt");
    assertThrows(Killed.class, () -> SparkAveragingNeuralNet.of(cfg(), 2, 3).fit(SPARK.sc(), d, killAfter(1), file));
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> SparkNeuralNet.of(cfg(), 2).fit(SPARK.sc(), d, null, file));
    assertEquals("The checkpoint " + file + " was written by a run with the schedule 'averaging P=2 k=3'; this run's"
        + " schedule is 'steps'. Resume it with the trainer and settings that wrote it, or delete it or give another"
        + " path.", e.getMessage());
    e = assertThrows(UncheckedIOException.class,
        () -> SparkAveragingNeuralNet.of(cfg(), 2, 2).fit(SPARK.sc(), d, null, file));
    assertTrue(e.getMessage().contains("the schedule 'averaging P=2 k=3'; this run's schedule is 'averaging P=2"
        + " k=2'"), e.getMessage());
    e = assertThrows(UncheckedIOException.class,
        () -> SparkAveragingNeuralNet.of(cfg().withSeed(10), 2, 3).fit(SPARK.sc(), d, null, file));
    assertTrue(e.getMessage().startsWith("The checkpoint " + file + " was written by another training configuration"),
        e.getMessage());
  }
}
