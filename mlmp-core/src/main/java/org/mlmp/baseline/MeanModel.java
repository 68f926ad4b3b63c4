package org.mlmp.baseline;

import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Model;
import org.mlmp.api.Regressor;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ConfigJson;
import org.mlmp.api.ModelState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A fitted {@link MeanRegressor}: the training mean per target. */
public final class MeanModel implements Regressor {
  static final String TYPE = "baseline.mean";
  private final MeanRegressor trainer;
  private final double[] mean;
  private final int nFeatures;
  private final boolean singleTarget;

  MeanModel(MeanRegressor trainer, double[] mean, int nFeatures, boolean singleTarget) {
    this.trainer = trainer;
    this.mean = mean.clone();
    this.nFeatures = nFeatures;
    this.singleTarget = singleTarget;
  }

  /**
   * The configuration that fitted this model.
   *
   * @return the trainer
   */
  public MeanRegressor trainer() {
    return trainer;
  }

  /**
   * The training mean of each target, the value predicted for every row.
   *
   * @return a copy, one value per target
   */
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public int nFeatures() {
    return nFeatures;
  }

  @Override
  public INDArray predict(INDArray x) {
    Checks.predictInput(x, nFeatures, "MeanModel");
    INDArray row = Nd4j.createFromArray(mean).reshape(1, mean.length);
    INDArray out = Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.DOUBLE, x.rows(), 1).mmul(row);
    return singleTarget ? out.reshape(x.rows()) : out;
  }

  @Override
  public ModelState toState() {
    var config = ConfigJson.write(trainer); // no settings; the fit's facts follow
    config.put("nFeatures", nFeatures);
    config.put("singleTarget", singleTarget);
    return new ModelState(TYPE, config, java.util.Map.of("mean", Nd4j.createFromArray(mean)), -1);
  }

  /** Reads {@link MeanModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      return new MeanModel(ConfigJson.read(s.config(), MeanRegressor.of()), s.array("mean").toDoubleVector(), s.config().path("nFeatures").asInt(),
          s.config().path("singleTarget").asBoolean(true));
    }
  }
}
