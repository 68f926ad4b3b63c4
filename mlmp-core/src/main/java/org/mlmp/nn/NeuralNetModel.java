package org.mlmp.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Metrics;
import org.mlmp.api.Model;
import org.mlmp.data.ImagePreprocessing;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ConfigJson;
import org.mlmp.api.ModelState;
import org.mlmp.nn.engine.Program;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A trained {@link Network}: its architecture, its parameters (float) and the input scaling fitted on the
 * training data, applied to every input. Immutable; arrays handed out are copies.
 *
 * <p>Shapes: {@code x: [nSamples, C·H·W]} (images flattened row-major, as {@link org.mlmp.data.ImageSet}
 * gives them); {@link #output} {@code [nSamples, K]}; {@link #predict} {@code [nSamples]} (class labels,
 * or values for a single regression target) or {@code [nSamples, K]}.
 *
 * <p>A cross-entropy network is a {@link NeuralNetClassifierModel} ({@link org.mlmp.api.Classifier}, labels in
 * their original values), a squared-error one a {@link NeuralNetRegressorModel} ({@link org.mlmp.api.Regressor}).
 */
public abstract sealed class NeuralNetModel implements Model permits NeuralNetClassifierModel, NeuralNetRegressorModel {
  static final String TYPE = "nn.network";
  private final Network network;
  private final float[] params;
  private final float[] stats;
  private final Scaler scaler;
  private final Targets targets;
  private final NeuralNet trainer;
  private final ImagePreprocessing imagePreprocessing;
  private final List<String> classNames;
  private Program program;

  /** The classifier or regressor model for {@code targets}. */
  static NeuralNetModel create(Network network, float[] params, float[] stats, Scaler scaler, Targets targets,
      NeuralNet trainer, List<String> classNames) {
    return create(network, params, stats, scaler, targets, trainer, null, classNames);
  }

  private static NeuralNetModel create(Network network, float[] params, float[] stats, Scaler scaler,
      Targets targets, NeuralNet trainer, ImagePreprocessing images,
      List<String> names) {
    return targets.classification()
        ? new NeuralNetClassifierModel(network, params, stats, scaler, targets, trainer, images, names)
        : new NeuralNetRegressorModel(network, params, stats, scaler, targets, trainer, images, names);
  }

  /**
   * This model, also holding how its input images are made from image files (so {@code mlmp predict --images}
   * applies the training preprocessing) and, for a classifier, a name per class (e.g. the class folders), in the
   * order of {@link #classes()}. Both are stored in the model file; either may be null.
   *
   * @param preprocessing how an image file becomes an input row, or null
   * @param names one name per class in the order of {@link #classes()}, or null
   * @return a new model with the same parameters
   * @throws IllegalArgumentException when the preprocessing's row length is not the network's input size, or
   *     the names do not match the number of classes (or the network regresses)
   */
  public NeuralNetModel withImageInput(ImagePreprocessing preprocessing, List<String> names) {
    return create(network, params, stats, scaler, targets, trainer, preprocessing, names);
  }

  /**
   * The preprocessing that turns an image file into an input row, if the model was trained on image files.
   *
   * @return the preprocessing, or empty
   */
  public java.util.Optional<ImagePreprocessing> imagePreprocessing() {
    return java.util.Optional.ofNullable(imagePreprocessing);
  }

  /**
   * The class names in the order of {@link #classes()} (e.g. the image folder names), or empty if none.
   *
   * @return an unmodifiable list, empty when the model has no names
   */
  public List<String> classNames() {
    return classNames == null ? List.of() : classNames;
  }

