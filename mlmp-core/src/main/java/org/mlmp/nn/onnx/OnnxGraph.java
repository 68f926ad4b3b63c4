package org.mlmp.nn.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Assembles an ONNX graph node by node with the protobuf classes that nd4j-api bundles ({@code onnx.Onnx},
 * over the shaded runtime {@code org.nd4j.shade.protobuf}): float initializers, nodes with integer, float
 * and integer-list attributes, and the tensor names that chain them.
 */
final class OnnxGraph {
  private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
  private final List<Onnx.NodeProto.Builder> nodes = new ArrayList<>();

  OnnxGraph(String name) {
    graph.setName(name);
  }

  /** A float constant {@code name} of the given shape, stored little-endian in raw_data. */
  String constant(String name, float[] values, long... dims) {
    ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
        .setDataType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(b.array()));
    for (long d : dims) t.addDims(d);
    graph.addInitializer(t);
    return name;
  }

  /** A float constant taken from {@code from[offset .. offset + Π dims)}. */
  String constant(String name, float[] from, int offset, long... dims) {
    long n = 1;
    for (long d : dims) n *= d;
    return constant(name, java.util.Arrays.copyOfRange(from, offset, offset + (int) n), dims);
  }

  /** A float constant converted from double (the input scaling's statistics). */
  String constant(String name, double[] values, long... dims) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
    return constant(name, f, dims);
  }

  /** An int64 constant (a shape for Reshape). */
  String shapeConstant(String name, long... values) {
    Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name)
        .setDataType(Onnx.TensorProto.DataType.INT64.getNumber()).addDims(values.length);
    for (long v : values) t.addInt64Data(v);
    graph.addInitializer(t);
    return name;
  }

  /** Adds node {@code opType} reading {@code inputs} and writing the one tensor {@code output}; returns it. */
  String node(String opType, String output, List<String> inputs, Onnx.AttributeProto... attributes) {
    Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(opType).setName(output)
        .addAllInput(inputs).addOutput(output);
    for (Onnx.AttributeProto a : attributes) n.addAttribute(a);
    nodes.add(n);
    return output;
  }

  static Onnx.AttributeProto ints(String name, long... values) {
    Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
        .setType(Onnx.AttributeProto.AttributeType.INTS);
    for (long v : values) a.addInts(v);
    return a.build();
  }

  static Onnx.AttributeProto integer(String name, long value) {
    return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(value)
        .build();
  }

  static Onnx.AttributeProto real(String name, double value) {
    return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT)
        .setF((float) value).build();
  }

  /** A float tensor's declaration {@code [batch, size]} with a symbolic batch dimension. */
  static Onnx.ValueInfoProto matrix(String name, String batch, long size, String doc) {
    Onnx.TensorShapeProto shape = Onnx.TensorShapeProto.newBuilder()
        .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimParam(batch))
        .addDim(Onnx.TensorShapeProto.Dimension.newBuilder().setDimValue(size)).build();
    Onnx.TypeProto type = Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
        .setElemType(Onnx.TensorProto.DataType.FLOAT.getNumber()).setShape(shape)).build();
    return Onnx.ValueInfoProto.newBuilder().setName(name).setType(type).setDocString(doc).build();
  }

  /**
   * The finished graph: the last node added (which nothing reads) writes {@code output.getName()} instead of
   * the name it was given; the graph reads {@code input}.
   */
  Onnx.GraphProto build(Onnx.ValueInfoProto input, Onnx.ValueInfoProto output, String doc) {
    nodes.get(nodes.size() - 1).setOutput(0, output.getName()).setName(output.getName());
    nodes.forEach(graph::addNode);
    return graph.addInput(input).addOutput(output).setDocString(doc).build();
  }
}
