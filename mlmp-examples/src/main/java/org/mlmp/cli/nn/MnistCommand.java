package org.mlmp.cli.nn;

import static org.mlmp.nn.Activation.RELU;
import static org.mlmp.nn.Activation.SOFTMAX;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.mlmp.Mlmp;
import org.mlmp.api.ConfusionMatrix;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import org.mlmp.cli.plots.HistoryPlot;
import org.mlmp.cli.plots.Representations;
import org.mlmp.data.DataDirectory;
import org.mlmp.api.Dataset;
import org.mlmp.data.ImageSet;
import org.mlmp.data.MnistData;
import org.mlmp.io.ModelFile;
import org.mlmp.nn.AffineAugmentation;
import org.mlmp.nn.Augmentation;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Dropout;
import org.mlmp.nn.ElasticDistortion;
import org.mlmp.nn.EpochRecord;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.InputScaling;
import org.mlmp.nn.Loss;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.nn.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp mnist} and {@code mlmp fashion-mnist}: one command, registered once per {@link ImageRecipe}, that
 * trains the data set's CNN (or the MLP baseline) with validation, early stopping, checkpoints and learning curves,
 * then reports the error on the 10 000 test images. The recipe holds each data set's defaults (epochs, patience,
 * learning-rate decay, augmentation, CNN); the options override them. Its last line on standard output is
 * {@code test error: X.XX %}.
 */
@Command(name = "mnist", mixinStandardHelpOptions = true,
    description = "Train a CNN (default) or an MLP on MNIST and report the test error.")