  /** @param trainer the configuration that fitted the model, or null for hand-set parameters */
  NeuralNetModel(Network network, float[] params, float[] stats, Scaler scaler, Targets targets,
      NeuralNet trainer, ImagePreprocessing imagePreprocessing,
      List<String> classNames) {
    this.network = network;
    if (imagePreprocessing != null && imagePreprocessing.rowLength() != network.input().size()) {
      throw new IllegalArgumentException("The image preprocessing " + imagePreprocessing + " gives rows of "
          + imagePreprocessing.rowLength() + " values, but the network's input " + network.input() + " takes "
          + network.input().size() + ".");
    }
    if (classNames != null && classNames.size() != (targets.classification() ? targets.classes().length : -1)) {
      throw new IllegalArgumentException("The class names " + classNames + " must name the network's "
          + (targets.classification() ? targets.classes().length + " classes" : "classes, but it regresses") + ".");
    }
    this.imagePreprocessing = imagePreprocessing;
    this.classNames = classNames == null ? null : List.copyOf(classNames);
    this.params = params.clone();
    this.stats = stats == null ? initialStatistics(network) : stats.clone();
    if (this.stats.length != network.statisticsCount()) {
      throw new IllegalArgumentException("The network needs " + network.statisticsCount() + " running statistics; got "
          + this.stats.length + ".");
    }
    this.scaler = scaler;
    this.targets = targets;
    this.trainer = trainer;
  }

  /**
   * A model with hand-set parameters and no input scaling, e.g. a convolution with the course's filter.
   * {@code parameters} is the flat vector in the engine's layout, layer by layer: a Dense layer's weights
   * {@code [inputs, units]} row-major then its {@code units} biases; a Conv2d layer's weights
   * {@code [channels, Cin, k, k]} row-major then its {@code channels} biases; a BatchNorm layer's γ then β (one
   * per channel; its running statistics start at mean 0, variance 1). For a cross-entropy network
   * the classes are 0..K−1.
   *
   * @param network the architecture
   * @param parameters the flat parameter vector, length {@link Network#parameterCount()}
   * @return the model
   * @throws IllegalArgumentException when {@code parameters} has another length than the network needs
   */
  public static NeuralNetModel withParameters(Network network, double[] parameters) {
    if (parameters.length != network.parameterCount()) {
      throw new IllegalArgumentException("The network " + network.layers().stream().map(Layer::describe).toList()
          + " has " + network.parameterCount() + " parameters; got " + parameters.length + ".");
    }
    float[] p = new float[parameters.length];
    for (int i = 0; i < p.length; i++) p[i] = (float) parameters[i];
    int units = network.outputLayer().units(), k = units == 1 ? 2 : units;
    double[] classes = null;
    if (network.classifies()) {
      classes = new double[k];
      for (int i = 0; i < k; i++) classes[i] = i;
    }
    return create(network, p, null, new Scaler(InputScaling.NONE, null, null), new Targets(classes, true),
        null, null);
  }

  /** BatchNorm's initial running estimates (means 0, variances 1), layer by layer. */
  static float[] initialStatistics(Network network) {
    float[] v = new float[network.statisticsCount()];
    List<Shape> shapes = network.shapes();
    int at = 0;
    for (int i = 0; i < network.layers().size(); i++) {
      Layer l = network.layers().get(i);
      int n = l.statisticsCount(shapes.get(i));
      if (l instanceof BatchNorm) java.util.Arrays.fill(v, at + n / 2, at + n, 1f);
      at += n;
    }
    return v;
  }

  /**
   * The architecture.
   *
   * @return the network whose parameters this model holds
   */
  public Network network() {
    return network;
  }

  /**
   * The configuration that fitted this model; empty for a model made by {@link #withParameters}.
   *
   * @return the training configuration, or empty
   */
  public java.util.Optional<NeuralNet> trainer() {
    return java.util.Optional.ofNullable(trainer);
  }

  @Override
  public int nFeatures() {
    return network.input().size();
  }

  /**
   * The flat parameter vector θ, laid out layer by layer: weights, then biases (see {@link #withParameters}).
   *
   * @return a copy of length {@link Network#parameterCount()}
   */
  public float[] parameters() {
    return params.clone();
  }

  /**
   * The non-learned running statistics (a copy): for each {@link BatchNorm} layer in order, the running
   * means of its channels, then their running variances. Empty without BatchNorm layers.
   *
   * @return a copy of length {@link Network#statisticsCount()}
   */
  public float[] runningStatistics() {
    return stats.clone();
  }

  /**
   * The class labels in output-unit order (empty for regression).
   *
   * @return a copy; for one sigmoid unit the two labels, the second being the "positive" class
   */
  public double[] classes() {
    return targets.classification() ? targets.classes().clone() : new double[0];
  }

  /**
   * The kind of input scaling fitted on the training data.
   *
   * @return NONE, GLOBAL or per-feature scaling (its means and scales: {@link #inputMean()}, {@link #inputScale()})
   */
  public InputScaling inputScaling() {
    return scaler.kind();
  }

