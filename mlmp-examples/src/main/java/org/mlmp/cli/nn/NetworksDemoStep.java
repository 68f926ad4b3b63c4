package org.mlmp.cli.nn;

import java.io.PrintWriter;
import java.util.Locale;
import org.mlmp.cli.DemoCommand;
import org.mlmp.cli.DemoStep;
import org.mlmp.data.Dataset;
import org.mlmp.linear.LinearClassifierModel;
import org.mlmp.linear.Perceptron;

/**
 * The tour's networks stop: the course's convolution; the single-layer perceptron (a step unit trained
 * with Rosenblatt's rule, {@link Perceptron}) learning AND but not XOR; and the universal-approximation
 * table (one hidden layer, error falling with the width; a short version of
 * {@code mlmp universal-approximation}).
 */
public final class NetworksDemoStep implements DemoStep {
  static final int PERCEPTRON_EPOCHS = 50;
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
    return "Neural networks: the course's convolution; the perceptron learns AND but not XOR; universal approximation";
  }

  @Override
  public void run(DemoCommand.Context context, PrintWriter out) throws java.io.IOException {
    out.println("Conv2d layer, 3x3 filter on the course's 5x5 input (cross-correlation, stride 1, no padding):");
    ConvDemoCommand.print(out, ConvDemoCommand.featureMap());
    double[][] corners = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    for (String gate : new String[] {"AND", "XOR"}) {
      Dataset d = Dataset.of(corners, gate.equals("AND") ? new double[] {0, 0, 0, 1} : new double[] {0, 1, 1, 0});
      LinearClassifierModel m = new Perceptron(PERCEPTRON_EPOCHS, 0, true, false).fit(d);
      double accuracy = m.accuracy(d.x(), d.y());
      int epochs = m.toState().config().path("epochs").asInt();
      out.println(String.format(Locale.ROOT,
          "perceptron on %s: %s after %d epochs, training accuracy %.2f, w = [%.2f, %.2f], w0 = %.2f",
          gate, accuracy == 1 ? "converged" : "not converged", epochs, accuracy, m.coef()[0][0], m.coef()[0][1],
          m.intercept()[0]));
    }
    UniversalApproximationCommand.tour(context, out, approximationEpochs);
    out.flush();
  }
}
