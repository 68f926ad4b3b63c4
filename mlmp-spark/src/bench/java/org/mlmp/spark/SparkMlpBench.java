package org.mlmp.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlmp.Mlmp;
import org.mlmp.api.Dataset;
import org.mlmp.data.ImageSet;
import org.mlmp.data.MnistData;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;

/**
 * Issue 15 (b): the 784-128-10 network (sigmoid hidden layer, softmax output, cross-entropy) on MNIST (60 000
 * training rows, pixels / 255; the 10 000 test rows scored after the fit), one fit per JVM:
 * <ul>
 *   <li>{@code side=mllib iterations=M}: Spark MLlib's {@code MultilayerPerceptronClassifier} (L-BFGS, block size
 *       128, tol 1e-6, seed 1) on a cached DataFrame of P partitions; the BLAS implementation MLlib uses
 *       ({@code dev.ludovic.netlib}) is printed;</li>
 *   <li>{@code side=mlmp epochs=E}: {@link SparkAveragingNeuralNet} (P partitions, k local steps between
 *       averagings, Adam with learning rate {@code lr} (default 1e-3), batch 64 per partition, no validation hold-out, mlmp's default input scaling).</li>
 * </ul>
 * The time is the fit call's wall time, with the training data already in memory on both sides (MLlib: a cached and
 * counted DataFrame; mlmp: the Dataset on the driver, which the fit prepares, cuts into blocks and broadcasts) and a
 * Spark context that has run a job. mlmp's line also gives each epoch's seconds and the setup inside the fit (fit time
 * minus the epochs). One JSON line.
 *
 * <p>Arguments: {@code side=mllib|mlmp master=local[2] partitions=2 iterations=100 epochs=5 k=32 batch=64 lr=1e-3}.
 */
public final class SparkMlpBench {
  private SparkMlpBench() {}

