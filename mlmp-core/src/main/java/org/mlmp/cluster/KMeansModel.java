package org.mlmp.cluster;

import org.mlmp.api.Matrices;
import java.util.Map;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Model;
import org.mlmp.api.Transform;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ConfigJson;
import org.mlmp.api.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fitted {@link KMeans}: k centres c_j, the training labels and inertia. scikit-learn's
 * {@code cluster_centers_}, {@code labels_}, {@code inertia_}, {@code n_iter_}.
 */
public final class KMeansModel implements Transform {
  static final String TYPE = "cluster.kmeans";
  private final double[][] centers;
  private final int[] labels;
  private final double inertia;
  private final int iterations;
  private final int nFeatures;
  private final KMeans trainer;

  KMeansModel(KMeans trainer, double[][] centers, int[] labels, double inertia, int iterations, int nFeatures) {
    this.trainer = trainer;
    this.centers = new double[centers.length][];
    for (int j = 0; j < centers.length; j++) this.centers[j] = centers[j].clone();
    this.labels = labels.clone();
    this.inertia = inertia;
    this.iterations = iterations;
    this.nFeatures = nFeatures;
  }

  /**
   * The configuration that fitted this model.
   *
   * @return the trainer
   */
  public KMeans trainer() {
    return trainer;
  }

  /**
   * The cluster centres.
   *
   * @return a copy, {@code [k, nFeatures]}
   */
  public INDArray centers() {
    return Matrices.fromRows(centers);
  }

  /**
   * Number of clusters.
   *
   * @return k
   */
  public int clusters() {
    return centers.length;
  }

  /**
   * The cluster of each training sample.
   *
   * @return a copy, indices 0 … k−1
   */
  public int[] labels() {
    return labels.clone();
  }

  /**
   * The training inertia Σ_i ‖x_i − c_{ℓ(i)}‖² (scikit-learn's {@code inertia_}).
   *
   * @return the inertia of the kept restart
   */
  public double inertia() {
    return inertia;
  }

  /**
   * Lloyd iterations of the kept restart.
   *
   * @return the iteration count
   */
  public int iterations() {
    return iterations;
  }

  @Override
  public int nFeatures() {
    return nFeatures;
  }

  /**
   * Assigns each row to its nearest centre.
   *
   * @param x {@code [nSamples, nFeatures]}
   * @return the index of the nearest centre for each row (ties: the lowest index)
   * @throws IllegalArgumentException when x has the wrong shape or a non-finite value
   */
  public int[] predict(INDArray x) {
    Checks.predictInput(x, nFeatures, "KMeansModel");
    return KMeans.argMin(Matrices.flat(new Distances.Pairwise(x, centers()).all()), centers.length);
  }

  /**
   * Euclidean distances to every centre (scikit-learn's {@code transform}).
   *
   * @param x {@code [nSamples, nFeatures]}
   * @return the distances {@code [nSamples, k]}
   * @throws IllegalArgumentException when x has the wrong shape or a non-finite value
   */
  @Override
  public INDArray transform(INDArray x) {
    Checks.predictInput(x, nFeatures, "KMeansModel");
    return Transforms.sqrt(new Distances.Pairwise(x, centers()).all(), false);
  }

  /**
   * The number of columns {@link #transform} returns: the number of clusters k.
   *
   * @return k
   */
  @Override
  public int nOutputFeatures() {
    return centers.length;
  }

  /**
   * The inertia of x under this model: Σ_i min_j ‖x_i − c_j‖² (scikit-learn's {@code score} is its negative).
   *
   * @param x {@code [nSamples, nFeatures]}
   * @return the inertia
   * @throws IllegalArgumentException when x has the wrong shape or a non-finite value
   */
  public double inertia(INDArray x) {
    Checks.predictInput(x, nFeatures, "KMeansModel");
    INDArray c = centers();
    INDArray mean = c.mean(0).reshape(1, nFeatures);
    INDArray xc = x.castTo(DataType.DOUBLE).subRowVector(mean);
    return KMeans.inertia(xc, KMeans.oneHot(predict(x), centers.length), c.subRowVector(mean));
  }

  @Override
  public ModelState toState() {
    var config = ConfigJson.write(trainer);
    config.put("nFeatures", nFeatures);
    config.put("inertia", inertia);
    config.put("iterations", iterations);
    return new ModelState(TYPE, config, Map.of("centers", centers(), "labels", Nd4j.createFromArray(labels)),
        trainer.seed());
  }

  /** Reads {@link KMeansModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      int d = s.config().path("nFeatures").asInt();
      INDArray c = s.array("centers").castTo(DataType.DOUBLE);
      double[][] centers = c.reshape(c.length() / d, d).toDoubleMatrix();
      // format version 1 files hold no settings: k is the number of centres, the seed the file's, the rest
      // KMeans.of's defaults
      KMeans trainer = ConfigJson.read(s.config(), KMeans.of(centers.length).withSeed(s.seed()));
      return new KMeansModel(trainer, centers, s.array("labels").toIntVector(), s.config().path("inertia").asDouble(),
          s.config().path("iterations").asInt(), d);
    }
  }
}
