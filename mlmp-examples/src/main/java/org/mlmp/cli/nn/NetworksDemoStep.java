package org.mlmp.cli.nn;

import java.io.PrintWriter;
import java.util.Locale;
import org.mlmp.cli.DemoCommand;
import org.mlmp.cli.DemoStep;
import org.mlmp.api.Dataset;
import org.mlmp.data.MnistData;
import org.mlmp.nn.InputScaling;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.Optimizer;
import org.mlmp.linear.LinearClassifierModel;
import org.mlmp.linear.Perceptron;

/**
 * The tour's networks stop: the course's convolution; the single-layer perceptron (a step unit trained
 * with Rosenblatt's rule, {@link Perceptron}) learning AND but not XOR; and the universal-approximation
 * table (one hidden layer, error falling with the width; a short version of
 * {@code mlmp universal-approximation}); then the CNNs of {@code mlmp mnist} and {@code mlmp fashion-mnist},
 * each trained for {@value #CNN_EPOCHS} epochs on the first {@value #CNN_IMAGES} training images and tested
 * on all 10 000 test images (a glimpse: the full runs are the commands themselves).
 */
public final class NetworksDemoStep implements DemoStep {
  static final int PERCEPTRON_EPOCHS = 50;
  static final int CNN_IMAGES = 6000;
  static final int CNN_EPOCHS = 2;
  private final int approximationEpochs;

  /** The tour's step: universal approximation with 1000 Adam steps per width (about 15 s on one core). */
  public NetworksDemoStep() {
    this(1000);
  }

  /** With fewer Adam steps per width in the universal-approximation table (tests). */
  NetworksDemoStep(int approximationEpochs) {
    this.approximationEpochs = approximationEpochs;
  }

  @Override
  public int order() {
    return 300;
  }

  @Override
  public String title() {
    return "Neural networks: the course's convolution; the perceptron learns AND but not XOR; universal approximation;"
        + " CNNs on MNIST and Fashion-MNIST";
  }

  @Override
  public void run(DemoCommand.Context context, PrintWriter out) throws java.io.IOException {
    out.println("Conv2d layer, 3x3 filter on the course's 5x5 input (cross-correlation, stride 1, no padding):");
    ConvDemoCommand.print(out, ConvDemoCommand.featureMap());
    double[][] corners = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    for (String gate : new String[] {"AND", "XOR"}) {
      Dataset d = Dataset.of(corners, gate.equals("AND") ? new double[] {0, 0, 0, 1} : new double[] {0, 1, 1, 0});
      LinearClassifierModel m = Perceptron.of(0).withMaxEpochs(PERCEPTRON_EPOCHS).fit(d);
      double accuracy = m.accuracy(d.x(), d.y());
      int epochs = m.toState().config().path("epochs").asInt();
      out.println(String.format(Locale.ROOT,
          "perceptron on %s: %s after %d epochs, training accuracy %.2f, w = [%.2f, %.2f], w0 = %.2f",
          gate, accuracy == 1 ? "converged" : "not converged", epochs, accuracy, m.coef().getDouble(0, 0), m.coef().getDouble(0, 1),
          m.intercept()[0]));
    }
    UniversalApproximationCommand.tour(context, out, approximationEpochs);
    for (ImageRecipe recipe : ImageRecipe.ALL) shortCnnRun(recipe, context, out);
    out.flush();
  }

  /** The data set's CNN for {@link #CNN_EPOCHS} epochs on {@link #CNN_IMAGES} images; skipped without the data. */
  private static void shortCnnRun(ImageRecipe recipe, DemoCommand.Context context, PrintWriter out)
      throws java.io.IOException {
    MnistData.Kind kind = recipe.kind();
    String name = kind.title();
    if (MnistData.locate(kind, context.dataDir()) == null) {
      out.println(name + " CNN: skipped, the data set is not in " + context.dataDir() + " (./mlmp data fetch).");
      return;
    }
    MnistData.TrainAndTest split = MnistData.load(kind, context.dataDir());
    Dataset train = split.train().head(CNN_IMAGES).toDataset(), test = split.test().toDataset();
    NeuralNet cfg = NeuralNet.of(recipe.cnn(), Optimizer.Adam.of(1e-3)).withEpochs(CNN_EPOCHS).withBatchSize(64)
        .withSeed(0).withValidation(0.1, 0).withScaling(InputScaling.GLOBAL);
    long t0 = System.nanoTime();
    NeuralNet.TrainingResult r = cfg.train(train, null, null, null);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double[] p = r.model().predict(test.x()).toDoubleVector(), y = test.y().toDoubleVector();
    int wrong = 0;
    for (int i = 0; i < p.length; i++) if (p[i] != y[i]) wrong++;
    out.println(String.format(Locale.ROOT,
        "%s CNN, %d epochs on the first %d training images (%.1f s): test error %.2f %% on the %d test images"
            + " (the full run: ./mlmp %s)", name, CNN_EPOCHS, CNN_IMAGES, seconds, 100.0 * wrong / p.length, p.length,
        recipe.command()));
  }
}
