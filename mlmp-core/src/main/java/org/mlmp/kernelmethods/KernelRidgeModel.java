package org.mlmp.kernelmethods;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Model;
import org.mlmp.api.Regressor;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ConfigJson;
import org.mlmp.api.ModelState;
import org.mlmp.kernel.CpuGram;
import org.mlmp.kernel.Gram;
import org.mlmp.kernel.Kernel;
import org.mlmp.api.Precision;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fitted {@link KernelRidge}: f(x) = Σ_n a_n k(x_n, x) with the training inputs x_n {@code [n, d]} and
 * dual coefficients a {@code [n, t]}, kept in double. Predictions are computed in row blocks (the cross
 * Gram matrix is never held whole), on the CPU fast path in double, elsewhere with ND4J operations in the
 * model's {@link Precision} (returned in double); {@link #gradient} gives ∇ₓ f analytically through the kernel's gradient.
 */
public final class KernelRidgeModel implements Regressor {
  static final String TYPE = "kernelmethods.kernelridge";
  private static final long BLOCK = 1L << 22;

  private final KernelRidge trainer;
  private final Kernel kernel;
  private final Precision precision;
  private final INDArray xTrain;
  private final INDArray dualCoef;
  private final boolean singleTarget;
  /** CPU fast path: the centred training rows and the coefficients as Java arrays for {@link CpuGram#predict}. */
  private final CpuGram.Prepared prepared;
  private final double[] coefFlat;
  /** Generic path: the coefficients in the model's precision, for {@code Nd4j.gemm} with the cross Gram blocks. */
  private final INDArray coefForGemm;

  /**
   * @param prepared {@link CpuGram#prepare} of xTrain if the caller has it, else null (made here for the fast path)
   * @param direct true: predictions take the CPU fast path (if the precision is DOUBLE); false: ND4J ops only
   */
  KernelRidgeModel(KernelRidge trainer, INDArray xTrain, INDArray dualCoef, boolean singleTarget,
      CpuGram.Prepared prepared, boolean direct) {
    this.trainer = trainer;
    this.kernel = trainer.kernel();
    this.precision = trainer.precision();
    this.xTrain = xTrain.castTo(DataType.DOUBLE).dup('c');
    this.dualCoef = dualCoef.castTo(DataType.DOUBLE).dup('c');
    this.singleTarget = singleTarget;
    if (direct && precision == Precision.DOUBLE) {
      this.prepared = prepared != null ? prepared : CpuGram.prepare(kernel, this.xTrain);
      this.coefFlat = this.dualCoef.data().asDouble();
      this.coefForGemm = null;
    } else {
      this.prepared = null;
      this.coefFlat = null;
      this.coefForGemm = this.dualCoef.castTo(precision.dataType());
    }
  }

  /**
   * The configuration that fitted this model.
   *
   * @return the trainer
   */
  public KernelRidge trainer() {
    return trainer;
  }

  /**
   * The kernel of the expansion.
   *
   * @return the trainer's kernel
   */
  public Kernel kernel() {
    return kernel;
  }

  /**
   * The regularisation the model was fitted with.
   *
   * @return the trainer's λ
   */
  public double lambda() {
    return trainer.lambda();
  }

  /**
   * The precision of the fit and of the generic path's predictions.
   *
   * @return DOUBLE or FLOAT
   */
  public Precision precision() {
    return precision;
  }

  /**
   * The dual coefficients a of f(x) = Σ_n a_n k(x, x_n).
   *
   * @return a copy, {@code [n]} for one target or {@code [n, t]}
   */
  public INDArray dualCoef() {
    return singleTarget ? dualCoef.dup().reshape(dualCoef.rows()) : dualCoef.dup();
  }

  /**
   * The training inputs x_n, the centres of the expansion.
   *
   * @return a copy, {@code [n, d]}
   */
  public INDArray xTrain() {
    return xTrain.dup();
  }

  /**
   * The number of targets the model predicts.
   *
   * @return t (1 for a single target)
   */
  public int nTargets() {
    return (int) dualCoef.columns();
  }

  @Override
  public int nFeatures() {
    return (int) xTrain.columns();
  }

  /**
   * @param x {@code [m, d]}
   * @return {@code [m]} for one target, {@code [m, t]} for several
   */
  @Override
  public INDArray predict(INDArray x) {
    Checks.predictInput(x, nFeatures(), "KernelRidgeModel");
    if (prepared != null) {
      // CPU: dgemm blocks fused with the kernel map and the sum over training points (no m × n matrix)
      long m = x.rows();
      int t = (int) dualCoef.columns();
      INDArray out = Nd4j.createFromArray(CpuGram.predict(prepared, x, coefFlat, t)).reshape('c', m, t);
      return singleTarget ? out.reshape(m) : out;
    }
    return predictInBlocks(x, Math.max(1, BLOCK / xTrain.rows()));
  }

