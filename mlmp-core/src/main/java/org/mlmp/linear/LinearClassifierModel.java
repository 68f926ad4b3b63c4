package org.mlmp.linear;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.ClassLabels;
import org.mlmp.api.Classifier;
import org.mlmp.api.Model;
import org.mlmp.api.Trainer;
import org.mlmp.data.Standardization;
import org.mlmp.io.ModelCodec;
import org.mlmp.api.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted linear classifier with the course's decision rule: f(x) = w·x + w0, f(x) &gt; 0 ⇒ class A.
 *
 * <ul>
 *   <li>Two classes: one weight row; class A is the larger label {@code classes()[1]}, trained as +1
 *       against −1 for {@code classes()[0]}; f(x) = 0 goes to {@code classes()[0]}.
 *   <li>K &gt; 2 classes, one-vs-rest: K rows, row k trained as +1 for {@code classes()[k]} against −1
 *       for the rest; the predicted class is argmax_k f_k(x) (the first on ties).
 * </ul>
 * Weights are for the raw feature columns, also when the trainer standardised them.
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]}; {@link #predict} → {@code [nSamples]} labels;
 * {@link #decisionFunction} → {@code [nSamples]} (two classes) or {@code [nSamples, K]}.
 */
public final class LinearClassifierModel implements Classifier {
  static final Set<String> TYPES = Set.of("linear.least-squares-classifier", "linear.perceptron", "linear.logistic");

  private final String type;
  private final Trainer<?> trainer;
  private final Map<String, Object> fitFacts;
  private final ClassLabels labels;
  private final double[] classes; // labels.values(), kept for the decision rule
  private final double[][] coef;
  private final double[] intercept;
  private final Standardization standardization;
  private final long seed;

  /**
   * @param trainer the configuration that fitted the model (a record)
   * @param labels the classes as they came (numbers or names), in the order of the weight rows
   * @param fitFacts what the fit found besides the arrays (e.g. "iterations"), see {@link LinearFiles#facts}
   */
  LinearClassifierModel(String type, Trainer<?> trainer, Map<String, Object> fitFacts, ClassLabels labels,
      double[][] coef, double[] intercept, Standardization standardization, long seed) {
    this.type = type;
    this.trainer = trainer;
    this.fitFacts = fitFacts;
    this.labels = labels;
    this.classes = labels.values();
    this.coef = new double[coef.length][];
    for (int k = 0; k < coef.length; k++) this.coef[k] = coef[k].clone();
    this.intercept = intercept.clone();
    this.standardization = standardization;
    this.seed = seed;
  }

  @Override
  public double[] classes() {
    return classes.clone();
  }

  /**
   * The classes as they came: numbers, or the names of a target that came as text.
   *
   * @return the class labels, in the order of {@link #classes()}
   */
  @Override
  public ClassLabels classLabels() {
    return labels;
  }

  /**
   * The weights of the decision function f(x) = w·x + w0, for the raw columns.
   *
   * @return weight rows (a copy): {@code [1, nFeatures]} for two classes, {@code [K, nFeatures]} one-vs-rest
   */
  public INDArray coef() {
    return Nd4j.createFromArray(coef);
  }

  /**
   * The intercepts of the decision function.
   *
   * @return w0, one per weight row of {@link #coef()} (a copy)
   */
  public double[] intercept() {
    return intercept.clone();
  }

  /**
   * The standardisation the trainer applied before fitting, if any ({@link #coef()} is already for the raw
   * columns).
   *
   * @return the fitted column means and scales, or empty
   */
  public Optional<Standardization> standardization() {
    return Optional.ofNullable(standardization);
  }

  /**
   * The configuration that fitted this model.
   *
   * @return the trainer: {@link LogisticRegression}, {@link Perceptron} or {@link LeastSquaresClassifier}
   */
  public Trainer<?> trainer() {
    return trainer;
  }

  /**
   * The model file type.
   *
   * @return e.g. "linear.logistic"
   */
  public String type() {
    return type;
  }

  @Override
  public int nFeatures() {
    return coef[0].length;
  }

  /**
   * The decision function f(x) = w·x + w0 (one per class, one-vs-rest); its sign or arg max gives the class.
   *
   * @param x {@code [nSamples, nFeatures]}, finite
   * @return {@code [nSamples]} for two classes, {@code [nSamples, K]} for one-vs-rest
   * @throws IllegalArgumentException when x has the wrong number of columns or a non-finite value
   */
  public INDArray decisionFunction(INDArray x) {
    Checks.predictInput(x, coef[0].length, "LinearClassifierModel");
    INDArray f = LinearModel.affine(x, coef, intercept, DataType.DOUBLE);
    return coef.length == 1 ? f.reshape(x.rows()) : f;
  }

  /** Labels from {@link #classes()}, {@code [nSamples]}. */
  @Override
  public INDArray predict(INDArray x) {
    INDArray f = decisionFunction(x);
    int n = (int) x.rows();
    double[] out = new double[n];
    if (coef.length == 1) {
      double[] v = f.toDoubleVector();
      for (int i = 0; i < n; i++) out[i] = v[i] > 0 ? classes[1] : classes[0];
    } else {
      double[][] v = f.toDoubleMatrix();
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int k = 1; k < v[i].length; k++) if (v[i][k] > v[i][best]) best = k;
        out[i] = classes[best];
      }
    }
    return Nd4j.createFromArray(out);
  }

  /**
   * Whether {@link #probabilities} applies: logistic regression only.
   *
   * @return true for a model of type "linear.logistic"
   */
  public boolean hasProbabilities() {
    return type.equals("linear.logistic");
  }

  /**
   * Logistic regression's class probabilities {@code [nSamples, K]}, columns in the order of {@link #classes()}:
   * [1 − σ(f), σ(f)] for two classes; for K &gt; 2 one-vs-rest, σ(f_k) normalised to sum 1 per row
   * (scikit-learn's {@code LogisticRegression(multi_class="ovr").predict_proba}).
   *
   * @param x {@code [nSamples, nFeatures]}, finite
   * @return the probabilities, each row summing to 1
   * @throws IllegalStateException for the perceptron and least-squares classifiers, which have no probabilities
   * @throws IllegalArgumentException when x has the wrong number of columns or a non-finite value
   */
  public INDArray probabilities(INDArray x) {
    if (!hasProbabilities()) {
      throw new IllegalStateException("The " + type + " classifier has no class probabilities (its decision function"
          + " f(x) = w·x + w0 is not a probability); logistic regression has them.");
    }
    INDArray f = decisionFunction(x);
    int n = (int) x.rows();
    double[][] p = new double[n][];
    if (coef.length == 1) {
      double[] v = f.toDoubleVector();
      for (int i = 0; i < n; i++) {
        double s = 1 / (1 + Math.exp(-v[i]));
        p[i] = new double[] {1 - s, s};
      }
    } else {
      double[][] v = f.toDoubleMatrix();
      for (int i = 0; i < n; i++) {
        p[i] = new double[v[i].length];
        double sum = 0;
        for (int k = 0; k < v[i].length; k++) sum += p[i][k] = 1 / (1 + Math.exp(-v[i][k]));
        for (int k = 0; k < v[i].length; k++) p[i][k] /= sum;
      }
    }
    return n == 0 ? Nd4j.create(DataType.DOUBLE, 0, classes.length) : Nd4j.createFromArray(p);
  }

  @Override
  public ModelState toState() {
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    ObjectNode config = LinearFiles.config(trainer, fitFacts);
    labels.write(arrays, config);
    arrays.put("coef", Nd4j.createFromArray(coef));
    arrays.put("intercept", Nd4j.createFromArray(intercept));
    if (standardization != null) arrays.putAll(standardization.toArrays("input."));
    return new ModelState(type, config, arrays, seed);
  }

  /** Reads {@link LinearClassifierModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return TYPES;
    }

    @Override
    public Model fromState(ModelState s) {
      Standardization st = s.arrays().containsKey("input.mean") ? Standardization.fromArrays(s, "input.") : null;
      INDArray c = s.array("coef");
      double[][] coef = c.rank() == 1 ? new double[][] {c.toDoubleVector()} : c.toDoubleMatrix();
      Trainer<?> trainer = LinearFiles.trainer(s.type(), s.config(), s.seed());
      return new LinearClassifierModel(s.type(), trainer, LinearFiles.facts(s.config(), trainer),
          ClassLabels.read(s), coef, s.array("intercept").toDoubleVector(), st, s.seed());
    }
  }
}
