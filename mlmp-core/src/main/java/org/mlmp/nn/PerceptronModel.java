package org.mlmp.nn;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Classifier;
import org.mlmp.api.Model;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ModelFile;
import org.mlmp.io.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A trained {@link Perceptron}: weights w, bias b, the two labels, and the mistakes made per epoch. */
public final class PerceptronModel implements Classifier {
  static final String TYPE = "nn.perceptron";
  private final double[] w;
  private final double b;
  private final double[] classes;
  private final List<Integer> mistakes;

  PerceptronModel(double[] w, double b, double[] classes, List<Integer> mistakes) {
    this.w = w.clone();
    this.b = b;
    this.classes = classes.clone();
    this.mistakes = List.copyOf(mistakes);
  }

  /** The weights w (a copy). */
  public double[] weights() {
    return w.clone();
  }

  public double bias() {
    return b;
  }

  /** Misclassified samples in each epoch run; a final 0 means the training data are separated. */
  public List<Integer> mistakesPerEpoch() {
    return mistakes;
  }

  /** Whether the last epoch made no mistake. */
  public boolean converged() {
    return !mistakes.isEmpty() && mistakes.get(mistakes.size() - 1) == 0;
  }

  @Override
  public double[] classes() {
    return classes.clone();
  }

  @Override
  public int nFeatures() {
    return w.length;
  }

  /** Labels [n]: classes()[1] where w·x + b &gt; 0, else classes()[0]. */
  @Override
  public INDArray predict(INDArray x) {
    Checks.featureCount(x, w.length, "PerceptronModel");
    double[][] v = x.castTo(DataType.DOUBLE).toDoubleMatrix();
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      double z = b;
      for (int j = 0; j < w.length; j++) z += w[j] * v[i][j];
      out[i] = classes[z > 0 ? 1 : 0];
    }
    return Nd4j.createFromArray(out);
  }

  @Override
  public ModelState toState() {
    var config = ModelFile.newConfig();
    config.put("bias", b);
    var m = config.putArray("mistakesPerEpoch");
    mistakes.forEach(m::add);
    return new ModelState(TYPE, config, Map.of("weights", Nd4j.createFromArray(w), "classes",
        Nd4j.createFromArray(classes)), -1);
  }

  /** Reads {@link PerceptronModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      List<Integer> m = new java.util.ArrayList<>();
      s.config().path("mistakesPerEpoch").forEach(e -> m.add(e.asInt()));
      return new PerceptronModel(s.array("weights").toDoubleVector(), s.config().path("bias").asDouble(),
          s.array("classes").toDoubleVector(), m);
    }
  }
}