  /**
   * The means μ_j the input scaling subtracts, z_j = (x_j − μ_j)/σ_j (a copy, length {@link #nFeatures};
   * all equal for {@link InputScaling#GLOBAL}); empty for {@link InputScaling#NONE}.
   *
   * @return the means μ_j
   */
  public double[] inputMean() {
    return scaler.kind() == InputScaling.NONE ? new double[0] : scaler.mean().clone();
  }

  /**
   * The scales σ_j the input scaling divides by (a copy, length {@link #nFeatures}; all equal for
   * {@link InputScaling#GLOBAL}); empty for {@link InputScaling#NONE}.
   *
   * @return the scales σ_j
   */
  public double[] inputScale() {
    return scaler.kind() == InputScaling.NONE ? new double[0] : scaler.scale().clone();
  }

  /**
   * The network's output: class probabilities {@code [n, K]} (softmax), the probability of the second
   * class {@code [n, 1]} (one sigmoid unit), or the regression values {@code [n, K]}; float.
   *
   * @param x inputs {@code [n, nFeatures]} (images flattened row-major), finite
   * @return the output of the last layer
   * @throws IllegalArgumentException when x has the wrong number of columns or a non-finite value (named by
   *     row and column)
   */
  public INDArray output(INDArray x) {
    return run(x, -1).get(0);
  }

  /**
   * The output of every layer for {@code x}: element i is layer i's output, {@code [n, C, H, W]} for
   * images, {@code [n, units]} for vectors (the layer-wise representations of the course).
   *
   * @param x inputs {@code [n, nFeatures]}, finite
   * @return one array per layer, in layer order
   * @throws IllegalArgumentException when x has the wrong number of columns or a non-finite value
   */
  public List<INDArray> layerOutputs(INDArray x) {
    return run(x, network.layers().size());
  }

  /**
   * Predicts: the most probable class (or, for one sigmoid unit, the second class when its probability
   * exceeds 0.5), or the regression values.
   *
   * @param x inputs {@code [n, nFeatures]}, finite
   * @return class labels {@code [n]} for classification; values {@code [n]} or {@code [n, K]} for regression
   * @throws IllegalArgumentException when x has the wrong number of columns or a non-finite value
   */
  public final INDArray predict(INDArray x) {
    INDArray out = output(x);
    if (!targets.classification()) return targets.singleTarget() ? out.reshape(out.size(0)).dup() : out;
    double[] c = targets.classes();
    long n = out.size(0);
    double[] labels = new double[(int) n];
    if (out.size(1) == 1) {
      float[] p = out.data().asFloat();
      for (int i = 0; i < n; i++) labels[i] = c[p[i] > 0.5f ? 1 : 0];
    } else {
      long[] arg = out.argMax(1).data().asLong();
      for (int i = 0; i < n; i++) labels[i] = c[(int) arg[i]];
    }
    return Nd4j.createFromArray(labels);
  }

  /**
   * Fraction of rows whose predicted label equals y (classification only).
   *
   * @param x inputs {@code [n, nFeatures]}, finite
   * @param y true class labels {@code [n]}
   * @return the accuracy in [0, 1]
   * @throws IllegalStateException when the network regresses
   */
  public double accuracy(INDArray x, INDArray y) {
    if (!targets.classification()) throw new IllegalStateException("accuracy needs a classifier; this network regresses.");
    return Metrics.accuracy(predict(x), y);
  }

