package org.mlmp.rl;

import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Layer;
import org.mlmp.nn.Network;

/**
 * The forward pass of a network made only of {@link Dense} layers, in plain Java on the flat parameter
 * vector of {@code org.mlmp.nn} (per layer: W {@code [inputs, units]} row-major, then b {@code [units]};
 * a = f(x·W + b)). Acting in an environment evaluates the policy once per step on a handful of states,
 * where the fixed cost of native ops dominates; this path avoids it. The tests pin it to the engine's
 * forward pass.
 */
final class DenseForward {
  private DenseForward() {}

  /** Whether {@code net} has only Dense layers (so that this class can evaluate it). */
  static boolean supports(Network net) {
    for (Layer l : net.layers()) if (!(l instanceof Dense)) return false;
    return true;
  }

  /**
   * @param states {@code [m][inputs]}
   * @return the outputs {@code [m][units of the last layer]}
   */
  static double[][] apply(Network net, double[] params, double[][] states) {
    double[][] a = states;
    int offset = 0;
    int in = net.input().size();
    for (Layer l : net.layers()) {
      Dense d = (Dense) l;
      int units = d.units();
      double[][] z = new double[a.length][units];
      int bias = offset + in * units;
      for (int r = 0; r < a.length; r++) {
        double[] zr = z[r];
        System.arraycopy(params, bias, zr, 0, units);
        double[] x = a[r];
        for (int i = 0; i < in; i++) {
          double xi = x[i];
          if (xi == 0) continue; // frame differences are mostly zeros
          int row = offset + i * units;
          for (int u = 0; u < units; u++) zr[u] += xi * params[row + u];
        }
        activate(d.activation(), zr);
      }
      offset = bias + units;
      in = units;
      a = z;
    }
    return a;
  }

  private static void activate(Activation f, double[] z) {
    switch (f) {
      case IDENTITY -> { }
      case BINARY_STEP -> { for (int i = 0; i < z.length; i++) z[i] = z[i] > 0 ? 1 : 0; }
      case SIGMOID -> { for (int i = 0; i < z.length; i++) z[i] = 1 / (1 + Math.exp(-z[i])); }
      case TANH -> { for (int i = 0; i < z.length; i++) z[i] = Math.tanh(z[i]); }
      case RELU -> { for (int i = 0; i < z.length; i++) z[i] = Math.max(0, z[i]); }
      case LEAKY_RELU -> { for (int i = 0; i < z.length; i++) z[i] = z[i] > 0 ? z[i] : Activation.LEAKY_SLOPE * z[i]; }
      case SOFTMAX -> {
        double m = Double.NEGATIVE_INFINITY, s = 0;
        for (double v : z) m = Math.max(m, v);
        for (int i = 0; i < z.length; i++) {
          z[i] = Math.exp(z[i] - m);
          s += z[i];
        }
        for (int i = 0; i < z.length; i++) z[i] /= s;
      }
    }
  }
}
