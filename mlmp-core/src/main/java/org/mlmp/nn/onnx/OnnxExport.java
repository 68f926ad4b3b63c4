package org.mlmp.nn.onnx;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import onnx.Onnx;
import org.mlmp.Mlmp;
import org.mlmp.io.AtomicFile;
import org.mlmp.nn.Activation;
import org.mlmp.nn.AvgPool;
import org.mlmp.nn.BatchNorm;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Dropout;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.Layer;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Shape;

/**
 * Exports a trained {@link NeuralNetModel} to an ONNX file at <b>opset 13</b> (default domain, IR version 7),
 * so the network runs outside Java (e.g. in ONNX Runtime). mlmp's {@code .mlmp} model file stays
 * the native format; ONNX is how a model leaves Java.
 *
 * <p>The graph reads one float32 input {@value #INPUT} of shape {@code [N, C·H·W]} (N symbolic, rows as
 * {@link NeuralNetModel#output} takes them) and writes {@value #OUTPUT}, the network's output
 * {@code [N, K]}: class probabilities for a softmax classifier (columns in the order of
 * {@link NeuralNetModel#classes}), the probability of the second class for one sigmoid unit, the values
 * for a regressor. It contains the model's fitted input scaling and, for an image input, the reshape of the
 * flat rows to NCHW:
 *
 * <table>
 *   <caption>mlmp → ONNX (opset 13)</caption>
 *   <tr><th>mlmp</th><th>ONNX nodes</th></tr>
 *   <tr><td>{@link org.mlmp.nn.InputScaling} GLOBAL / PER_FEATURE</td><td>Sub(μ), Div(σ) (scalar / [features] constants)</td></tr>
 *   <tr><td>image input {@code [C, H, W]}</td><td>Reshape to [−1, C, H, W]</td></tr>
 *   <tr><td>{@link Dense}</td><td>Gemm(x, W [inputs, units], b)</td></tr>
 *   <tr><td>{@link Conv2d}</td><td>Conv(W [out, in, k, k], b; strides, pads)</td></tr>
 *   <tr><td>{@link MaxPool} / {@link AvgPool}</td><td>MaxPool / AveragePool (kernel_shape, strides, no padding)</td></tr>
 *   <tr><td>{@link BatchNorm}</td><td>BatchNormalization (inference form: γ, β, running mean and variance, epsilon)</td></tr>
 *   <tr><td>{@link Flatten} / {@link Dropout}</td><td>Flatten(axis 1) / Identity</td></tr>
 *   <tr><td>activations</td><td>Relu, Tanh, Sigmoid, LeakyRelu(0.01), Softmax(axis 1), binary step as
 *       Cast&lt;float&gt;(Greater(z, 0)); IDENTITY adds no node</td></tr>
 * </table>
 *
 * <p>The file's metadata ({@code metadata_props}) holds {@code mlmp.network} (the network's JSON, as the model
 * file stores it), {@code mlmp.inputScaling}, {@code mlmp.classes} (a JSON array, classifiers only) and
 * {@code mlmp.output} (what the output holds).
 */
public final class OnnxExport {
  private OnnxExport() {}

  /** The ONNX operator-set version of the exported graphs. */
  public static final int OPSET = 13;
  /** The ONNX IR version written (7, the IR of opset 13). */
  public static final int IR_VERSION = 7;
  /** The graph input's name. */
  public static final String INPUT = "input";
  /** The graph output's name. */
  public static final String OUTPUT = "output";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Writes {@code model} as an ONNX file, atomically: on failure nothing is written.
   *
   * @param model the fitted network
   * @param file the {@code .onnx} file to write (replaced if present)
   * @throws IOException when the file cannot be written
   * @throws IllegalArgumentException when {@code model} or {@code file} is null
   */
  public static void write(NeuralNetModel model, Path file) throws IOException {
    if (file == null) throw new IllegalArgumentException("The 'file' parameter of OnnxExport.write is null.");
    AtomicFile.write(file, toBytes(model));
  }