  /**
   * Runs one fit.
   *
   * @param args key=value arguments (see the class comment)
   * @throws Exception when the data cannot be read
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = SparkBenchSupport.arguments(args);
    String side = a.getOrDefault("side", "mlmp"), master = a.getOrDefault("master", "local[2]");
    int p = Integer.parseInt(a.getOrDefault("partitions", "2"));
    MnistData.TrainAndTest mnist = MnistData.load(MnistData.Kind.MNIST,
        Path.of(System.getProperty("user.home"), ".mlmp", "data"));
    if (side.equals("mllib")) {
      mllib(master, p, Integer.parseInt(a.getOrDefault("iterations", "100")), mnist);
    } else if (side.equals("mlmp")) {
      mlmp(master, p, Integer.parseInt(a.getOrDefault("epochs", "5")), Integer.parseInt(a.getOrDefault("k", "32")),
          Integer.parseInt(a.getOrDefault("batch", "64")),
          Double.parseDouble(a.getOrDefault("lr", "1e-3")), mnist);
    } else {
      throw new IllegalArgumentException("side must be mllib or mlmp; got '" + side + "'.");
    }
  }

  private static void mlmp(String master, int p, int epochs, int k, int batch, double lr,
      MnistData.TrainAndTest mnist) {
    Mlmp.init();
    Network net = Network.of(Shape.vector(784), Loss.CROSS_ENTROPY, Dense.of(128, Activation.SIGMOID),
        Dense.of(10, Activation.SOFTMAX));
    NeuralNet cfg = NeuralNet.of(net, Optimizer.Adam.of(lr)).withEpochs(epochs).withBatchSize(batch)
        .withValidation(0, 0);
    Dataset train = mnist.train().toDataset(), test = mnist.test().toDataset();
    try (JavaSparkContext sc = SparkBenchSupport.context(master, "mlmp SparkMlpBench")) {
      // As on the MLlib side, whose data frames are built and counted before its timer starts: the context has run a
      // job (Spark's job machinery loaded and compiled) before the timed fit. The fit distributes the rows itself.
      sc.parallelize(java.util.List.of(1, 2), p).count();
      long t0 = System.nanoTime();
      SparkTrainingResult r = SparkAveragingNeuralNet.of(cfg, p, k).fit(sc, train, null);
      double seconds = (System.nanoTime() - t0) / 1e9;
      NeuralNetModel model = r.model();
      StringBuilder epochSeconds = new StringBuilder();
      double epochsTotal = 0;
      for (SparkEpoch e : r.epochs()) {
        epochSeconds.append(epochSeconds.length() == 0 ? "" : " ").append(String.format("%.2f", e.record().seconds()));
        epochsTotal += e.record().seconds();
      }
      double error = 1 - model.accuracy(test.x(), test.y());
      SparkBenchSupport.emit("bench", "mlp", "side", "mlmp", "master", master, "partitions", p, "epochs", epochs, "k", k,
          "batch", batch, "lr", lr, "fitSeconds", seconds, "epochSeconds", epochSeconds, "setupSeconds", seconds - epochsTotal, "testError", error, "threads",
          System.getenv().getOrDefault("MLMP_THREADS", "unset"), "peakRssMb", SparkBenchSupport.peakResidentMegabytes());
    }
  }

  private static void mllib(String master, int p, int iterations, MnistData.TrainAndTest mnist) {
    String blas = blasName();
    SparkRun.quietSpark();
    SparkSession spark = SparkSession.builder().config(SparkJobSettings.of(master).withAppName("MLlib SparkMlpBench")
        .toSparkConf()).getOrCreate();
    try {
      StructType schema = new StructType().add("label", DataTypes.DoubleType).add("features", SQLDataTypes.VectorType());
      org.apache.spark.sql.Dataset<Row> train = spark.createDataFrame(rows(mnist.train()), schema).repartition(p).cache();
      org.apache.spark.sql.Dataset<Row> test = spark.createDataFrame(rows(mnist.test()), schema).cache();
      train.count();
      test.count();
      MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier().setLayers(new int[] {784, 128, 10})
          .setMaxIter(iterations).setSeed(1L).setBlockSize(128).setSolver("l-bfgs");
      long t0 = System.nanoTime();
      MultilayerPerceptronClassificationModel model = mlp.fit(train);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
          .evaluate(model.transform(test));
      int done = model.summary().totalIterations();
      SparkBenchSupport.emit("bench", "mlp", "side", "mllib", "master", master, "partitions", p, "iterations",
          iterations, "iterationsDone", done, "fitSeconds", seconds, "testError", 1 - accuracy, "blas", blas,
          "openblasThreads", System.getenv().getOrDefault("OPENBLAS_NUM_THREADS", "unset"), "peakRssMb",
          SparkBenchSupport.peakResidentMegabytes());
    } finally {
      spark.stop();
    }
  }

  /** The BLAS dev.ludovic.netlib gives MLlib: the native one when it loads (else the error), and the default. */
  private static String blasName() {
    String nativeBlas;
    try {
      nativeBlas = dev.ludovic.netlib.blas.NativeBLAS.getInstance().getClass().getName();
    } catch (Throwable e) {
      nativeBlas = "none (" + e + ")";
    }
    return "BLAS.getInstance()=" + dev.ludovic.netlib.blas.BLAS.getInstance().getClass().getName() + "; NativeBLAS="
        + nativeBlas;
  }

  private static List<Row> rows(ImageSet images) {
    byte[] pixels = images.pixels();
    int[] labels = images.labels();
    int d = images.height() * images.width();
    List<Row> out = new ArrayList<>(labels.length);
    for (int i = 0; i < labels.length; i++) {
      double[] v = new double[d];
      for (int j = 0; j < d; j++) v[j] = (pixels[i * d + j] & 0xff) / 255.0;
      out.add(RowFactory.create((double) labels[i], Vectors.dense(v)));
    }
    return out;
  }
}
