package org.mlmp.nn.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mlmp.nn.Activation.*;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mlmp.api.Dataset;
import org.mlmp.nn.Activation;
import org.mlmp.nn.AvgPool;
import org.mlmp.nn.BatchNorm;
import org.mlmp.nn.Conv2d;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Dropout;
import org.mlmp.nn.Flatten;
import org.mlmp.nn.InputScaling;
import org.mlmp.nn.Loss;
import org.mlmp.nn.MaxPool;
import org.mlmp.nn.Network;
import org.mlmp.nn.NeuralNet;
import org.mlmp.nn.NeuralNetModel;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.testing.OnnxRuntimeCheck;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exported networks run in ONNX Runtime 1.22 (Java API) and give mlmp's outputs within
 * |Δ| ≤ 1e-5 · max|y| + 1e-6 and mlmp's predicted classes (see {@link OnnxRuntimeCheck}).
 */
class OnnxExportTest {
  @TempDir Path dir;

  /** Rows with mean ≈ 4.5 and spread ≈ 1.4 (so scaling matters); the class is the third of the row with the largest sum. */
  static Dataset thirds(int n, int features, double[] labels, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * features];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double[] sums = new double[3];
      for (int j = 0; j < features; j++) {
        x[i * features + j] = (float) (2 + 5 * r.nextDouble());
        sums[Math.min(2, 3 * j / features)] += x[i * features + j];
      }
      int best = sums[0] >= sums[1] && sums[0] >= sums[2] ? 0 : sums[1] >= sums[2] ? 1 : 2;
      y[i] = labels[best];
    }
    return Dataset.of(Nd4j.create(x, new long[] {n, features}, 'c'), Nd4j.createFromArray(y));
  }

  static NeuralNetModel train(Network net, Dataset data, InputScaling scaling, int epochs) {
    return NeuralNet.of(net, Optimizer.Adam.of(1e-2)).withEpochs(epochs).withBatchSize(16).withSeed(3)
        .withValidation(0, 0).withScaling(scaling).fit(data);
  }

  Path export(NeuralNetModel m, String name) throws IOException {
    Path file = dir.resolve(name);
    OnnxExport.write(m, file);
    return file;
  }

  static Onnx.ModelProto read(Path file) throws IOException {
    return Onnx.ModelProto.parseFrom(Files.readAllBytes(file));
  }

  static List<String> ops(Onnx.ModelProto m) {
    return m.getGraph().getNodeList().stream().map(Onnx.NodeProto::getOpType).toList();
  }

  static Map<String, String> metadata(Onnx.ModelProto m) {
    return m.getMetadataPropsList().stream()
        .collect(Collectors.toMap(Onnx.StringStringEntryProto::getKey, Onnx.StringStringEntryProto::getValue));
  }

  @ParameterizedTest
  @EnumSource(value = Activation.class, names = {"IDENTITY", "BINARY_STEP", "SIGMOID", "TANH", "RELU", "LEAKY_RELU"})
  void mlpWithEachHiddenActivationMatches(Activation f) throws Exception {
    Network net = Network.of(Shape.vector(5), Loss.CROSS_ENTROPY, Dense.of(7, f), Dense.of(6, f),
        Dense.of(3, SOFTMAX));
    Random r = new Random(11);
    double[] p = new double[(int) net.parameterCount()];
    for (int i = 0; i < p.length; i++) p[i] = r.nextGaussian();
    NeuralNetModel m = NeuralNetModel.withParameters(net, p);
    Path file = export(m, "mlp.onnx");
    INDArray x = Nd4j.randn(DataType.FLOAT, 64, 5).muli(2);
    float[][] y = OnnxRuntimeCheck.assertMatches(m, file, x);
    for (float[] row : y) assertEquals(1, row[0] + row[1] + row[2], 1e-5, "softmax rows sum to 1");
    List<String> expected = switch (f) {
      case IDENTITY -> List.of("Gemm", "Gemm", "Gemm", "Softmax");
      case BINARY_STEP -> List.of("Gemm", "Greater", "Cast", "Gemm", "Greater", "Cast", "Gemm", "Softmax");
      default -> {
        String op = Map.of(SIGMOID, "Sigmoid", TANH, "Tanh", RELU, "Relu", LEAKY_RELU, "LeakyRelu").get(f);
        yield List.of("Gemm", op, "Gemm", op, "Gemm", "Softmax");
      }
    };
    assertEquals(expected, ops(read(file)));
    if (f == BINARY_STEP) {
      // the hidden units really switch: both values 0 and 1 occur in layer 0's output
      INDArray h = m.layerOutputs(x).get(0);
      assertEquals(1.0, h.maxNumber().doubleValue());
      assertEquals(0.0, h.minNumber().doubleValue());
    }
  }

  @ParameterizedTest
  @EnumSource(InputScaling.class)
  void trainedMlpWithScalingBatchNormAndDropoutMatches(InputScaling scaling) throws Exception {
    double[] labels = {2, 5, 7};
    Dataset data = thirds(300, 6, labels, 1);
    Network net = Network.of(Shape.vector(6), Loss.CROSS_ENTROPY, Dense.of(16, RELU), BatchNorm.of(TANH),
        Dropout.of(0.25), Dense.of(3, SOFTMAX));
    NeuralNetModel m = train(net, data, scaling, 4);
    assertEquals(scaling, m.inputScaling());
    assertNontrivialStatistics(m);
    Path file = export(m, "mlp-" + scaling + ".onnx");
    OnnxRuntimeCheck.assertMatches(m, file, thirds(100, 6, labels, 2).x());
    Onnx.ModelProto proto = read(file);
    List<String> scalingOps = scaling == InputScaling.NONE ? List.of() : List.of("Sub", "Div");
    List<String> expected = new java.util.ArrayList<>(scalingOps);
    expected.addAll(List.of("Gemm", "Relu", "BatchNormalization", "Tanh", "Identity", "Gemm", "Softmax"));
    assertEquals(expected, ops(proto));
    assertEquals("[2.0,5.0,7.0]", metadata(proto).get("mlmp.classes"));
    assertEquals(scaling.name(), metadata(proto).get("mlmp.inputScaling"));
    if (scaling == InputScaling.PER_FEATURE) {
      Onnx.TensorProto mean = proto.getGraph().getInitializerList().stream()
          .filter(t -> t.getName().equals("scaling.mean")).findFirst().orElseThrow();
      assertEquals(List.of(6L), mean.getDimsList());
    }
  }

  /** A CNN on 2×12×11 images: padding and stride variants, both pools, BatchNorm after a conv and after a dense layer. */
  static Network cnn() {
    return Network.of(Shape.image(2, 12, 11), Loss.CROSS_ENTROPY,
        Conv2d.of(4, 3, RELU).withPadding(1), BatchNorm.of(RELU), MaxPool.of(2), // 4×12×11 → 4×6×5
        Conv2d.of(6, 3, TANH).withStride(2).withPadding(1), // → 6×3×3
        AvgPool.of(2).withStride(1), // → 6×2×2
        Dropout.of(0.3), Flatten.of(), Dense.of(12, IDENTITY), BatchNorm.of(SIGMOID), Dense.of(4, SOFTMAX));
  }

  @Test
  void trainedCnnMatchesAtAnyBatchSize() throws Exception {
    double[] labels = {0, 1, 2};
    Network net = cnn();
    assertEquals(Shape.image(6, 2, 2), net.shapes().get(6));
    NeuralNetModel m = train(net, thirds(240, 264, labels, 3), InputScaling.GLOBAL, 3);
    assertNontrivialStatistics(m);
    Path file = export(m, "cnn.onnx");
    for (int n : new int[] {1, 37}) OnnxRuntimeCheck.assertMatches(m, file, thirds(n, 264, labels, 4 + n).x());
    Onnx.ModelProto proto = read(file);
    assertEquals(List.of("Sub", "Div", "Reshape", "Conv", "Relu", "BatchNormalization", "Relu", "MaxPool", "Conv", "Tanh",
        "AveragePool", "Identity", "Flatten", "Gemm", "BatchNormalization", "Sigmoid", "Gemm", "Softmax"), ops(proto));
    Onnx.NodeProto conv2 = proto.getGraph().getNode(8);
    Map<String, List<Long>> attrs = conv2.getAttributeList().stream()
        .collect(Collectors.toMap(Onnx.AttributeProto::getName, Onnx.AttributeProto::getIntsList));
    assertEquals(List.of(2L, 2L), attrs.get("strides"));
    assertEquals(List.of(1L, 1L, 1L, 1L), attrs.get("pads"));
  }

  @Test
  void sigmoidBinaryClassifierAndRegressorMatch() throws Exception {
    Dataset two = thirds(200, 4, new double[] {-1, 3, 3}, 5);
    NeuralNetModel binary = train(Network.of(Shape.vector(4), Loss.CROSS_ENTROPY, Dense.of(5, LEAKY_RELU),
        Dense.of(1, SIGMOID)), two, InputScaling.PER_FEATURE, 3);
    assertArrayEquals(new double[] {-1, 3}, binary.classes());
    OnnxRuntimeCheck.assertMatches(binary, export(binary, "binary.onnx"), thirds(50, 4, new double[] {0, 0, 0}, 6).x());

    INDArray x = thirds(200, 4, new double[] {0, 0, 0}, 7).x();
    INDArray y = Nd4j.concat(1, x.sum(true, 1).reshape(200, 1), x.getColumn(0, true).mul(-2));
    NeuralNetModel reg = NeuralNet.of(Network.of(Shape.vector(4), Loss.SQUARED_ERROR, Dense.of(8, TANH),
        BatchNorm.of(IDENTITY), Dense.of(2, IDENTITY)), Optimizer.Adam.of(1e-2)).withEpochs(3).withBatchSize(16)
            .withSeed(3).withValidation(0, 0)
        .fit(Dataset.of(x, y));
    Path file = export(reg, "reg.onnx");
    OnnxRuntimeCheck.assertMatches(reg, file, thirds(30, 4, new double[] {0, 0, 0}, 8).x());
    assertFalse(metadata(read(file)).containsKey("mlmp.classes"));
  }

  @Test
  void fileStatesOpsetIrVersionAndSymbolicBatch() throws Exception {
    NeuralNetModel m = NeuralNetModel.withParameters(cnn(), new double[(int) cnn().parameterCount()]);
    Onnx.ModelProto proto = read(export(m, "zero.onnx"));
    assertEquals(7, proto.getIrVersion());
    assertEquals(1, proto.getOpsetImportCount());
    assertEquals("", proto.getOpsetImport(0).getDomain());
    assertEquals(13, proto.getOpsetImport(0).getVersion());
    assertEquals("mlmp", proto.getProducerName());
    Onnx.TensorShapeProto in = proto.getGraph().getInput(0).getType().getTensorType().getShape();
    assertEquals("N", in.getDim(0).getDimParam());
    assertEquals(2 * 12 * 11, in.getDim(1).getDimValue());
    assertEquals(Onnx.TensorProto.DataType.FLOAT.getNumber(), proto.getGraph().getInput(0).getType().getTensorType().getElemType());
    assertEquals(OnnxExport.OUTPUT, proto.getGraph().getOutput(0).getName());
    assertEquals(4, proto.getGraph().getOutput(0).getType().getTensorType().getShape().getDim(1).getDimValue());
    assertEquals(m.network(), org.mlmp.io.ConfigJson.read(new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(metadata(proto).get("mlmp.network")), Network.class));
  }

  @Test
  void writeReplacesAtomicallyAndRefusesADirectory() throws Exception {
    NeuralNetModel m = NeuralNetModel.withParameters(Network.of(Shape.vector(2), Loss.SQUARED_ERROR,
        Dense.of(1, IDENTITY)), new double[] {1, 2, 3});
    Path file = dir.resolve("sub/model.onnx");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "old");
    OnnxExport.write(m, file);
    assertArrayEquals(OnnxExport.toBytes(m), Files.readAllBytes(file));
    try (var files = Files.list(file.getParent())) {
      assertEquals(List.of(file), files.toList(), "no temporary file left behind");
    }
    IOException e = assertThrows(IOException.class, () -> OnnxExport.write(m, dir));
    assertTrue(e.getMessage().contains(dir + " is a directory, not a file; give the path of the file to write"),
        e.getMessage());
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> OnnxExport.write(null, file));
    assertEquals("The 'model' parameter of OnnxExport is null.", n.getMessage());
  }

  /**
   * Training moved most of BatchNorm's running estimates away from their start (means 0, variances 1); a
   * channel after a ReLU unit that never fires keeps mean 0.
   */
  static void assertNontrivialStatistics(NeuralNetModel m) {
    float[] st = m.runningStatistics();
    assertNotEquals(0, st.length);
    long moved = 0;
    for (float v : st) if (Math.abs(v) > 1e-3 && Math.abs(v - 1) > 1e-3) moved++;
    assertTrue(2 * moved >= st.length, "running statistics near their initial values: " + Arrays.toString(st));
  }

  @Test
  void hiddenStepUnitsAgreeOnOnnxRuntimeAfterTraining() throws OrtException, IOException {
    // a perceptron-like hidden step layer after a trained one: inference-only use of BINARY_STEP
    Dataset data = thirds(200, 6, new double[] {0, 1, 2}, 9);
    NeuralNetModel m = train(Network.of(Shape.vector(6), Loss.CROSS_ENTROPY, Dense.of(8, TANH), Dense.of(8, BINARY_STEP),
        Dense.of(3, SOFTMAX)), data, InputScaling.PER_FEATURE, 2);
    OnnxRuntimeCheck.assertMatches(m, export(m, "step.onnx"), thirds(80, 6, new double[] {0, 1, 2}, 10).x());
  }
}