  /**
   * The ONNX model as bytes (the serialised {@code ModelProto}).
   *
   * @param model the fitted network
   * @return the bytes of the {@code .onnx} file
   * @throws IllegalArgumentException when {@code model} is null
   */
  public static byte[] toBytes(NeuralNetModel model) {
    if (model == null) throw new IllegalArgumentException("The 'model' parameter of OnnxExport is null.");
    Network net = model.network();
    OnnxGraph g = new OnnxGraph("mlmp");
    String t = scaling(g, model, INPUT);
    Shape in = net.input();
    if (in.image()) {
      t = g.node("Reshape", "input.nchw", List.of(t,
          g.shapeConstant("input.nchw.shape", -1, in.channels(), in.height(), in.width())));
    }
    float[] p = model.parameters(), st = model.runningStatistics();
    List<Shape> shapes = net.shapes();
    int pAt = 0, sAt = 0;
    for (int i = 0; i < net.layers().size(); i++) {
      Layer l = net.layers().get(i);
      t = layer(g, i, l, shapes.get(i), t, p, pAt, st, sAt);
      pAt += l.parameterCount(shapes.get(i));
      sAt += l.statisticsCount(shapes.get(i));
    }
    if (pAt != p.length || sAt != st.length) {
      throw new IllegalStateException("OnnxExport read " + pAt + " parameters and " + sAt + " running statistics from "
          + "the layers of " + net.layers().stream().map(Layer::describe).toList() + ", but the model holds " + p.length
          + " and " + st.length + ": the parameter layout documented in NeuralNetModel.withParameters has changed.");
    }
    String outDoc = outputDoc(model);
    Onnx.GraphProto graph = g.build(OnnxGraph.matrix(INPUT, "N", in.size(),
            "rows [N, " + in.size() + "] as NeuralNetModel.output takes them" + (in.image() ? " (images " + in
                + " flattened row-major)" : "") + "; the graph applies the input scaling"),
        OnnxGraph.matrix(OUTPUT, "N", net.outputShape().size(), outDoc),
        net.summary());
    Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("mlmp")
        .setProducerVersion(Mlmp.version()).setDomain("org.mlmp").setModelVersion(1)
        .setDocString("An mlmp NeuralNetModel exported at ONNX opset " + OPSET + ".")
        .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET)).setGraph(graph);
    metadata(m, "mlmp.network", org.mlmp.io.ConfigJson.write(net).toString());
    metadata(m, "mlmp.inputScaling", model.inputScaling().name());
    if (net.classifies()) metadata(m, "mlmp.classes", json(model.classes()));
    metadata(m, "mlmp.output", outDoc);
    return m.build().toByteArray();
  }

  /** The input scaling z = (x − μ)/σ as Sub and Div nodes (none for NONE). */
  private static String scaling(OnnxGraph g, NeuralNetModel model, String x) {
    double[] mean = model.inputMean(), scale = model.inputScale();
    return switch (model.inputScaling()) {
      case NONE -> x;
      case GLOBAL -> g.node("Div", "scaling.z", List.of(
          g.node("Sub", "scaling.centered", List.of(x, g.constant("scaling.mean", new double[] {mean[0]}))),
          g.constant("scaling.scale", new double[] {scale[0]})));
      case PER_FEATURE -> g.node("Div", "scaling.z", List.of(
          g.node("Sub", "scaling.centered", List.of(x, g.constant("scaling.mean", mean, mean.length))),
          g.constant("scaling.scale", scale, scale.length)));
    };
  }

  /** Layer i's nodes reading tensor x; parameters from p[pAt..], running statistics from st[sAt..]. */
  private static String layer(OnnxGraph g, int i, Layer l, Shape in, String x, float[] p, int pAt, float[] st,
      int sAt) {
    String at = "layer" + i + ".";
    if (l instanceof Dense d) {
      int n = in.size(), u = d.units();
      String z = g.node("Gemm", at + "gemm", List.of(x, g.constant(at + "weight", p, pAt, n, u),
          g.constant(at + "bias", p, pAt + n * u, u)));
      return activation(g, d.activation(), z, at);
    }
    if (l instanceof Conv2d c) {
      int o = c.channels(), k = c.kernel(), w = o * in.channels() * k * k;
      String z = g.node("Conv", at + "conv", List.of(x, g.constant(at + "weight", p, pAt, o, in.channels(), k, k),
              g.constant(at + "bias", p, pAt + w, o)),
          OnnxGraph.ints("kernel_shape", k, k), OnnxGraph.ints("strides", c.stride(), c.stride()),
          OnnxGraph.ints("pads", c.padding(), c.padding(), c.padding(), c.padding()),
          OnnxGraph.ints("dilations", 1, 1), OnnxGraph.integer("group", 1));
      return activation(g, c.activation(), z, at);
    }
    if (l instanceof MaxPool mp) {
      return g.node("MaxPool", at + "maxpool", List.of(x), OnnxGraph.ints("kernel_shape", mp.size(), mp.size()),
          OnnxGraph.ints("strides", mp.stride(), mp.stride()));
    }
    if (l instanceof AvgPool ap) {
      return g.node("AveragePool", at + "avgpool", List.of(x), OnnxGraph.ints("kernel_shape", ap.size(), ap.size()),
          OnnxGraph.ints("strides", ap.stride(), ap.stride()));
    }
    if (l instanceof BatchNorm bn) {
      int c = in.channels();
      String z = g.node("BatchNormalization", at + "batchnorm", List.of(x, g.constant(at + "gamma", p, pAt, c),
              g.constant(at + "beta", p, pAt + c, c), g.constant(at + "runningMean", st, sAt, c),
              g.constant(at + "runningVariance", st, sAt + c, c)),
          OnnxGraph.real("epsilon", bn.epsilon()), OnnxGraph.real("momentum", 1 - bn.momentum()));
      return activation(g, bn.activation(), z, at);
    }
    if (l instanceof Flatten) return g.node("Flatten", at + "flatten", List.of(x), OnnxGraph.integer("axis", 1));
    if (l instanceof Dropout) return g.node("Identity", at + "dropout", List.of(x));
    throw new IllegalArgumentException("Layer " + i + " (" + l.describe() + ", type " + l.getClass().getSimpleName()
        + ") cannot be exported to ONNX: OnnxExport knows Dense, Conv2d, MaxPool, AvgPool, BatchNorm, Flatten and "
        + "Dropout.");
  }

  /** The activation's nodes on z (none for IDENTITY). */
  private static String activation(OnnxGraph g, Activation f, String z, String at) {
    return switch (f) {
      case IDENTITY -> z;
      case BINARY_STEP -> g.node("Cast", at + "step", List.of(g.node("Greater", at + "positive",
          List.of(z, g.constant(at + "zero", new float[] {0f})))),
          OnnxGraph.integer("to", Onnx.TensorProto.DataType.FLOAT.getNumber()));
      case SIGMOID -> g.node("Sigmoid", at + "sigmoid", List.of(z));
      case TANH -> g.node("Tanh", at + "tanh", List.of(z));
      case RELU -> g.node("Relu", at + "relu", List.of(z));
      case LEAKY_RELU -> g.node("LeakyRelu", at + "leakyrelu", List.of(z), OnnxGraph.real("alpha", Activation.LEAKY_SLOPE));
      case SOFTMAX -> g.node("Softmax", at + "softmax", List.of(z), OnnxGraph.integer("axis", 1));
    };
  }

  private static String outputDoc(NeuralNetModel model) {
    Network net = model.network();
    int k = net.outputShape().size();
    if (!net.classifies()) return "[N, " + k + "] the network's output (regression values)";
    if (k == 1) return "[N, 1] the probability of the second class of mlmp.classes (one sigmoid unit)";
    return "[N, " + k + "] class probabilities (softmax), columns in the order of mlmp.classes";
  }

  private static void metadata(Onnx.ModelProto.Builder m, String key, String value) {
    m.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(key).setValue(value));
  }

  private static String json(double[] values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
