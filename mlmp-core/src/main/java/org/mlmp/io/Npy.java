package org.mlmp.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NumPy {@code .npy} format, version 1.0, little-endian, C order: what {@code numpy.load} reads.
 * Supports float64 ({@code <f8}), float32 ({@code <f4}), int64 ({@code <i8}) and int32 ({@code <i4}).
 */
public final class Npy {
  private Npy() {}

  /**
   * The bytes of a {@code .npy} file holding {@code a}.
   *
   * @param a a DOUBLE, FLOAT, LONG or INT array of any shape
   * @return the file's bytes, C order
   * @throws IllegalArgumentException for another data type
   */
  public static byte[] write(INDArray a) {
    String descr;
    int size;
    switch (a.dataType()) {
      case DOUBLE -> { descr = "<f8"; size = 8; }
      case FLOAT -> { descr = "<f4"; size = 4; }
      case LONG -> { descr = "<i8"; size = 8; }
      case INT -> { descr = "<i4"; size = 4; }
      default -> throw new IllegalArgumentException("Npy: cannot write arrays of type " + a.dataType()
          + "; cast to DOUBLE, FLOAT, LONG or INT.");
    }
    long[] shape = a.shape();
    StringBuilder sh = new StringBuilder();
    for (long s : shape) sh.append(s).append(", ");
    String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
        : "(" + (shape.length == 0 ? "" : sh.substring(0, sh.length() - 2)) + ")";
    String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
    int total = NpyHeader.MAGIC.length + 4 + header.length() + 1;
    int pad = (64 - total % 64) % 64;
    header = header + " ".repeat(pad) + "\n";
    INDArray c = a.dup('c');
    long n = c.length();
    ByteBuffer buf = ByteBuffer.allocate((int) (NpyHeader.MAGIC.length + 4 + header.length() + n * size)).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.US_ASCII));
    switch (a.dataType()) {
      case DOUBLE -> { for (double v : c.data().asDouble()) buf.putDouble(v); }
      case FLOAT -> { for (float v : c.data().asFloat()) buf.putFloat(v); }
      case LONG -> { for (long v : c.data().asLong()) buf.putLong(v); }
      default -> { for (int v : c.data().asInt()) buf.putInt(v); }
    }
    return buf.array();
  }

  /**
   * Reads a {@code .npy} file written by this class or by NumPy: little-endian, C order, one of the four
   * supported types.
   *
   * @param bytes the file's bytes
   * @param name for error messages, e.g. the entry name in the model file
   * @return the array
   * @throws IOException when the bytes are not a supported {@code .npy} file (the name and the cause given)
   */
  public static INDArray read(byte[] bytes, String name) throws IOException {
    NpyHeader h = NpyHeader.parse(bytes, name);
    if (h.fortranOrder()) throw new IOException(name + ": Fortran-ordered .npy arrays are not supported.");
    String descr = h.descr().replace("|", "<");
    if (!descr.matches("[<>][fi][48]")) throw new IOException(name + ": unsupported .npy dtype '" + h.descr() + "'.");
    h.requireData(bytes.length, Integer.parseInt(descr.substring(2)), name);
    long[] shape = h.shape();
    long n = h.elements();
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).position(h.dataStart());
    if (descr.startsWith(">")) throw new IOException(name + ": big-endian .npy arrays are not supported.");
    INDArray out = switch (descr.substring(1)) {
      case "f8" -> { double[] v = new double[(int) n]; for (int i = 0; i < n; i++) v[i] = b.getDouble(); yield Nd4j.create(v, shape, DataType.DOUBLE); }
      case "f4" -> { float[] v = new float[(int) n]; for (int i = 0; i < n; i++) v[i] = b.getFloat(); yield Nd4j.create(v, shape, DataType.FLOAT); }
      case "i8" -> { long[] v = new long[(int) n]; for (int i = 0; i < n; i++) v[i] = b.getLong(); yield Nd4j.createFromArray(v).reshape(shape); }
      case "i4" -> { int[] v = new int[(int) n]; for (int i = 0; i < n; i++) v[i] = b.getInt(); yield Nd4j.createFromArray(v).reshape(shape); }
      default -> throw new IllegalStateException("unreachable: dtype " + descr);
    };
    return out;
  }

  static byte[] readAll(java.io.InputStream in) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    in.transferTo(bos);
    return bos.toByteArray();
  }
}
