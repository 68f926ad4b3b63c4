package org.mlmp.cli.nn;

import java.io.PrintWriter;
import java.util.Locale;
import org.mlmp.cli.DemoCommand;
import org.mlmp.cli.DemoStep;
import org.mlmp.data.Dataset;
import org.mlmp.nn.Perceptron;
import org.mlmp.nn.PerceptronModel;

/** The tour's networks stop: the course's convolution, and the perceptron learning AND but not XOR. */
public final class NetworksDemoStep implements DemoStep {
  @Override
  public int order() {
    return 300;
  }

  @Override
  public String title() {
    return "Neural networks: the course's convolution; the perceptron learns AND but not XOR";
  }

  @Override
  public void run(DemoCommand.Context context, PrintWriter out) {
    out.println("Conv2d layer, 3x3 filter on the course's 5x5 input (cross-correlation, stride 1, no padding):");
    ConvDemoCommand.print(out, ConvDemoCommand.featureMap());
    double[][] corners = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    for (String gate : new String[] {"AND", "XOR"}) {
      double[] y = gate.equals("AND") ? new double[] {0, 0, 0, 1} : new double[] {0, 1, 1, 0};
      PerceptronModel m = new Perceptron(0.1, 50, 0).fit(Dataset.of(corners, y));
      out.println(String.format(Locale.ROOT, "perceptron on %s: %s after %d epochs, training accuracy %.2f, w = [%.2f, %.2f], b = %.2f",
          gate, m.converged() ? "converged" : "not converged", m.mistakesPerEpoch().size(),
          m.accuracy(Dataset.of(corners, y).x(), Dataset.of(corners, y).y()), m.weights()[0], m.weights()[1], m.bias()));
    }
    out.flush();
  }
}
