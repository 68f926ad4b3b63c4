package org.mlmp.linear;

import org.mlmp.api.Precision;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Model;
import org.mlmp.api.Regressor;
import org.mlmp.api.Trainer;
import org.mlmp.data.Standardization;
import org.mlmp.io.ModelCodec;
import org.mlmp.api.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted linear regression f(x) = w·x + w0, whatever trainer produced it (ordinary least squares,
 * gradient descent, ridge, LASSO, elastic net, L0).
 *
 * <p>{@link #coef()} and {@link #intercept()} are always for the raw feature columns, also when the
 * trainer standardised them (the penalty then acted on the standardised coefficients w_j·s_j); the
 * {@link #standardization()} used is kept and saved with the model for the record.
 *
 * <p>Shapes: {@code x: [nSamples, nFeatures]} → predictions {@code [nSamples]}.
 */
public final class LinearModel implements Regressor {
  static final Set<String> TYPES = Set.of("linear.ols", "linear.gd", "linear.ridge", "linear.lasso",
      "linear.elastic-net", "linear.best-subset", "linear.forward-selection");

  private final String type;
  private final Trainer<?> trainer;
  private final Map<String, Object> fitFacts;
  private final double[] coef;
  private final double intercept;
  private final Standardization standardization;
  private final double[] costHistory;
  private final Precision precision;
  private final long seed;

  /**
   * @param trainer the configuration that fitted the model (a record)
   * @param fitFacts what the fit found besides the arrays (e.g. "method", "iterations"), see {@link LinearFiles#facts}
   */
  LinearModel(String type, Trainer<?> trainer, Map<String, Object> fitFacts, double[] coef, double intercept,
      Standardization standardization, double[] costHistory, Precision precision, long seed) {
    this.type = type;
    this.trainer = trainer;
    this.fitFacts = fitFacts;
    this.coef = coef.clone();
    this.intercept = intercept;
    this.standardization = standardization;
    this.costHistory = costHistory == null ? new double[0] : costHistory.clone();
    this.precision = precision;
    this.seed = seed;
  }

  /**
   * The weights w for the raw feature columns.
   *
   * @return a copy, length nFeatures
   */
  public double[] coef() {
    return coef.clone();
  }

  /**
   * The intercept w0 for the raw feature columns.
   *
   * @return w0; 0 when fitted without intercept and not standardised
   */
  public double intercept() {
    return intercept;
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
   * The cost C = 1/(2N) Σ (w·x_j + w0 − y_j)² (+ penalty) after each gradient-descent iteration (epoch
   * for mini-batches), starting with the initial cost; empty for closed-form and coordinate-descent fits.
   *
   * @return a copy of the costs
   */
  public double[] costHistory() {
    return costHistory.clone();
  }

  /**
   * The number of non-zero weights ‖w‖₀ (the intercept not counted).
   *
   * @return how many entries of {@link #coef()} are not exactly 0
   */
  public int nonZeroCount() {
    int k = 0;
    for (double c : coef) if (c != 0) k++;
    return k;
  }

  /**
   * The configuration that fitted this model (for a regularisation path: the trainer with this model's λ).
   *
   * @return the trainer
   */
  public Trainer<?> trainer() {
    return trainer;
  }

  /**
   * The model file type.
   *
   * @return e.g. "linear.ridge"
   */
  public String type() {
    return type;
  }

  /**
   * The precision predictions are computed in.
   *
   * @return the trainer's precision (DOUBLE or FLOAT)
   */
  public Precision precision() {
    return precision;
  }

  @Override
  public int nFeatures() {
    return coef.length;
  }

  /**
   * f(x) = x w + w0 by one {@code Nd4j.gemm} in the model's precision.
   *
   * @param x {@code [nSamples, nFeatures]}
   * @return {@code [nSamples]}
   */
  @Override
  public INDArray predict(INDArray x) {
    Checks.predictInput(x, coef.length, "LinearModel");
    return affine(x, new double[][] {coef}, new double[] {intercept}, precision.dataType()).reshape(x.rows());
  }

  /** x Wᵀ + b for weight rows W [k][d]: returns [n, k]. */
  static INDArray affine(INDArray x, double[][] w, double[] b, DataType dt) {
    INDArray xa = x.dataType() == dt ? x : x.castTo(dt);
    INDArray wt = Nd4j.createFromArray(w).castTo(dt); // [k, d]
    INDArray out = Nd4j.create(dt, new long[] {x.rows(), w.length}, 'c');
    Nd4j.gemm(xa, wt, out, false, true, 1.0, 0.0);
    out.addiRowVector(Nd4j.createFromArray(b).castTo(dt));
    return out;
  }

  @Override
  public ModelState toState() {
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("coef", Nd4j.createFromArray(coef));
    arrays.put("intercept", Nd4j.createFromArray(new double[] {intercept}));
    if (costHistory.length > 0) arrays.put("costHistory", Nd4j.createFromArray(costHistory));
    if (standardization != null) arrays.putAll(standardization.toArrays("input."));
    ObjectNode c = LinearFiles.config(trainer, fitFacts);
    c.put("precision", precision.name());
    return new ModelState(type, c, arrays, seed);
  }

  @Override
  public String toString() {
    return "LinearModel[" + type + ", coef=" + java.util.Arrays.toString(coef) + ", intercept=" + intercept + "]";
  }

  /** Reads {@link LinearModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return TYPES;
    }

    @Override
    public Model fromState(ModelState s) {
      Standardization st = s.arrays().containsKey("input.mean") ? Standardization.fromArrays(s, "input.") : null;
      double[] hist = s.arrays().containsKey("costHistory") ? s.array("costHistory").toDoubleVector() : null;
      ObjectNode c = s.config().deepCopy();
      Precision p = Precision.valueOf(c.path("precision").asText("DOUBLE"));
      Trainer<?> trainer = LinearFiles.trainer(s.type(), c, s.seed());
      c.remove("precision");
      return new LinearModel(s.type(), trainer, LinearFiles.facts(c, trainer), s.array("coef").toDoubleVector(),
          s.array("intercept").getDouble(0), st, hist, p, s.seed());
    }
  }
}
