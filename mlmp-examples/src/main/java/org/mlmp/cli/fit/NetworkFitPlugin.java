package org.mlmp.cli.fit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mlmp.cli.Cli;
import org.mlmp.api.Dataset;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.EpochRecord;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.InputScaling;
import org.mlmp.nn.Layer;
import org.mlmp.nn.Loss;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetClassifierModel;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.NeuralNetRegressorModel;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;

/**
 * {@code mlmp fit --model mlp-regressor|mlp-classifier|cnn}: networks on the user's table, as scikit-learn
 * separates {@code MLPRegressor} and {@code MLPClassifier}.
 *
 * <ul>
 *   <li>{@code mlp-regressor}: hidden Dense layers ({@code --layers}, default 100, {@code --activation}, default
 *       relu) and one identity output unit, squared error;
 *   <li>{@code mlp-classifier}: the same hidden layers and a softmax output with one unit per distinct label,
 *       cross-entropy; {@code "classes"} are the labels in their original values, sorted;
 *   <li>{@code cnn}: rows are images of shape {@code --input C,H,W} (row-major, channel first); default
 *       architecture Conv2d(16, 3×3, pad 1, relu) → MaxPool 2 → Conv2d(32, 3×3, pad 1, relu) → MaxPool 2 →
 *       Dense(64, relu) → softmax, cross-entropy, inputs scaled by their global mean and standard deviation.
 * </ul>
 * {@code --network FILE} replaces the architecture by a JSON spec (the {@code "network"} object of a saved
 * network's {@code model.json}: input, layers, loss, init); its loss must match the model name and its output
 * layer the data. Training: Adam ({@code --learning-rate}, default 0.001, scikit-learn's {@code
 * learning_rate_init}), {@code --epochs} (default 200, cnn 20), {@code --batch} (default 32), seeded by
 * {@code --seed}; {@code --validation f} holds out a fraction f of the rows, keeps the best validation epoch
 * and stops after {@value #PATIENCE} epochs without improvement (scikit-learn's {@code n_iter_no_change});
 * {@code --standardize} scales each column to mean 0, standard deviation 1 (mlp; the targets are not scaled).
 * The JSON adds {@code "network"} (the spec), {@code "parameters"} and {@code "training"} (epochs run, best
 * epoch, early stop, final training loss, best validation loss / accuracy, training R² or accuracy).
 */
public final class NetworkFitPlugin implements FitPlugin {
  /** Epochs without validation improvement before early stopping. */
  static final int PATIENCE = 10;
  private static final String LAYERS = "--layers", ACT = "--activation", EPOCHS = "--epochs", BATCH = "--batch",
      RATE = "--learning-rate", VAL = "--validation", ST = "--standardize", NET = "--network", INPUT = "--input",
      IMAGES = "--images", SIZE = "--image-size";

  @Override
  public Map<String, ModelInfo> models() {
    Map<String, ModelInfo> m = new LinkedHashMap<>();
    Set<String> mlp = Set.of(LAYERS, ACT, EPOCHS, BATCH, RATE, VAL, ST, NET);
    m.put("mlp-regressor", new ModelInfo("multi-layer perceptron, squared error (scikit-learn MLPRegressor)", true, mlp));
    Set<String> classifier = new java.util.HashSet<>(mlp);
    classifier.addAll(Set.of(IMAGES, SIZE));
    m.put("mlp-classifier", new ModelInfo("multi-layer perceptron, softmax + cross-entropy (scikit-learn MLPClassifier)",
        true, Set.copyOf(classifier)));
    m.put("cnn", new ModelInfo("convolutional network on images (--images DIR|IDX) or image rows (--input C,H,W)", true,
        Set.of(INPUT, EPOCHS, BATCH, RATE, VAL, NET, IMAGES, SIZE)));
    return m;
  }

  @Override
  public Fitted fit(FitRequest r, Dataset train) throws IOException {
    return fit(r, train, NetworkTraining.LOCAL);
  }