  private synchronized List<INDArray> run(INDArray x, int layers) {
    Checks.featureCount(x, nFeatures(), "this NeuralNetModel (input shape " + network.input() + ")");
    Checks.finiteInput(x, "x");
    if (program == null) {
      program = new Program(Blueprints.of(network), DataType.FLOAT);
      program.setParameters(Nd4j.createFromArray(params));
      if (stats.length > 0) program.setStatistics(Nd4j.createFromArray(stats));
    }
    INDArray z = scaler.apply(x);
    int n = (int) z.rows();
    List<Shape> shapes = network.shapes();
    List<INDArray> out = new ArrayList<>();
    int count = layers < 0 ? 1 : layers;
    for (int i = 0; i < count; i++) {
      int li = layers < 0 ? network.layers().size() - 1 : i;
      Shape s = shapes.get(li + 1);
      out.add(s.image() ? Nd4j.create(DataType.FLOAT, n, s.channels(), s.height(), s.width())
          : Nd4j.create(DataType.FLOAT, n, s.channels()));
    }
    ChunkedForward.run(program, z, null, false, (plan, start, end) -> {
      int m = end - start;
      for (int i = 0; i < count; i++) {
        int li = layers < 0 ? network.layers().size() - 1 : i;
        INDArray dst = out.get(i);
        INDArray rows = dst.rank() == 4
            ? dst.get(NDArrayIndex.interval(start, end), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
            : dst.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
        INDArray act = plan.activation(li);
        if (m < plan.batchSize()) {
          act = act.rank() == 4
              ? act.get(NDArrayIndex.interval(0, m), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
              : act.get(NDArrayIndex.interval(0, m), NDArrayIndex.all());
        }
        rows.assign(act);
      }
    });
    return out;
  }

  @Override
  public ModelState toState() {
    var config = ConfigJson.object();
    config.set("network", ConfigJson.write(network));
    config.set("trainer", trainer == null ? ConfigJson.object() : ConfigJson.write(trainer));
    config.put("inputScaling", scaler.kind().name());
    config.put("singleTarget", targets.singleTarget());
    if (imagePreprocessing != null) config.set("imagePreprocessing", ConfigJson.write(imagePreprocessing));
    if (classNames != null) classNames.forEach(config.putArray(org.mlmp.api.ClassLabels.NAMES_ENTRY)::add);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    arrays.put("parameters", Nd4j.createFromArray(params));
    if (stats.length > 0) arrays.put("runningStatistics", Nd4j.createFromArray(stats));
    scaler.putArrays(arrays);
    if (targets.classification()) arrays.put("classes", Nd4j.createFromArray(targets.classes()));
    return new ModelState(TYPE, config, arrays, trainer == null ? -1 : trainer.seed());
  }

  static NeuralNetModel fromState(ModelState s) {
    Network net = ConfigJson.read(s.config().path("network"), Network.class);
    InputScaling kind = InputScaling.valueOf(s.config().path("inputScaling").asText());
    double[] classes = s.arrays().containsKey("classes") ? s.array("classes").toDoubleVector() : null;
    float[] p = s.array("parameters").castTo(DataType.FLOAT).toFloatVector();
    if (p.length != net.parameterCount()) {
      throw new IllegalStateException("The file holds " + p.length + " parameters but its network needs "
          + net.parameterCount() + ".");
    }
    float[] st = s.arrays().containsKey("runningStatistics")
        ? s.array("runningStatistics").castTo(DataType.FLOAT).toFloatVector() : null;
    if (st == null && net.statisticsCount() > 0) {
      throw new IllegalStateException("The file has no running statistics but its network has BatchNorm layers ("
          + net.statisticsCount() + " statistics).");
    }
    // optional (files written before image inputs have neither)
    var img = s.config().path("imagePreprocessing");
    ImagePreprocessing images = img.isObject() ? ConfigJson.read(img, ImagePreprocessing.class) : null;
    List<String> names = null;
    if (s.config().path(org.mlmp.api.ClassLabels.NAMES_ENTRY).isArray()) {
      names = new ArrayList<>();
      for (var n : s.config().path(org.mlmp.api.ClassLabels.NAMES_ENTRY)) names.add(n.asText());
    }
    return create(net, p, st, Scaler.read(kind, s),
        new Targets(classes, s.config().path("singleTarget").asBoolean(true)), trainer(s.config().path("trainer")),
        images, names);
  }

  /** The trainer of a model file ({} for hand-set parameters); absent keys take NeuralNet's defaults. */
  private static NeuralNet trainer(com.fasterxml.jackson.databind.JsonNode j) {
    if (!j.isObject() || j.isEmpty()) return null;
    NeuralNet defaults = NeuralNet.of(ConfigJson.read(j.path("network"), Network.class),
        ConfigJson.readAny(j.path("optimizer"), Optimizer.class));
    return ConfigJson.read(j, defaults);
  }

  /** Reads {@link NeuralNetModel}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      return NeuralNetModel.fromState(s);
    }
  }
}
