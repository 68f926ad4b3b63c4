package org.mlmp.kernelmethods;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mlmp.api.Checks;
import org.mlmp.api.ClassLabels;
import org.mlmp.api.Classifier;
import org.mlmp.api.Model;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ConfigJson;
import org.mlmp.kernel.Kernel;
import org.mlmp.api.ModelState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fitted {@link Svm}: for two classes one machine f(x) = Σ_i α_i y_i k(x_i, x) + b, with f(x) > 0
 * meaning {@code classes()[1]}; for more, one machine per pair of classes (a, b), a &lt; b, in the order
 * (0,1), (0,2), …, (1,2), …, each positive for the larger label, and a majority vote. Only the support
 * vectors are kept.
 */
public final class SvmModel implements Classifier {
  static final String TYPE = "kernelmethods.svm";

  /**
   * One binary machine.
   *
   * @param negative the label of y = −1 (the smaller one)
   * @param positive the label of y = +1
   * @param support training-row indices of its support vectors, ascending
   * @param coef α_i y_i for each support vector
   * @param intercept b (= −ρ in LIBSVM)
   */
  record Binary(double negative, double positive, int[] support, double[] coef, double intercept) {}

  private final Svm config;
  private final ClassLabels labels;
  private final double[] classes; // labels.values(), for the vote
  private final int nFeatures;
  private final int[] supportIndices; // ascending union over machines
  private final INDArray xSupport; // rows of supportIndices
  private final List<Binary> machines;

  SvmModel(Svm config, ClassLabels labels, double[][] x, List<Binary> machines) {
    this.config = config;
    this.labels = labels;
    this.classes = labels.values();
    this.nFeatures = x[0].length;
    TreeSet<Integer> all = new TreeSet<>();
    for (Binary b : machines) for (int i : b.support()) all.add(i);
    this.supportIndices = all.stream().mapToInt(Integer::intValue).toArray();
    this.xSupport = supportIndices.length == 0 ? Nd4j.zeros(DataType.DOUBLE, 0, nFeatures)
        : org.mlmp.api.Matrices.fromRows(java.util.Arrays.stream(supportIndices).mapToObj(i -> x[i])
            .toArray(double[][]::new));
    this.machines = List.copyOf(machines);
  }

  private SvmModel(Svm config, ClassLabels labels, int nFeatures, int[] supportIndices, INDArray xSupport,
      List<Binary> machines) {
    this.config = config;
    this.labels = labels;
    this.classes = labels.values();
    this.nFeatures = nFeatures;
    this.supportIndices = supportIndices;
    this.xSupport = xSupport;
    this.machines = machines;
  }

  /**
   * The configuration that fitted this model.
   *
   * @return the trainer
   */
  public Svm trainer() {
    return config;
  }

  /**
   * The configuration that fitted this model (as {@link #trainer()}).
   *
   * @return the trainer
   */
  public Svm config() {
    return config;
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

  @Override
  public int nFeatures() {
    return nFeatures;
  }

  /**
   * Training-row indices (0-based) of all support vectors, ascending.
   *
   * @return a copy (scikit-learn's {@code support_})
   */
  public int[] supportIndices() {
    return supportIndices.clone();
  }

  /**
   * Number of support vectors of each class (as scikit-learn's n_support_), in the order of classes().
   *
   * @return one count per class
   */
  public int[] nSupport() {
    int[] count = new int[classes.length];
    Set<Integer> seen = new java.util.HashSet<>();
    for (Binary b : machines) {
      for (int r = 0; r < b.support().length; r++) {
        if (seen.add(b.support()[r])) {
          double label = b.coef()[r] > 0 ? b.positive() : b.negative();
          count[Arrays.binarySearch(classes, label)]++;
        }
      }
    }
    return count;
  }

  /**
   * The number of binary machines.
   *
   * @return 1 for two classes, K(K−1)/2 for K classes (one-vs-one)
   */
  public int nMachines() {
    return machines.size();
  }

  /**
   * α_i y_i of machine k's support vectors, aligned with {@link #machineSupport(int)}.
   *
   * @param k the machine, in [0, nMachines)
   * @return a copy
   */
  public double[] dualCoef(int k) {
    return machines.get(k).coef().clone();
  }

  /**
   * Training-row indices of machine k's support vectors, ascending.
   *
   * @param k the machine, in [0, nMachines)
   * @return a copy
   */
  public int[] machineSupport(int k) {
    return machines.get(k).support().clone();
  }

  /**
   * The intercept of machine k.
   *
   * @param k the machine, in [0, nMachines)
   * @return b (= −ρ in LIBSVM)
   */
  public double intercept(int k) {
    return machines.get(k).intercept();
  }

  /**
   * The pair of labels of machine k.
   *
   * @param k the machine, in [0, nMachines)
   * @return {negative, positive}: the labels of y = −1 and y = +1
   */
  public double[] machineClasses(int k) {
    return new double[] {machines.get(k).negative(), machines.get(k).positive()};
  }

  /**
   * Decision values: {@code [m]} for two classes (> 0 means classes()[1]), {@code [m, nMachines]} for more.
   *
   * @param x {@code [m, d]}
   * @return the decision values f(x)
   * @throws IllegalArgumentException when x has the wrong shape or a non-finite value
   */
  public INDArray decisionFunction(INDArray x) {
    double[][] d = decisions(x);
    if (machines.size() == 1) {
      double[] out = new double[d.length];
      for (int i = 0; i < d.length; i++) out[i] = d[i][0];
      return Nd4j.createFromArray(out);
    }
    return Nd4j.createFromArray(d);
  }

  private double[][] decisions(INDArray x) {
    Checks.predictInput(x, nFeatures, "SvmModel");
    int m = (int) x.rows();
    double[][] out = new double[m][machines.size()];
    if (supportIndices.length == 0) {
      for (int i = 0; i < m; i++) for (int k = 0; k < machines.size(); k++) out[i][k] = machines.get(k).intercept();
      return out;
    }
    long block = Math.max(1, (1L << 22) / supportIndices.length);
    for (long r0 = 0; r0 < m; r0 += block) {
      long r1 = Math.min(m, r0 + block);
      // flat c-order copy (toDoubleMatrix goes row by row through ND4J: slow for tall blocks)
      double[] kb = config.kernel().gram(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(r0, r1),
          org.nd4j.linalg.indexing.NDArrayIndex.all()), xSupport).data().asDouble();
      int w = supportIndices.length;
      for (int k = 0; k < machines.size(); k++) {
        Binary b = machines.get(k);
        int[] pos = new int[b.support().length];
        for (int r = 0; r < pos.length; r++) pos[r] = Arrays.binarySearch(supportIndices, b.support()[r]);
        for (int i = 0; i < r1 - r0; i++) {
          double s = b.intercept();
          for (int r = 0; r < pos.length; r++) s += b.coef()[r] * kb[i * w + pos[r]];
          out[(int) r0 + i][k] = s;
        }
      }
    }
    return out;
  }

