package org.mlmp.backend;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run of floats in host memory for the {@link HostBlas} / {@link HostLapack} calls: either a plain
 * off-heap allocation ({@link #allocate}, {@link #copyOf}; freed by {@link #close}) or a view of an
 * ND4J array's host buffer ({@link #of}; {@link #close} does nothing). Element indices are absolute
 * (0 is the first element). One instance is not safe for use by several threads at once: give each
 * worker its own {@link #forThread} view (it costs one small object, no copy).
 */
public final class HostFloats implements AutoCloseable {
  final FloatPointer pointer;
  private final boolean owned;

  private HostFloats(FloatPointer pointer, boolean owned) {
    this.pointer = pointer;
    this.owned = owned;
  }

  /**
   * An uninitialised off-heap buffer of {@code length} floats. A plain JavaCPP allocation costs
   * ≈ 2 ms for 4 M floats, an ND4J array of the same size ≈ 20–30 ms (measured).
   *
   * @param length the number of elements, {@code >= 0}
   * @return a new buffer that {@link #close} frees
   * @throws IllegalArgumentException when {@code length} is negative
   */
  public static HostFloats allocate(long length) {
    HostBlas.requireLength(length, "HostFloats.allocate");
    return new HostFloats(new FloatPointer(length), true);
  }

  /**
   * An off-heap copy of {@code values}.
   *
   * @param values the elements to copy
   * @return a new buffer of {@code values.length} elements that {@link #close} frees
   */
  public static HostFloats copyOf(float[] values) {
    return new HostFloats(new FloatPointer(values), true);
  }

  /**
   * A view of the host buffer of {@code a}: a FLOAT array that is not a view, at offset 0, with
   * {@link HostBlas#hostMemory()} true; its elements in {@code a}'s own order ('c' or 'f').
   *
   * @param a the array whose buffer to view; it must stay alive while the view is used
   * @return a view over {@code a}'s memory ({@link #close} does not free it)
   * @throws IllegalArgumentException naming what is wrong when {@code a} does not qualify
   */
  public static HostFloats of(INDArray a) {
    HostBlas.requireHostArray(a, DataType.FLOAT, "HostFloats.of");
    return new HostFloats((FloatPointer) a.data().addressPointer(), false);
  }

  /**
   * The whole data buffer of a FLOAT array as an NIO buffer over its host memory (no copy), for
   * element-wise loops that run in Java.
   *
   * @param a a FLOAT array; its whole buffer is returned, whatever its view offset
   * @return an NIO buffer over the array's memory, position 0, capacity the buffer length
   * @throws IllegalArgumentException when the buffer is not host memory or not FLOAT
   */
  public static FloatBuffer buffer(INDArray a) {
    HostBlas.requireHostBuffer(a, DataType.FLOAT, "HostFloats.buffer");
    return ((FloatPointer) a.data().pointer()).capacity(a.data().length()).asBuffer();
  }

  /**
   * The whole data buffer of a FLOAT array as bytes over its host memory (no copy), in the platform's byte order, for
   * loops written with the Vector API ({@link VectorApi}).
   *
   * @param a a FLOAT array; its whole buffer is returned, whatever its view offset
   * @return a byte buffer over the array's memory, position 0, capacity 4 × the buffer length, native byte order
   * @throws IllegalArgumentException when the buffer is not host memory or not FLOAT, or longer than 2³¹ − 1 bytes
   */
  public static ByteBuffer bytes(INDArray a) {
    HostBlas.requireHostBuffer(a, DataType.FLOAT, "HostFloats.bytes");
    long n = a.data().length();
    if (n > Integer.MAX_VALUE / Float.BYTES) {
      throw new IllegalArgumentException("HostFloats.bytes: a byte buffer holds at most "
          + Integer.MAX_VALUE / Float.BYTES + " floats. Got a buffer of " + n
          + "; use buffer(a) or HostFloats.of(a) for larger arrays.");
    }
    return ((FloatPointer) a.data().pointer()).capacity(n).asByteBuffer().order(ByteOrder.nativeOrder());
  }

  /**
   * The elements of a FLOAT array or view that lie in row order one after the other (a C-ordered array, or a
   * contiguous run of one such as a reshaped interval of a flat vector) as an NIO buffer over exactly those
   * elements (no copy): element i of the row-major order at position i.
   *
   * @param a a FLOAT array whose elements are one row-major run of its buffer
   * @return an NIO buffer over the array's elements, position 0, capacity {@code a.length()}
   * @throws IllegalArgumentException when the buffer is not host memory or not FLOAT, or the elements are not one
   *     row-major run (the strides are named)
   */
  public static FloatBuffer elements(INDArray a) {
    HostBlas.requireHostBuffer(a, DataType.FLOAT, "HostFloats.elements");
    if (!HostBlas.rowMajorRun(a)) {
      throw new IllegalArgumentException("HostFloats.elements: needs elements in row order one after the other. Got"
          + " shape " + java.util.Arrays.toString(a.shape()) + ", strides " + java.util.Arrays.toString(a.stride())
          + ", order '" + a.ordering() + "'; pass a copy in C order (dup('c')).");
    }
    return new FloatPointer(a.data().addressPointer()).capacity(a.length()).asBuffer();
  }

  /**
   * {@link #elements} as bytes, in the platform's byte order, for loops written with the Vector API
   * ({@link VectorApi}): element i of the row-major order at byte 4i.
   *
   * @param a a FLOAT array whose elements are one row-major run of its buffer, at most 2³¹ − 1 bytes
   * @return a byte buffer over the array's elements, position 0, capacity {@code 4 · a.length()}
   * @throws IllegalArgumentException as {@link #elements} does, or when the elements take more than 2³¹ − 1 bytes
   */
  public static ByteBuffer elementBytes(INDArray a) {
    FloatBuffer elements = elements(a);
    if (a.length() > Integer.MAX_VALUE / Float.BYTES) {
      throw new IllegalArgumentException("HostFloats.elementBytes: a byte buffer holds at most "
          + Integer.MAX_VALUE / Float.BYTES + " floats. Got " + a.length() + "; use elements(a) for larger arrays.");
    }
    return new FloatPointer(a.data().addressPointer()).capacity(elements.capacity()).asByteBuffer()
        .order(ByteOrder.nativeOrder());
  }

  /**
   * The same memory with its own cursor, for one worker thread.
   *
   * @return a view that shares this memory and never frees it
   */
  public HostFloats forThread() {
    return new HostFloats(new FloatPointer(pointer), false);
  }

  /**
   * Copies elements out: dst[from, from + len) ← this[at, at + len).
   *
   * @param at the first element of this buffer to read
   * @param dst the Java array to write
   * @param from the first index of {@code dst} to write
   * @param len the number of elements
   */
  public void get(long at, float[] dst, int from, int len) {
    pointer.position(at).get(dst, from, len);
    pointer.position(0);
  }

  /**
   * Copies elements in: this[at, at + len) ← src[from, from + len).
   *
   * @param at the first element of this buffer to write
   * @param src the Java array to read
   * @param from the first index of {@code src} to read
   * @param len the number of elements
   */
  public void put(long at, float[] src, int from, int len) {
    pointer.position(at).put(src, from, len);
    pointer.position(0);
  }

  /**
   * Reads one element.
   *
   * @param at the element index (0 is the first element)
   * @return the element at index {@code at}
   */
  public float get(long at) {
    return pointer.get(at);
  }

  /**
   * Sets one element.
   *
   * @param at the element index (0 is the first element)
   * @param value the new value
   */
  public void put(long at, float value) {
    pointer.put(at, value);
  }

  /** Frees an allocation made here; does nothing for a view of an array or another buffer. */
  @Override
  public void close() {
    if (owned) pointer.close();
  }
}