public class MnistCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--network", defaultValue = "cnn", paramLabel = "NAME|FILE",
      description = "cnn: the data set's CNN (above); mlp: 784-512-256-10 ReLU with dropout 0.2; or a JSON network"
          + " file (the \"network\" object of a saved model) (default: ${DEFAULT-VALUE}).")
  String network;

  @Option(names = "--epochs", paramLabel = "N",
      description = "Maximum epochs (default: 15 for MNIST, 12 for Fashion-MNIST).")
  Integer epochs;

  @Option(names = "--batch", defaultValue = "64", paramLabel = "N", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--learning-rate", defaultValue = "1e-3", paramLabel = "α", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--learning-rate-decay", paramLabel = "D",
      description = "Epoch e uses learning rate α·D^(e−1); 1 = constant (default: 1 for MNIST, 0.75 for Fashion-MNIST).")
  Double learningRateDecay;

  @Option(names = "--patience", paramLabel = "N",
      description = "Stop after this many epochs without validation improvement; 0 = never (default: 3 for MNIST, 4"
          + " for Fashion-MNIST).")
  Integer patience;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N", description = "Seed of weights, split, shuffling, dropout (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--augment", arity = "0..1", fallbackValue = "affine", paramLabel = "affine|elastic|none",
      description = "Train on randomly distorted copies, a new distortion per image and step drawn from (seed, epoch,"
          + " step): affine (the value of a bare --augment) = rotation ±10°, scale ±10 %%, shift ±2 px; elastic ="
          + " Simard et al.'s elastic distortions, alpha 34, sigma 4 px; none (default).")
  String augment;

  private final ImageRecipe recipe;

  /** {@code mlmp mnist} (the service loader's instance). */
  public MnistCommand() {
    this(ImageRecipe.MNIST);
  }

  /** The command of one data set's recipe. */
  public MnistCommand(ImageRecipe recipe) {
    this.recipe = java.util.Objects.requireNonNull(recipe, "recipe");
  }

  /** The data set's defaults. */
  ImageRecipe recipe() {
    return recipe;
  }

  /** One command line per recipe: {@code mnist}, {@code fashion-mnist}. */
  @Override
  public java.util.List<CommandLine> commandLines() {
    java.util.List<CommandLine> all = new java.util.ArrayList<>();
    for (ImageRecipe r : ImageRecipe.ALL) {
      CommandLine cl = new CommandLine(new MnistCommand(r));
      cl.getCommandSpec().name(r.command());
      cl.getCommandSpec().usageMessage().description("Train a CNN (default) or an MLP on " + r.kind().title()
          + " and report the test error.", "Its CNN: " + r.cnnDescription() + ".", String.format(java.util.Locale.ROOT,
          "Defaults: %d epochs, patience %d, learning-rate decay %s, augmentation %s.", r.epochs(), r.patience(),
          r.learningRateDecay(), r.augmentation()));
      all.add(cl);
    }
    return all;
  }

  /** The --augment value (or the data set's default) as a distortion, or null. */
  Augmentation augmentation() {
    if (augment == null) augment = recipe.augmentation();
    return switch (augment) {
      case "none" -> null;
      case "affine" -> AffineAugmentation.mild();
      case "elastic" -> ElasticDistortion.simard();
      default -> throw new IllegalArgumentException("--augment must be affine, elastic or none. Got '" + augment
          + "' instead.");
    };
  }

  @Option(names = "--no-prefetch",
      description = "Prepare each mini-batch on the training thread instead of in the background (same results).")
  boolean noPrefetch;

  @Option(names = "--limit", paramLabel = "N", description = "Train on the first N training images only (quick runs).")
  Integer limit;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: MLMP_DATA, else ~/.mlmp/data).")
  Path dataDir;

  @Option(names = "--out", paramLabel = "DIR", description = "Where to write model.mlmp, curves.json/png, confusion.txt, misclassified.png, filters.png and"
          + " feature-maps.png (default: " + Cli.OUT + "/<command>, i.e. " + Cli.OUT + "/mnist or " + Cli.OUT + "/fashion-mnist).")
  Path outDir;

  @Option(names = "--checkpoint", paramLabel = "FILE",
      description = "Checkpoint written after every epoch; an existing one is resumed.")
  Path checkpoint;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The --network value as a network: the recipe's CNN, the MLP baseline, or a JSON network file. */
  Network network(String name, boolean imageInput) throws java.io.IOException {
    return switch (name) {
      case "cnn" -> recipe.cnn();
      // --augment distorts images, so the MLP then takes a 28×28 image and flattens it (same network otherwise)
      case "mlp" -> imageInput
          ? Network.of(Shape.image(1, 28, 28), Loss.CROSS_ENTROPY, Flatten.of(), Dense.of(512, RELU), Dropout.of(0.2),
              Dense.of(256, RELU), Dropout.of(0.2), Dense.of(10, SOFTMAX))
          : Network.of(Shape.vector(784), Loss.CROSS_ENTROPY, Dense.of(512, RELU), Dropout.of(0.2),
              Dense.of(256, RELU), Dropout.of(0.2), Dense.of(10, SOFTMAX));
      default -> {
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
          throw new IllegalArgumentException("--network must be cnn, mlp or a JSON network file. Got '" + name
              + "' instead (no such file).");
        }
        yield org.mlmp.io.ConfigJson.read(Cli.JSON.readTree(file.toFile()), Network.class);
      }
    };
  }

  @Override
  public Integer call() throws Exception {
    Augmentation distortion = augmentation();
    int epochs = this.epochs != null ? this.epochs : recipe.epochs();
    int patience = this.patience != null ? this.patience : recipe.patience();
    double decay = learningRateDecay != null ? learningRateDecay : recipe.learningRateDecay();
    Network net = network(network, distortion != null);
    Mlmp.init();
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    MnistData.TrainAndTest split = MnistData.load(recipe.kind(), DataDirectory.resolve(dataDir));
    ImageSet trainImages = limit == null ? split.train() : split.train().head(limit);
    Dataset train = trainImages.toDataset(), test = split.test().toDataset();
    NeuralNet cfg = NeuralNet.of(net, Optimizer.Adam.of(learningRate)).withEpochs(epochs).withBatchSize(batch)
        .withSeed(seed).withValidation(0.1, patience).withScaling(InputScaling.GLOBAL)
        .withAugmentation(distortion).withPrefetch(!noPrefetch).withLearningRateDecay(decay);
    Path dir = outDir != null ? outDir : Path.of(Cli.OUT, recipe.command());
    Files.createDirectories(dir);
    if (!Cli.quiet()) err.println(net.summary());
    long t0 = System.nanoTime();
    NeuralNet.TrainingResult r = cfg.train(train, null, new Progress(err, epochs), checkpoint);
    double minutes = (System.nanoTime() - t0) / 6e10;
    r.history().writeJson(dir.resolve("curves.json"));
    HistoryPlot.write(r.history(), dir.resolve("curves.png"));
    ModelFile.save(r.model(), dir.resolve("model.mlmp"));
    INDArray predicted = r.model().predict(test.x());
    double[] p = predicted.toDoubleVector(), y = test.y().toDoubleVector();
    ConfusionMatrix confusion = ConfusionMatrix.of(r.model().classes(), y, p);
    Files.writeString(dir.resolve("confusion.txt"), confusion.toString());
    Representations.writeMisclassified(test.x(), 28, 28, y, p, 100, dir.resolve("misclassified.png"));
    Representations.writeFirstLayerFilters(r.model(), dir.resolve("filters.png"));
    if (net.input().image()) {
      Representations.writeFeatureMaps(r.model(), test.x().getRow(0, true), dir.resolve("feature-maps.png"));
    }
    out.println(String.format(Locale.ROOT, "%s, %s model: %d epochs run (best %d%s), %d training images%s, %.1f min%s",
        recipe.kind().title(), network, r.history().epochs().size(), r.bestEpoch(), r.stoppedEarly() ? ", stopped early" : "",
        train.nSamples(), distortion != null ? " (augmented: " + augment + ")" : "", minutes,
        r.resumedAfterEpoch() > 0 ? ", resumed after epoch " + r.resumedAfterEpoch() : ""));
    out.println("confusion matrix on the " + p.length + " test images (rows: true class, columns: predicted class):");
    out.print(confusion);
    out.println("reports in " + dir + ": curves.json, curves.png, model.mlmp, confusion.txt, misclassified.png, filters.png"
        + (net.input().image() ? ", feature-maps.png" : ""));
    out.println(String.format(Locale.ROOT, "test error: %.2f %%", 100.0 * confusion.errorRate()));
    out.flush();
    return 0;
  }

  /** A progress bar per epoch on standard error, and a line per finished epoch. */
  static final class Progress implements TrainingListener {
    private final PrintWriter err;
    private final int epochs;
    private ProgressBar bar;

    Progress(PrintWriter err, int epochs) {
      this.err = err;
      this.epochs = epochs;
    }

    @Override
    public void epochStarted(int epoch, int batches) {
      bar = Cli.progress("epoch " + epoch + "/" + epochs, batches, " batch");
    }

    @Override
    public void batchFinished(int epoch, int b, int batches, double loss, double rate) {
      bar.stepTo(b);
      bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f, %.0f img/s", loss, rate));
    }

    @Override
    public void epochFinished(EpochRecord r) {
      bar.close();
      if (!Cli.quiet()) {
        err.println(String.format(Locale.ROOT, "epoch %d: training cost %.4f, validation cost %.4f, validation error %.2f %%,"
            + " %.0f img/s", r.epoch(), r.trainLoss(), r.validationLoss(), 100 * (1 - r.validationAccuracy()),
            r.samplesPerSecond()));
        err.flush();
      }
    }
  }
}