  /** {@link #fit(FitRequest, Dataset)} with the training run by {@code training}. */
  Fitted fit(FitRequest r, Dataset train, NetworkTraining training) throws IOException {
    String name = r.model();
    boolean classify = !name.equals("mlp-regressor");
    Network net = r.network() != null ? readNetwork(r, classify) : build(r, train, classify);
    if (r.images() != null && !net.input().image()) {
      throw new IllegalArgumentException("--network " + r.network() + " takes vector rows " + net.input() + ", but"
          + " --images gives images " + r.images().preprocessing().channels() + "x" + r.images().preprocessing().height()
          + "x" + r.images().preprocessing().width() + "; give the network an image input [C, H, W] with"
          + " \"inputIsImage\": true.");
    }
    checkInput(net.input(), train, name);
    int epochs = positive(r.epochs(), name.equals("cnn") ? 20 : 200, EPOCHS);
    int batch = positive(r.batch(), 32, BATCH);
    double rate = r.learningRate() == null ? 1e-3 : r.learningRate();
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("--learning-rate must be > 0 (Adam's step α). Got " + rate + " instead.");
    }
    double fraction = r.validation() == null ? 0 : r.validation();
    if (r.validation() != null && !(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("--validation must be a fraction in (0, 1), e.g. 0.1. Got " + fraction
          + " instead.");
    }
    InputScaling scaling = name.equals("cnn") ? InputScaling.GLOBAL
        : r.standardize() ? InputScaling.PER_FEATURE : InputScaling.NONE;
    NeuralNet trainer = NeuralNet.of(net, Optimizer.Adam.of(rate)).withEpochs(epochs).withBatchSize(batch)
        .withSeed(r.seed()).withValidation(fraction, fraction > 0 ? PATIENCE : 0).withScaling(scaling);
    NeuralNet.TrainingResult result = training.train(trainer, train);
    NeuralNetModel model = result.model();
    if (r.images() != null) model = model.withImageInput(r.images().preprocessing(), classNames(r, model));
    ObjectNode json = Cli.object();
    if (model instanceof NeuralNetClassifierModel c) json.set("classes", Predictions.labels(c.classLabels()));
    if (r.images() != null) {
      var p = r.images().preprocessing();
      json.putObject("images").put("count", r.images().size()).put("height", p.height()).put("width", p.width())
          .put("channels", p.channels()).put("scale", p.scale()).put("resize", p.resize().name().toLowerCase(
              java.util.Locale.ROOT));
    }
    json.set("network", org.mlmp.io.ConfigJson.write(net));
    json.put("parameters", net.parameterCount());
    ObjectNode t = json.putObject("training");
    List<EpochRecord> h = result.history().epochs();
    t.put("epochs", h.size());
    t.put("bestEpoch", result.bestEpoch());
    t.put("stoppedEarly", result.stoppedEarly());
    t.put("trainLoss", h.get(h.size() - 1).trainLoss());
    if (fraction > 0) {
      EpochRecord best = h.get(Math.max(0, Math.min(h.size(), result.bestEpoch()) - 1));
      t.put("validationLoss", best.validationLoss());
      if (classify) t.put("validationAccuracy", best.validationAccuracy());
    }
    if (model instanceof NeuralNetRegressorModel m) t.put("trainR2", m.r2(train.x(), train.y()));
    else t.put("trainAccuracy", model.accuracy(train.x(), train.y()));
    return new Fitted(model, json);
  }

  @Override
  public void predict(Fitted fitted, Dataset x, ObjectNode json) {
    Predictions.put(fitted.model(), x.x(), json);
  }

  /** The image set's class names for the network's classes (indices 0..K−1 into the folder names). */
  private static List<String> classNames(FitRequest r, NeuralNetModel model) {
    List<String> names = new ArrayList<>();
    for (double c : model.classes()) names.add(r.images().classes().get((int) c));
    return names;
  }

  /** The default architecture of {@code r.model()} for {@code train}. */
  private static Network build(FitRequest r, Dataset train, boolean classify) {
    int k = classify ? classCount(train, r.model()) : 1;
    Dense out = classify ? Dense.of(k, Activation.SOFTMAX) : Dense.of(1, Activation.IDENTITY);
    List<Layer> layers = new ArrayList<>();
    Shape input;
    if (r.images() != null && r.given().contains(INPUT)) {
      throw new IllegalArgumentException("--input does not apply with --images, whose images are "
          + r.images().preprocessing().channels() + "," + r.images().preprocessing().height() + ","
          + r.images().preprocessing().width() + " (C,H,W). Drop --input (resize with --image-size HxW).");
    }
    int[] chw = r.images() == null ? null : r.images().preprocessing().shape();
    if (r.model().equals("cnn")) {
      input = chw != null ? Shape.image(chw[0], chw[1], chw[2])
          : parseInput(FitRequest.required(r.input(), INPUT, "cnn (or give --images DIR|IDX, or --network FILE)"));
      checkInput(input, train, r.model());
      layers.add(Conv2d.of(16, 3, Activation.RELU).withPadding(1));
      layers.add(MaxPool.of(2));
      layers.add(Conv2d.of(32, 3, Activation.RELU).withPadding(1));
      layers.add(MaxPool.of(2));
      layers.add(Flatten.of());
      layers.add(Dense.of(64, Activation.RELU));
    } else {
      input = chw != null ? Shape.image(chw[0], chw[1], chw[2]) : Shape.vector(train.nFeatures());
      if (chw != null) layers.add(Flatten.of());
      Activation f = parseActivation(r.activation());
      for (int w : parseLayers(r.layers())) layers.add(Dense.of(w, f));
    }
    layers.add(out);
    return Network.of(input, classify ? Loss.CROSS_ENTROPY : Loss.SQUARED_ERROR, layers)
        .withInit(org.mlmp.nn.WeightInit.HE);
  }

