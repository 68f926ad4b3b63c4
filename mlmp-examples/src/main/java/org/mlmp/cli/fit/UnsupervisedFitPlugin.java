package org.mlmp.cli.fit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mlmp.cli.Cli;
import org.mlmp.cluster.KMeans;
import org.mlmp.cluster.KMeansModel;
import org.mlmp.cluster.Silhouette;
import org.mlmp.api.Dataset;
import org.mlmp.decomposition.Pca;
import org.mlmp.decomposition.PcaModel;
import org.mlmp.density.CovarianceType;
import org.mlmp.density.GaussianMixture;
import org.mlmp.density.GaussianMixtureModel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code mlmp fit} for the unsupervised models (the CSV has no target):
 *
 * <ul>
 *   <li>{@code --model kmeans --clusters k}: "centers", "labels", "inertia", "iterations", "silhouette"
 *       (when 2 ≤ k ≤ n−1 and n ≤ 5000); --predict gives the nearest centre's index;
 *   <li>{@code --model gmm --components k [--covariance full|diag]}: "weights", "means", "covariances",
 *       "meanLogLikelihood" (average log-likelihood per sample), "bic", "converged", "iterations",
 *       "labels"; --predict gives the most probable component and "logDensity";
 *   <li>{@code --model pca [--components k]}: "components" (the axes, one row each), "explainedVariance",
 *       "explainedVarianceRatio", "mean"; --predict gives the coordinates along the components.
 * </ul>
 */
public final class UnsupervisedFitPlugin implements FitPlugin {
  private static final int SILHOUETTE_LIMIT = 5000;

  @Override
  public Map<String, ModelInfo> models() {
    Map<String, ModelInfo> m = new LinkedHashMap<>();
    m.put("kmeans", new ModelInfo("k-means clustering (k-means++, 10 restarts); needs --clusters", false,
        Set.of("--clusters")));
    m.put("gmm", new ModelInfo("Gaussian mixture density by EM; needs --components, optional --covariance full|diag",
        false, Set.of("--components", "--covariance")));
    m.put("pca", new ModelInfo("principal component analysis; optional --components (default: all)", false,
        Set.of("--components")));
    return m;
  }

  @Override
  public Fitted fit(FitRequest r, Dataset train) {
    ObjectNode json = Cli.object();
    switch (r.model()) {
      case "kmeans" -> {
        int k = FitRequest.required(r.clusters(), "--clusters", "kmeans");
        KMeansModel m = KMeans.of(k).withSeed(r.seed()).fit(train);
        json.put("clusters", k);
        json.set("centers", matrix(m.centers()));
        json.set("labels", ints(m.labels()));
        json.put("inertia", m.inertia());
        json.put("iterations", m.iterations());
        if (k >= 2 && k <= train.nSamples() - 1 && train.nSamples() <= SILHOUETTE_LIMIT) {
          json.put("silhouette", Silhouette.score(train.x(), m.labels()));
        }
        return new Fitted(m, json);
      }
      case "gmm" -> {
        int k = FitRequest.required(r.components(), "--components", "gmm");
        CovarianceType type = r.covariance() == null ? CovarianceType.FULL : parseCovariance(r.covariance());
        GaussianMixtureModel m = GaussianMixture.of(k).withCovariance(type).withSeed(r.seed()).fit(train);
        INDArray x = train.x();
        json.put("components", k);
        json.put("covariance", type.label());
        json.set("weights", doubles(m.weights()));
        json.set("means", matrix(m.means()));
        ArrayNode cov = json.putArray("covariances");
        for (int j = 0; j < k; j++) cov.add(matrix(m.covariances().slice(j)));
        json.put("meanLogLikelihood", m.meanLogLikelihood(x));
        json.put("bic", m.bic(x));
        json.put("converged", m.converged());
        json.put("iterations", m.iterations());
        json.set("labels", ints(m.predict(x)));
        return new Fitted(m, json);
      }
      case "pca" -> {
        Pca pca = r.components() == null ? Pca.all() : Pca.of(r.components());
        PcaModel m = pca.fit(train);
        json.set("components", matrix(m.components()));
        json.set("explainedVariance", doubles(m.explainedVariance()));
        json.set("explainedVarianceRatio", doubles(m.explainedVarianceRatio()));
        json.set("mean", doubles(m.mean()));
        return new Fitted(m, json);
      }
      default -> throw new IllegalArgumentException("UnsupervisedFitPlugin does not handle --model " + r.model() + ".");
    }
  }

  private static CovarianceType parseCovariance(String s) {
    try {
      return CovarianceType.parse(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--covariance must be 'full' or 'diag'. Got '" + s + "' instead.");
    }
  }

  @Override
  public void predict(Fitted fitted, Dataset x, ObjectNode json) {
    Predictions.put(fitted.model(), x.x(), json);
  }

  private static ArrayNode matrix(INDArray a) {
    return Predictions.matrix(a);
  }

  private static ArrayNode doubles(double[] v) {
    return Predictions.doubles(v);
  }

  private static ArrayNode ints(int[] v) {
    return Predictions.ints(v);
  }
}
