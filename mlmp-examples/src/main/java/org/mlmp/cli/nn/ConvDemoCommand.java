package org.mlmp.cli.nn;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mlmp.Mlmp;
import org.mlmp.cli.Subcommand;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp conv-demo}: the course's worked convolution (5×5 input, 3×3 filter, stride 1, no padding),
 * computed by the library's {@link Conv2d} layer as CNNs compute it: cross-correlation, no kernel flip.
 */
@Command(name = "conv-demo", mixinStandardHelpOptions = true,
    description = "The course's worked convolution: a 5x5 input and a 3x3 filter, stride 1, no padding, through mlmp's Conv2d layer.")
public final class ConvDemoCommand implements Callable<Integer>, Subcommand {
  static final double[][] INPUT = {{3, 3, 2, 1, 0}, {0, 0, 1, 3, 1}, {3, 1, 2, 2, 3}, {2, 0, 0, 2, 2}, {2, 0, 0, 0, 1}};
  static final double[][] FILTER = {{0, 1, 2}, {2, 2, 0}, {0, 1, 2}};

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The 3×3 feature map the library computes. */
  static double[][] featureMap() {
    Network net = Network.of(Shape.image(1, 5, 5), Loss.SQUARED_ERROR, Conv2d.of(1, 3, Activation.IDENTITY), Flatten.of(), Dense.of(1, Activation.IDENTITY));
    double[] params = new double[(int) net.parameterCount()]; // filter, bias 0, then the unused dense layer
    for (int u = 0; u < 3; u++) for (int v = 0; v < 3; v++) params[u * 3 + v] = FILTER[u][v];
    NeuralNetModel conv = NeuralNetModel.withParameters(net, params);
    double[] x = new double[25];
    for (int i = 0; i < 5; i++) System.arraycopy(INPUT[i], 0, x, i * 5, 5);
    INDArray map = conv.layerOutputs(Nd4j.createFromArray(new double[][] {x})).get(0);
    return map.reshape(3, 3).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
  }

  @Override
  public Integer call() {
    Mlmp.init();
    PrintWriter out = spec.commandLine().getOut();
    out.println("input (5x5):");
    print(out, INPUT);
    out.println("filter (3x3):");
    print(out, FILTER);
    out.println("output (3x3) = cross-correlation, stride 1, no padding (e.g. top left: 3*0+3*1+2*2 + 0*2+0*2+1*0"
        + " + 3*0+1*1+2*2 = 12):");
    print(out, featureMap());
    out.flush();
    return 0;
  }

  static void print(PrintWriter out, double[][] m) {
    for (double[] row : m) {
      StringBuilder b = new StringBuilder();
      for (double v : row) b.append(String.format(Locale.ROOT, "%4s", v == Math.rint(v) ? String.valueOf((long) v) : v));
      out.println(b);
    }
  }
}