  /** Predicted labels {@code [m]}: the sign for two classes, the one-vs-one majority vote for more. */
  @Override
  public INDArray predict(INDArray x) {
    double[][] d = decisions(x);
    double[] out = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      int[] votes = new int[classes.length];
      for (int k = 0; k < machines.size(); k++) {
        Binary b = machines.get(k);
        votes[Arrays.binarySearch(classes, d[i][k] > 0 ? b.positive() : b.negative())]++;
      }
      int best = 0;
      for (int c = 1; c < votes.length; c++) if (votes[c] > votes[best]) best = c;
      out[i] = classes[best];
    }
    return Nd4j.createFromArray(out);
  }

  @Override
  public ModelState toState() {
    ObjectNode cfg = ConfigJson.write(config); // kernel, C, tolerance, maxIterations; refuses a Radial kernel
    cfg.put("nFeatures", nFeatures);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    labels.write(arrays, cfg);
    arrays.put("supportIndices", Nd4j.createFromArray(Arrays.stream(supportIndices).asLongStream().toArray()));
    arrays.put("xSupport", xSupport.dup());
    double[] intercepts = new double[machines.size()];
    double[][] pairs = new double[machines.size()][];
    for (int k = 0; k < machines.size(); k++) {
      Binary b = machines.get(k);
      intercepts[k] = b.intercept();
      pairs[k] = new double[] {b.negative(), b.positive()};
      arrays.put("machine." + k + ".support", Nd4j.createFromArray(Arrays.stream(b.support()).asLongStream().toArray()));
      arrays.put("machine." + k + ".coef", Nd4j.createFromArray(b.coef().length == 0 ? new double[] {} : b.coef()));
    }
    arrays.put("intercepts", Nd4j.createFromArray(intercepts));
    arrays.put("pairs", Nd4j.createFromArray(pairs));
    return new ModelState(TYPE, cfg, arrays, -1);
  }

  @Override
  public String toString() {
    return "SvmModel[" + config + ", classes=" + (labels.isText() ? labels.names() : Arrays.toString(classes))
        + ", support vectors="
        + supportIndices.length + "]";
  }

  /** Reads {@link SvmModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      var c = s.config();
      // components format version 1 did not write (allowManyClasses) take Svm's defaults
      Svm svm = ConfigJson.read(c, Svm.of(ConfigJson.readAny(c.path("kernel"), Kernel.class), 1.0));
      double[] intercepts = s.array("intercepts").toDoubleVector();
      double[][] pairs = s.array("pairs").toDoubleMatrix();
      List<Binary> ms = new ArrayList<>();
      for (int k = 0; k < intercepts.length; k++) {
        INDArray sup = s.array("machine." + k + ".support");
        INDArray coef = s.array("machine." + k + ".coef");
        int[] support = sup.length() == 0 ? new int[0] : sup.castTo(DataType.LONG).toIntVector();
        double[] co = coef.length() == 0 ? new double[0] : coef.toDoubleVector();
        ms.add(new Binary(pairs[k][0], pairs[k][1], support, co, intercepts[k]));
      }
      INDArray si = s.array("supportIndices");
      int[] supportIndices = si.length() == 0 ? new int[0] : si.castTo(DataType.LONG).toIntVector();
      int nf = c.path("nFeatures").asInt();
      return new SvmModel(svm, ClassLabels.read(s), nf, supportIndices,
          s.array("xSupport").castTo(DataType.DOUBLE).dup('c'), List.copyOf(ms));
    }
  }
}
