package org.mlmp.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.mlmp.Mlmp;
import org.mlmp.api.Dataset;
import org.mlmp.data.MnistData;
import org.mlmp.nn.EpochRecord;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.TrainingSession;
import org.mlmp.workloads.MlmpNets;

/**
 * Issue 15 (a): LeNet-5 (MlmpNets.lenet), Adam 1e-3, batch 256, one epoch over the first {@code rows} MNIST training
 * rows per trial, in interleaved rounds inside one JVM on one Spark master: the single-machine {@link NeuralNet}, the
 * synchronous {@link SparkNeuralNet} and the k-local-steps {@link SparkAveragingNeuralNet}, each with θ sent by
 * broadcast and by closure ({@link PartitionedRows#closureParameters}); P = the master's default parallelism.
 * Each trial prints one JSON line: the epoch's seconds, seconds in the engine (slowest task per job), rows/s, Spark
 * jobs and task-result bytes (from a listener). Mode {@code overhead}: Spark's cost without the engine — an empty
 * job on P cached partitions, and a job that sends LeNet's θ (float[431 080]) to every task (broadcast or closure)
 * and collects one such array per task — medians of 20 calls.
 *
 * <p>Arguments: {@code master=local[1] rounds=5 rows=12800 k=8 modes=single,sync-broadcast,...}; a mode
 * {@code avg-broadcast-k32} (or {@code avg-closure-k32}) sets k for that mode.
 * A warm-up trial of every mode runs first (not reported as a round).
 */
public final class SparkNnBench {
  private SparkNnBench() {}

  /**
   * Runs the rounds.
   *
   * @param args key=value arguments (see the class comment)
   * @throws Exception when the data cannot be read
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = SparkBenchSupport.arguments(args);
    String master = a.getOrDefault("master", "local[1]");
    int rounds = Integer.parseInt(a.getOrDefault("rounds", "5"));
    int rows = Integer.parseInt(a.getOrDefault("rows", "12800"));
    int k = Integer.parseInt(a.getOrDefault("k", "8"));
    String[] modes = a.getOrDefault("modes",
        "single,sync-broadcast,sync-closure,avg-broadcast,avg-closure,overhead").split(",");
    Mlmp.init();
    Dataset data = MnistData.load(MnistData.Kind.MNIST, Path.of(System.getProperty("user.home"), ".mlmp", "data"))
        .train().head(rows).toDataset();
    NeuralNet cfg = NeuralNet.of(MlmpNets.lenet(), Optimizer.Adam.of(1e-3)).withEpochs(1).withBatchSize(256)
        .withValidation(0, 0);
    int size = TrainingSession.of(cfg.network(), null, 0).size();
    String threads = System.getenv().getOrDefault("MLMP_THREADS", "unset");
    try (JavaSparkContext sc = SparkBenchSupport.context(master, "mlmp SparkNnBench")) {
      AtomicLong jobs = new AtomicLong(), resultBytes = new AtomicLong(), tasks = new AtomicLong();
      sc.sc().addSparkListener(new SparkListener() {
        @Override
        public void onJobStart(SparkListenerJobStart e) {
          jobs.incrementAndGet();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
          tasks.incrementAndGet();
          if (e.taskMetrics() != null) resultBytes.addAndGet(e.taskMetrics().resultSize());
        }
      });
      int p = sc.defaultParallelism();
      SparkBenchSupport.emit("bench", "nn-setup", "master", master, "partitions", p, "threads", threads,
          "parameters", size, "thetaSerializedBytes", SparkBenchSupport.serializedBytes(new float[size]), "rows", rows,
          "batch", 256, "k", k);
      for (int round = 0; round <= rounds; round++) {
        for (String mode : modes) {
          if (mode.equals("overhead")) {
            overhead(sc, p, size, round);
            continue;
          }
          Thread.sleep(300); // the listener bus delivers asynchronously: let the last trial's events arrive
          long j0 = jobs.get(), b0 = resultBytes.get(), t0 = tasks.get();
          long wall0 = System.nanoTime();
          EpochRecord record;
          double compute;
          // "avg-broadcast-k32": k = 32 for this mode (else the k argument)
          int kk = mode.matches("avg-.*-k\\d+") ? Integer.parseInt(mode.replaceAll(".*-k", "")) : k;
          PartitionedRows.closureParameters = mode.contains("closure");
          if (mode.equals("single")) {
            record = cfg.train(data, null, null, null).history().epochs().get(0);
            compute = record.seconds();
          } else {
            SparkTrainingResult r = mode.startsWith("sync") ? SparkNeuralNet.of(cfg, p).fit(sc, data, null)
                : SparkAveragingNeuralNet.of(cfg, p, kk).fit(sc, data, null);
            record = r.epochs().get(0).record();
            compute = r.epochs().get(0).computeSeconds();
          }
          double wall = (System.nanoTime() - wall0) / 1e9;
          Thread.sleep(300);
          SparkBenchSupport.emit("bench", "nn", "round", round, "master", master, "partitions", p, "threads", threads,
              "mode", mode, "k", mode.startsWith("avg") ? kk : 0, "rows", rows, "seconds", record.seconds(),
              "computeSeconds", compute, "sparkSeconds", record.seconds() - compute, "rowsPerSecond",
              record.samplesPerSecond(), "fitWallSeconds", wall, "jobs", jobs.get() - j0, "tasks", tasks.get() - t0,
              "taskResultBytes", resultBytes.get() - b0, "trainLoss", record.trainLoss());
        }
      }
    }
  }

  /** Spark's per-job cost without the engine: medians of 20 calls each (after 5 unreported calls). */
  private static void overhead(JavaSparkContext sc, int p, int size, int round) {
    List<Integer> indices = new ArrayList<>();
    for (int i = 0; i < p; i++) indices.add(i);
    JavaRDD<Integer> rdd = sc.parallelize(indices, p).cache();
    rdd.count();
    float[] theta = new float[size];
    double[] empty = new double[20], broadcast = new double[20], closure = new double[20];
    for (int i = -5; i < 20; i++) {
      long t0 = System.nanoTime();
      rdd.mapPartitions(it -> List.of(0).iterator()).collect();
      long t1 = System.nanoTime();
      Broadcast<float[]> b = sc.broadcast(theta);
      rdd.mapPartitions(it -> List.of(b.value().clone()).iterator()).collect();
      b.destroy();
      long t2 = System.nanoTime();
      rdd.mapPartitions(it -> List.of(theta.clone()).iterator()).collect();
      long t3 = System.nanoTime();
      if (i >= 0) {
        empty[i] = (t1 - t0) / 1e6;
        broadcast[i] = (t2 - t1) / 1e6;
        closure[i] = (t3 - t2) / 1e6;
      }
    }
    rdd.unpersist(true);
    SparkBenchSupport.emit("bench", "nn-overhead", "round", round, "master", sc.master(), "partitions", p,
        "emptyJobMs", SparkBenchSupport.median(empty), "broadcastThetaCollectMs", SparkBenchSupport.median(broadcast),
        "closureThetaCollectMs", SparkBenchSupport.median(closure), "thetaFloats", size);
  }
}