  private static void checkInput(Shape input, Dataset train, String model) {
    if (input.size() != train.nFeatures()) {
      throw new IllegalArgumentException("The network's input " + input + " takes " + input.size()
          + " values per row, but the training data has " + train.nFeatures() + " feature columns "
          + abbreviate(train.featureNames()) + "." + (model.equals("cnn") ? " Give --input C,H,W with C·H·W = "
          + train.nFeatures() + "." : " Make the network's input size " + train.nFeatures() + "."));
    }
  }

  private static int classCount(Dataset train, String model) {
    TreeSet<Double> labels = new TreeSet<>();
    for (double v : train.y().toDoubleVector()) labels.add(v);
    if (labels.size() < 2) {
      throw new IllegalArgumentException("--model " + model + " needs at least 2 classes in --target "
          + train.targetName() + "; the training data has only " + labels + ".");
    }
    return labels.size();
  }

  /** Reads --network FILE: {@link Network#toJson()}'s format; the loss must fit the model name. */
  private static Network readNetwork(FitRequest r, boolean classify) throws IOException {
    for (String o : List.of(LAYERS, ACT, INPUT)) {
      if (r.given().contains(o)) {
        throw new IllegalArgumentException(o + " does not apply together with --network " + r.network()
            + ", which defines the whole architecture. Drop one of them.");
      }
    }
    Path file = r.network();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--network " + file + ": no such file. Give a JSON network spec, e.g. the"
          + " 'network' object of a saved model's model.json.");
    }
    JsonNode root;
    try {
      root = Cli.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException("--network " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    if (root.has("network") && root.path("network").isObject()) root = root.path("network");
    Network net;
    try {
      net = org.mlmp.io.ConfigJson.read(root, Network.class);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--network " + file + " is not a valid network spec: " + e.getMessage()
          + " It needs \"input\" [C, H, W] (or [n]), \"inputIsImage\", \"loss\" (SQUARED_ERROR or CROSS_ENTROPY),"
          + " \"init\" (HE, XAVIER or LECUN) and \"layers\".", e);
    }
    Loss need = classify ? Loss.CROSS_ENTROPY : Loss.SQUARED_ERROR;
    if (net.loss() != need) {
      throw new IllegalArgumentException("--network " + file + " has loss " + net.loss() + ", but --model " + r.model()
          + " needs " + need + ". Change \"loss\" in the file, or use --model "
          + (classify ? "mlp-regressor" : "mlp-classifier") + ".");
    }
    return net;
  }

  /** "128,64" → {128, 64}; null → the default {100}. */
  static int[] parseLayers(String s) {
    if (s == null) return new int[] {100};
    String[] parts = s.split(",", -1);
    int[] w = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        w[i] = Integer.parseInt(parts[i].trim());
      } catch (NumberFormatException e) {
        w[i] = -1;
      }
      if (w[i] < 1) {
        throw new IllegalArgumentException("--layers must be hidden-layer widths >= 1 separated by commas, e.g. 128,64."
            + " Got '" + s + "' instead.");
      }
    }
    return w;
  }

  /** relu|tanh|sigmoid|identity; step is refused (no gradient). */
  static Activation parseActivation(String s) {
    if (s == null) return Activation.RELU;
    return switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "relu" -> Activation.RELU;
      case "tanh" -> Activation.TANH;
      case "sigmoid" -> Activation.SIGMOID;
      case "identity" -> Activation.IDENTITY;
      case "step", "binary-step", "binary_step" -> throw new IllegalArgumentException("--activation " + s
          + " has no gradient (its derivative is 0 almost everywhere), so a network of step units cannot be trained by"
          + " back-propagation. Use relu, tanh, sigmoid or identity, or --model perceptron for Rosenblatt's step unit.");
      default -> throw new IllegalArgumentException("--activation must be relu, tanh, sigmoid or identity. Got '" + s
          + "' instead.");
    };
  }

  /** "1,28,28" → an image shape. */
  static Shape parseInput(String s) {
    String[] p = s.split(",", -1);
    int[] v = new int[3];
    boolean ok = p.length == 3;
    for (int i = 0; ok && i < 3; i++) {
      try {
        v[i] = Integer.parseInt(p[i].trim());
        ok = v[i] >= 1;
      } catch (NumberFormatException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw new IllegalArgumentException("--input must be C,H,W (channels, height, width; each >= 1), e.g. 1,28,28."
          + " Got '" + s + "' instead.");
    }
    return Shape.image(v[0], v[1], v[2]);
  }

  private static int positive(Integer v, int fallback, String option) {
    if (v == null) return fallback;
    if (v < 1) throw new IllegalArgumentException(option + " must be >= 1. Got " + v + " instead.");
    return v;
  }

  private static String abbreviate(List<String> names) {
    if (names == null) return "";
    String s = names.toString();
    return s.length() > 80 ? s.substring(0, 77) + "...]" : s;
  }
}
