package org.mlmp.cli.nn;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleUnaryOperator;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mlmp.Mlmp;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import org.mlmp.api.Dataset;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.InputScaling;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp universal-approximation}: the universal approximation theorem (Cybenko 1989, Hornik 1991) seen
 * at work: a network with ONE hidden layer of N tanh units, {@code y = Σ_j v_j tanh(w_j x + b_j) + c}, fitted
 * by least squares (Adam) to a 1D function on [−1, 1]; the root-mean-square error on held-out points falls
 * as the width N grows. Prints a table (width, parameters, training and test RMSE) and writes a PNG with
 * the fits and the test error against the width.
 */
@Command(name = "universal-approximation", mixinStandardHelpOptions = true,
    description = "One hidden layer of N tanh units fitting a 1D function: the test error falls as N grows.")
public final class UniversalApproximationCommand implements Callable<Integer>, Subcommand {
  /** The target functions on [−1, 1]. */
  enum Target {
    SIN("sin(2πx)", x -> Math.sin(2 * Math.PI * x)),
    BUMP("exp(−x²/0.08) bump", x -> Math.exp(-x * x / 0.08));

    final String formula;
    final DoubleUnaryOperator f;

    Target(String formula, DoubleUnaryOperator f) {
      this.formula = formula;
      this.f = f;
    }
  }

  @Option(names = "--function", defaultValue = "sin", paramLabel = "sin|bump",
      description = "Target on [-1, 1]: sin = sin(2πx), bump = exp(-x²/0.08) (default: ${DEFAULT-VALUE}).")
  String function;

  @Option(names = "--widths", split = ",", defaultValue = "1,2,4,8,16",
      description = "Hidden-layer widths N (default: ${DEFAULT-VALUE}).")
  int[] widths;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "1000", description = "Full-batch Adam steps per width (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of weights and shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = Cli.OUT + "/universal-approximation",
      description = "Where universal-approximation.png goes (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  static final int TRAIN = 128, TEST = 500;

  /** One width's result: the fitted model and its RMSE on the training grid and the test points. */
  record Fit(int width, long parameters, double trainRmse, double testRmse, NeuralNetModel model) {}

  static Target target(String name) {
    for (Target t : Target.values()) if (t.name().equalsIgnoreCase(name)) return t;
    throw new IllegalArgumentException("--function must be sin or bump. Got '" + name + "' instead.");
  }

  /** Training x: TRAIN evenly spaced points on [−1, 1]; test x: TEST points at the midpoints of a finer grid. */
  static double[] grid(int n, boolean midpoints) {
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = midpoints ? -1 + (i + 0.5) * 2.0 / n : -1 + i * 2.0 / (n - 1);
    return x;
  }

  /** Fits one hidden layer of {@code width} tanh units to {@code target} (squared error, full-batch Adam with learning rate 0.05). */
  static Fit fit(Target target, int width, int epochs, long seed) {
    Network net = Network.of(Shape.vector(1), Loss.SQUARED_ERROR, Dense.of(width, Activation.TANH),
        Dense.of(1, Activation.IDENTITY));
    double[] xs = grid(TRAIN, false), xt = grid(TEST, true);
    NeuralNet cfg = NeuralNet.of(net, Optimizer.Adam.of(0.05)).withEpochs(epochs).withBatchSize(TRAIN).withSeed(seed)
        .withValidation(0, 0).withScaling(InputScaling.NONE);
    NeuralNetModel m = cfg.fit(Dataset.of(column(xs), values(target, xs)));
    return new Fit(width, net.parameterCount(), rmse(m, target, xs), rmse(m, target, xt), m);
  }

  private static double[][] column(double[] x) {
    double[][] c = new double[x.length][1];
    for (int i = 0; i < x.length; i++) c[i][0] = x[i];
    return c;
  }

