package org.mlmp.kernelmethods;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.mlmp.api.Model;
import org.mlmp.api.ModelState;
import org.mlmp.api.Regressor;
import org.mlmp.backend.HostBlas;
import org.mlmp.io.ConfigJson;
import org.mlmp.io.ModelCodec;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fitted {@link NystromKernelRidge}: f(x) = Σ_j β_j k(x, l_j) over the m landmarks l_j {@code [m, d]} with
 * coefficients β {@code [m, t]}, predicted as a {@link KernelRidgeModel} over the landmarks (the CPU fast path
 * fuses the kernel values with the sum; no m' × m matrix is stored).
 */
public final class NystromKernelRidgeModel implements Regressor {
  static final String TYPE = "kernelmethods.nystromkernelridge";

  private final NystromKernelRidge trainer;
  private final boolean singleTarget;
  /** The expansion over the landmarks, which predicts. */
  private final KernelRidgeModel expansion;

  NystromKernelRidgeModel(NystromKernelRidge trainer, INDArray landmarks, INDArray coef, boolean singleTarget) {
    this.trainer = trainer;
    this.singleTarget = singleTarget;
    this.expansion = new KernelRidgeModel(KernelRidge.of(trainer.kernel(), trainer.lambda()), landmarks, coef,
        singleTarget, null, HostBlas.hostMemory());
  }

  /**
   * The configuration that fitted this model.
   *
   * @return the trainer
   */
  public NystromKernelRidge trainer() {
    return trainer;
  }

  /**
   * The landmarks.
   *
   * @return {@code [m, d]} (a copy)
   */
  public INDArray landmarks() {
    return expansion.xTrain();
  }

  /**
   * The coefficients β of the landmarks.
   *
   * @return {@code [m]} for one target or {@code [m, t]} (a copy)
   */
  public INDArray coef() {
    return expansion.dualCoef();
  }

  @Override
  public int nFeatures() {
    return expansion.nFeatures();
  }

  /**
   * Predicts f(x).
   *
   * @param x {@code [n', d]}
   * @return {@code [n']} for one target, {@code [n', t]} for several
   * @throws IllegalArgumentException for a wrong feature count (both named) or NaN / ±∞ (row and column named)
   */
  @Override
  public INDArray predict(INDArray x) {
    return expansion.predict(x);
  }

  @Override
  public ModelState toState() {
    ObjectNode config = ConfigJson.write(trainer);
    config.put("singleTarget", singleTarget);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("landmarks", expansion.xTrain());
    INDArray c = expansion.dualCoef();
    arrays.put("coef", c.rank() == 1 ? c.reshape(c.length(), 1) : c);
    return new ModelState(TYPE, config, arrays, trainer.seed());
  }

  @Override
  public String toString() {
    return "NystromKernelRidgeModel[" + trainer.kernel() + ", lambda=" + trainer.lambda() + ", m=" + trainer.landmarks()
        + ", d=" + nFeatures() + "]";
  }

  /** Reads {@link NystromKernelRidgeModel}s from model files. */
  public static final class Codec implements ModelCodec {
    /** The codec (registered as a service). */
    public Codec() {}

    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      INDArray l = s.array("landmarks"), c = s.array("coef");
      if (l.rank() != 2 || c.rank() != 2 || c.rows() != l.rows()) {
        throw new IllegalArgumentException("landmarks " + Arrays.toString(l.shape()) + " and coef "
            + Arrays.toString(c.shape()) + " do not match.");
      }
      NystromKernelRidge trainer = ConfigJson.read(s.config(), NystromKernelRidge.class);
      return new NystromKernelRidgeModel(trainer, l.castTo(DataType.DOUBLE), c.castTo(DataType.DOUBLE),
          s.config().path("singleTarget").asBoolean(true));
    }
  }
}
