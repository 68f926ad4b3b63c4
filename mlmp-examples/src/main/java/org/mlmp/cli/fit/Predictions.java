package org.mlmp.cli.fit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mlmp.api.ClassLabels;
import org.mlmp.api.Classifier;
import org.mlmp.api.Model;
import org.mlmp.api.Regressor;
import org.mlmp.cli.Cli;
import org.mlmp.cluster.KMeansModel;
import org.mlmp.decomposition.KernelPcaModel;
import org.mlmp.decomposition.PcaModel;
import org.mlmp.density.GaussianMixtureModel;
import org.mlmp.density.KernelDensityModel;
import org.mlmp.linear.LinearClassifierModel;
import org.mlmp.nn.NeuralNetClassifierModel;
import org.mlmp.rl.NetworkPolicy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What {@code mlmp predict} (and {@code fit --predict}) prints for each kind of model, one entry per row:
 *
 * <ul>
 *   <li>regressors (linear, kernel ridge, mean, mlp-regressor networks): {@code "predictions"}, the predicted values
 *       ({@code [n]}, or {@code [n][K]} for K targets);
 *   <li>classifiers (linear, logistic, perceptron, SVM, mlp-classifier / cnn / mnist / fashion-mnist networks):
 *       {@code "predictions"}, class labels as they came: numbers, or names for a target column of text (iris'
 *       species) and a network trained on image folders (the folder names);
 *   <li>k-means: {@code "predictions"}, the index of the nearest centre;
 *   <li>Gaussian mixture: {@code "predictions"}, the most probable component, and {@code "logDensity"}, log p(x);
 *   <li>kernel density: {@code "predictions"}, log p(x);
 *   <li>PCA and kernel PCA: {@code "predictions"}, the projection onto the components ({@code [n][k]});
 *   <li>a pong policy network: {@code "predictions"}, the most probable action.
 * </ul>
 * {@code "output"} names which. With probabilities asked for: {@code "probabilities"} {@code [n][K]} for logistic
 * regression and classifier networks (columns in the order of {@code "classes"}), the responsibilities of a Gaussian
 * mixture (columns = components) and a policy's action probabilities; other models are refused by name.
 */
final class Predictions {
  private Predictions() {}

  /** The models with probabilities, for error messages. */
  static final String WITH_PROBABILITIES = "logistic regression (--model logistic), classifier networks"
      + " (mlp-classifier, cnn, mnist, fashion-mnist), Gaussian mixtures (gmm) and pong's policy network";

  /** What {@link #put} gives for {@code model}, in words (predict's "output"). */
  static String output(Model model) {
    if (model instanceof Classifier) return "class labels";
    if (model instanceof Regressor) return "predicted values";
    if (model instanceof KMeansModel) return "cluster labels (index of the nearest centre)";
    if (model instanceof GaussianMixtureModel) return "cluster labels (most probable component) and log-density";
    if (model instanceof KernelDensityModel) return "log-density";
    if (model instanceof PcaModel) return "projection onto the principal components";
    if (model instanceof KernelPcaModel) return "projection onto the kernel principal components";
    if (model instanceof NetworkPolicy) return "most probable action";
    throw new IllegalArgumentException("the model is a " + model.getClass().getSimpleName()
        + ", which mlmp predict does not know how to apply.");
  }

  /** Adds "predictions" and any per-kind fields for the rows {@code x} to {@code json}. */
  static void put(Model model, INDArray x, ObjectNode json) {
    output(model); // refuses an unknown kind
    if (model instanceof Classifier c) {
      ArrayNode p = json.putArray("predictions");
      if (c.classLabels().isText()) {
        for (String label : c.predictLabels(x)) p.add(label);
      } else {
        for (double v : c.predict(x).toDoubleVector()) LinearFitPlugin.addLabel(p, v);
      }
    } else if (model instanceof Regressor r) {
      INDArray out = r.predict(x);
      if (out.rank() == 1) json.set("predictions", doubles(out.toDoubleVector()));
      else json.set("predictions", matrix(out));
    } else if (model instanceof KMeansModel m) {
      json.set("predictions", ints(m.predict(x)));
    } else if (model instanceof GaussianMixtureModel m) {
      json.set("predictions", ints(m.predict(x)));
      json.set("logDensity", doubles(m.logDensity(x).toDoubleVector()));
    } else if (model instanceof KernelDensityModel m) {
      json.set("predictions", doubles(m.logDensity(x).toDoubleVector()));
    } else if (model instanceof PcaModel m) {
      json.set("predictions", matrix(m.transform(x)));
    } else if (model instanceof KernelPcaModel m) {
      json.set("predictions", matrix(m.transform(x)));
    } else if (model instanceof NetworkPolicy m) {
      double[][] p = policy(m, x);
      int[] a = new int[p.length];
      for (int i = 0; i < p.length; i++) {
        for (int k = 1; k < p[i].length; k++) if (p[i][k] > p[i][a[i]]) a[i] = k;
      }
      json.set("predictions", ints(a));
    }
  }

  /**
   * Adds "probabilities" ({@code [n][K]}, and "classes" for classifiers), or an error naming the model and
   * those that have probabilities.
   */
  static void putProbabilities(Model model, String type, INDArray x, ObjectNode json) {
    INDArray p;
    ClassLabels classes = null;
    if (model instanceof NeuralNetClassifierModel m) {
      p = m.probabilities(x);
      classes = m.classLabels();
    } else if (model instanceof LinearClassifierModel m && m.hasProbabilities()) {
      p = m.probabilities(x);
      classes = m.classLabels();
    } else if (model instanceof GaussianMixtureModel m) {
      p = m.responsibilities(x);
    } else if (model instanceof NetworkPolicy m) {
      json.set("probabilities", rows(policy(m, x)));
      return;
    } else {
      throw new IllegalArgumentException("--probabilities: the model is a " + type + " ("
          + model.getClass().getSimpleName() + "), which has no probabilities. Models that have them: "
          + WITH_PROBABILITIES + ". Drop --probabilities for this model.");
    }
    if (classes != null) json.set("classes", labels(classes));
    json.set("probabilities", matrix(p));
  }

  /**
   * The classes as the JSON lists them ("classes"): names as strings, numeric labels as numbers (integers when
   * they are).
   */
  static ArrayNode labels(ClassLabels classes) {
    ArrayNode a = Cli.JSON.createArrayNode();
    if (classes.isText()) {
      classes.names().forEach(a::add);
    } else {
      for (double v : classes.values()) LinearFitPlugin.addLabel(a, v);
    }
    return a;
  }

  private static double[][] policy(NetworkPolicy m, INDArray x) {
    double[][] rows = x.castTo(DataType.DOUBLE).toDoubleMatrix();
    double[][] p = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) p[i] = m.probabilities(rows[i]);
    return p;
  }

  static ArrayNode matrix(INDArray a) {
    return rows(a.castTo(DataType.DOUBLE).rows() == 0 ? new double[0][] : a.castTo(DataType.DOUBLE).toDoubleMatrix());
  }

  private static ArrayNode rows(double[][] m) {
    ArrayNode rows = Cli.JSON.createArrayNode();
    for (double[] r : m) rows.add(doubles(r));
    return rows;
  }

  static ArrayNode doubles(double[] v) {
    ArrayNode a = Cli.JSON.createArrayNode();
    for (double e : v) a.add(e);
    return a;
  }

  static ArrayNode ints(int[] v) {
    ArrayNode a = Cli.JSON.createArrayNode();
    for (int e : v) a.add(e);
    return a;
  }
}
