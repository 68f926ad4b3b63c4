package org.mlmp.workloads;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.mlmp.data.DataDirectory;
import org.mlmp.data.ImageSet;
import org.mlmp.data.MnistData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MNIST in memory for training-throughput benchmarks: the real training images when
 * {@code ./mlmp data fetch} has put them in the data directory, else synthetic MNIST-shaped data
 * (uniform pixels, uniform labels, seeded). {@link #source()} records which.
 *
 * @param features {@code [n, 784]} float in [0, 1]
 * @param labels one-hot {@code [n, 10]} float
 * @param source "real MNIST (path)" or "synthetic MNIST-shaped data"
 */
public record MnistBatches(INDArray features, INDArray labels, String source) {
  /**
   * At most {@code n} training images (60 000 for all).
   *
   * @param n the number of images (exactly n synthetic ones when MNIST is absent)
   * @param seed seeds the synthetic data
   * @return the batches, real MNIST when present
   * @throws IllegalStateException when MNIST is present but unreadable
   */
  public static MnistBatches load(int n, long seed) {
    Path dir = DataDirectory.resolve(null);
    if (MnistData.locate(MnistData.Kind.MNIST, dir) != null) {
      try {
        ImageSet train = MnistData.load(MnistData.Kind.MNIST, dir).train().head(n);
        byte[] px = train.pixels();
        float[] x = new float[px.length];
        for (int i = 0; i < x.length; i++) x[i] = (px[i] & 0xff) / 255f;
        return new MnistBatches(Nd4j.create(x, new long[] {train.size(), 784}, DataType.FLOAT),
            oneHot(train.labels()), "real MNIST (" + MnistData.locate(MnistData.Kind.MNIST, dir) + ")");
      } catch (IOException e) {
        throw new IllegalStateException("MNIST is present but unreadable: " + e.getMessage(), e);
      }
    }
    Random r = new Random(seed);
    float[] x = new float[n * 784];
    for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
    return new MnistBatches(Nd4j.create(x, new long[] {n, 784}, DataType.FLOAT), oneHot(y), "synthetic MNIST-shaped data");
  }

  static INDArray oneHot(int[] labels) {
    float[] h = new float[labels.length * 10];
    for (int i = 0; i < labels.length; i++) h[i * 10 + labels[i]] = 1f;
    return Nd4j.create(h, new long[] {labels.length, 10}, DataType.FLOAT);
  }

  /**
   * The number of images.
   *
   * @return n
   */
  public int size() {
    return (int) features.rows();
  }

  /**
   * Rows [from, from + batch) as a view-free copy (cycling through the data).
   *
   * @param index the batch number; batch {@code index mod (n / batchSize)} is returned
   * @param batchSize the rows per batch
   * @return {features, labels} of the batch
   */
  public INDArray[] batch(int index, int batchSize) {
    int nb = size() / batchSize;
    int from = (index % nb) * batchSize;
    return new INDArray[] {features.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + batchSize)).dup(),
        labels.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + batchSize)).dup()};
  }
}