  /** {@link #predict(INDArray)} with the cross Gram matrix computed {@code blockRows} rows at a time. */
  INDArray predict(INDArray x, long blockRows) {
    Checks.predictInput(x, nFeatures(), "KernelRidgeModel");
    return predictInBlocks(x, blockRows);
  }

  /** The generic path on checked x. */
  private INDArray predictInBlocks(INDArray x, long blockRows) {
    long m = x.rows();
    DataType dt = precision.dataType();
    INDArray coef = coefForGemm != null ? coefForGemm : dualCoef;
    INDArray out = Nd4j.createUninitialized(dt, m, dualCoef.columns());
    long b = Math.max(1, Math.min(m, blockRows));
    for (long r0 = 0; r0 < m; r0 += b) {
      long r1 = Math.min(m, r0 + b);
      INDArray kb = Gram.cross(kernel, x.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all()), xTrain, dt);
      Nd4j.gemm(kb, coef, out.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all()), false, false, 1.0, 0.0);
    }
    out = out.castTo(DataType.DOUBLE);
    return singleTarget ? out.reshape(m) : out;
  }

  /**
   * Predictions from a precomputed cross Gram matrix K'_mn = k(x'_m, x_n) against the training inputs.
   *
   * @param crossGram {@code [m, n]}
   * @return the predictions {@code [m]} for one target, {@code [m, t]} for several
   * @throws IllegalArgumentException when crossGram is not a matrix with n columns or holds NaN or ±∞
   */
  public INDArray predictFromGram(INDArray crossGram) {
    Checks.matrix(crossGram, "crossGram");
    if (crossGram.columns() != xTrain.rows()) {
      throw new IllegalArgumentException("crossGram has " + crossGram.columns() + " columns, but the model has "
          + xTrain.rows() + " training samples (one column each).");
    }
    Checks.finiteInput(crossGram, "crossGram");
    INDArray out = Nd4j.createUninitialized(DataType.DOUBLE, crossGram.rows(), dualCoef.columns());
    Nd4j.gemm(crossGram.castTo(DataType.DOUBLE), dualCoef, out, false, false, 1.0, 0.0);
    return singleTarget ? out.reshape(crossGram.rows()) : out;
  }

  /**
   * The gradient ∇ₓ f(x) = Σ_n a_n ∇ₓ k(x, x_n) of target {@code target} (0 for a single target), e.g.
   * minus the force of a learned potential-energy surface.
   *
   * @param x {@code [m, d]}
   * @param target the target's index, in [0, t)
   * @return {@code [m, d]}
   * @throws UnsupportedOperationException if the kernel has no gradient
   * @throws IllegalArgumentException when x has the wrong shape or a non-finite value, or target is out of range
   */
  public INDArray gradient(INDArray x, int target) {
    Checks.predictInput(x, nFeatures(), "KernelRidgeModel");
    if (target < 0 || target >= dualCoef.columns()) {
      throw new IllegalArgumentException("target must be in [0, " + dualCoef.columns() + "). Got " + target
          + " instead.");
    }
    return kernel.weightedGradient(x, xTrain, dualCoef.getColumn(target).dup());
  }

  /**
   * {@link #gradient(INDArray, int)} of the only target.
   *
   * @param x {@code [m, d]}
   * @return {@code [m, d]}
   * @throws UnsupportedOperationException if the kernel has no gradient
   */
  public INDArray gradient(INDArray x) {
    return gradient(x, 0);
  }

  @Override
  public ModelState toState() {
    ObjectNode config = ConfigJson.write(trainer); // kernel, lambda, precision; refuses a Radial kernel, saying why
    config.put("singleTarget", singleTarget);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("xTrain", xTrain.dup());
    arrays.put("dualCoef", dualCoef.dup());
    return new ModelState(TYPE, config, arrays, -1);
  }

  @Override
  public String toString() {
    return "KernelRidgeModel[" + kernel + ", lambda=" + trainer.lambda() + (precision == Precision.DOUBLE ? "" : ", FLOAT") + ", n=" + xTrain.rows() + ", d=" + nFeatures()
        + ", targets=" + nTargets() + "]";
  }

  /** Reads {@link KernelRidgeModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      INDArray x = s.array("xTrain"), a = s.array("dualCoef");
      if (a.rank() != 2 || x.rank() != 2 || a.rows() != x.rows()) {
        throw new IllegalArgumentException("xTrain " + Arrays.toString(x.shape()) + " and dualCoef "
            + Arrays.toString(a.shape()) + " do not match.");
      }
      // format version 1 files always hold kernel and lambda; precision defaults to DOUBLE
      KernelRidge trainer = ConfigJson.read(s.config(),
          KernelRidge.of(ConfigJson.readAny(s.config().path("kernel"), Kernel.class), 0));
      return new KernelRidgeModel(trainer, x, a, s.config().path("singleTarget").asBoolean(true), null,
          org.mlmp.backend.HostBlas.hostMemory());
    }
  }
}