  private static double[] values(Target t, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) y[i] = t.f.applyAsDouble(x[i]);
    return y;
  }

  static double[] predict(NeuralNetModel m, double[] x) {
    return m.predict(Nd4j.createFromArray(column(x))).toDoubleVector();
  }

  private static double rmse(NeuralNetModel m, Target t, double[] x) {
    double[] p = predict(m, x), y = values(t, x);
    double s = 0;
    for (int i = 0; i < x.length; i++) s += (p[i] - y[i]) * (p[i] - y[i]);
    return Math.sqrt(s / x.length);
  }

  @Override
  public Integer call() throws Exception {
    Target t = target(function);
    for (int w : widths) {
      if (w < 1) throw new IllegalArgumentException("--widths must all be >= 1. Got " + w + " instead.");
    }
    if (epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1. Got " + epochs + " instead.");
    Mlmp.init();
    run(t, widths, epochs, seed, spec.commandLine().getOut(), outDir.resolve("universal-approximation.png"));
    return 0;
  }

  /** The tour's version (networks stop of {@code mlmp demo}): sin(2πx), the default widths, seed 0. */
  static void tour(org.mlmp.cli.DemoCommand.Context context, PrintWriter out, int epochs) throws java.io.IOException {
    out.println("Universal approximation (mlmp universal-approximation):");
    run(Target.SIN, new int[] {1, 2, 4, 8, 16}, epochs, 0,
        out, context.outDir().resolve("networks").resolve("universal-approximation.png"));
  }

  /** Prints the table (width, parameters, training and test RMSE) and writes the PNG. */
  static void run(Target t, int[] widths, int epochs, long seed, PrintWriter out, Path png) throws java.io.IOException {
    out.println("f(x) = " + t.formula + " on [-1, 1]; one hidden layer of N tanh units, squared error, full-batch Adam 0.05, "
        + epochs + " epochs, " + TRAIN + " training points, RMSE on " + TEST + " test points");
    out.println(String.format(Locale.ROOT, "%6s %10s %12s %12s", "N", "parameters", "train RMSE", "test RMSE"));
    List<Fit> fits = new ArrayList<>();
    for (int w : widths) {
      Fit f = fit(t, w, epochs, seed);
      fits.add(f);
      out.println(String.format(Locale.ROOT, "%6d %10d %12.5f %12.5f", w, f.parameters(), f.trainRmse(), f.testRmse()));
      out.flush();
    }
    writePng(t, fits, png);
    out.println("plot: " + png);
    out.flush();
  }

  static void writePng(Target t, List<Fit> fits, Path file) throws java.io.IOException {
    System.setProperty("java.awt.headless", "true");
    double[] x = grid(TEST, true);
    XYChart left = new XYChartBuilder().width(560).height(420).title("fits of " + t.formula).xAxisTitle("x")
        .yAxisTitle("y").build();
    left.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
    left.getStyler().setXAxisDecimalPattern("0.0");
    left.addSeries("target", x, values(t, x)).setMarker(SeriesMarkers.NONE);
    for (Fit f : fits) left.addSeries("N = " + f.width(), x, predict(f.model(), x)).setMarker(SeriesMarkers.NONE);
    XYChart right = new XYChartBuilder().width(560).height(420).title("test RMSE vs width").xAxisTitle("hidden units N")
        .yAxisTitle("test RMSE").build();
    right.getStyler().setLegendVisible(false);
    right.getStyler().setXAxisLogarithmic(true);
    right.getStyler().setYAxisMin(0.0);
    right.addSeries("test RMSE", fits.stream().mapToDouble(Fit::width).toArray(),
        fits.stream().mapToDouble(f -> Math.max(f.testRmse(), 1e-12)).toArray()).setMarker(SeriesMarkers.CIRCLE);
    Files.createDirectories(file.toAbsolutePath().getParent());
    String name = file.toString();
    BitmapEncoder.saveBitmap(List.of(left, right), 1, 2, name.substring(0, name.length() - 4),
        BitmapEncoder.BitmapFormat.PNG);
  }
}
