package org.mlmp.backend;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run of doubles in host memory for the {@link HostBlas} / {@link HostLapack} calls: either a plain
 * off-heap allocation ({@link #allocate}, {@link #copyOf}; freed by {@link #close}) or a view of an
 * ND4J array's host buffer ({@link #of}; {@link #close} does nothing). Element indices are absolute
 * (0 is the first element). One instance is not safe for use by several threads at once: give each
 * worker its own {@link #forThread} view (it costs one small object, no copy).
 */
public final class HostDoubles implements AutoCloseable {
  final DoublePointer pointer;
  private final boolean owned;

  private HostDoubles(DoublePointer pointer, boolean owned) {
    this.pointer = pointer;
    this.owned = owned;
  }

  /**
   * An uninitialised off-heap buffer of {@code length} doubles. A plain JavaCPP allocation costs
   * ≈ 2 ms for 4 M doubles, an ND4J array of the same size ≈ 20–30 ms (measured).
   *
   * @param length the number of elements, {@code >= 0}
   * @return a new buffer that {@link #close} frees
   * @throws IllegalArgumentException when {@code length} is negative
   */
  public static HostDoubles allocate(long length) {
    HostBlas.requireLength(length, "HostDoubles.allocate");
    return new HostDoubles(new DoublePointer(length), true);
  }

  /**
   * An off-heap copy of {@code values}.
   *
   * @param values the elements to copy
   * @return a new buffer of {@code values.length} elements that {@link #close} frees
   */
  public static HostDoubles copyOf(double[] values) {
    return new HostDoubles(new DoublePointer(values), true);
  }

  /**
   * A view of the host buffer of {@code a}: a DOUBLE array that is not a view, at offset 0, with
   * {@link HostBlas#hostMemory()} true; its elements in {@code a}'s own order ('c' or 'f').
   *
   * @param a the array whose buffer to view; it must stay alive while the view is used
   * @return a view over {@code a}'s memory ({@link #close} does not free it)
   * @throws IllegalArgumentException naming what is wrong when {@code a} does not qualify
   */
  public static HostDoubles of(INDArray a) {
    HostBlas.requireHostArray(a, DataType.DOUBLE, "HostDoubles.of");
    return new HostDoubles((DoublePointer) a.data().addressPointer(), false);
  }

  /**
   * The whole data buffer of a DOUBLE array as an NIO buffer over its host memory (no copy), for
   * element-wise loops that run in Java.
   *
   * @param a a DOUBLE array; its whole buffer is returned, whatever its view offset
   * @return an NIO buffer over the array's memory, position 0, capacity the buffer length
   * @throws IllegalArgumentException when the buffer is not host memory or not DOUBLE
   */
  public static DoubleBuffer buffer(INDArray a) {
    HostBlas.requireHostBuffer(a, DataType.DOUBLE, "HostDoubles.buffer");
    return ((DoublePointer) a.data().pointer()).capacity(a.data().length()).asBuffer();
  }

  /**
   * The same memory with its own cursor, for one worker thread.
   *
   * @return a view that shares this memory and never frees it
   */
  public HostDoubles forThread() {
    return new HostDoubles(new DoublePointer(pointer), false);
  }

  /**
   * Copies elements out: dst[from, from + len) ← this[at, at + len).
   *
   * @param at the first element of this buffer to read
   * @param dst the Java array to write
   * @param from the first index of {@code dst} to write
   * @param len the number of elements
   */
  public void get(long at, double[] dst, int from, int len) {
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
  public void put(long at, double[] src, int from, int len) {
    pointer.position(at).put(src, from, len);
    pointer.position(0);
  }

  /**
   * A c-order [rows, cols] DOUBLE array over the first rows·cols elements of this memory (no copy; not a view, offset
   * 0, so {@link #of} and ND4J's copies into it work on it). The array does not own the memory: it is valid while this
   * buffer is open, and {@link #close} still frees it.
   *
   * @param rows the number of rows, {@code >= 0}
   * @param cols the number of columns, {@code >= 0}
   * @return the array over this memory
   * @throws IllegalArgumentException when rows·cols is negative
   */
  public INDArray asArray(long rows, long cols) {
    long len = rows * cols;
    HostBlas.requireLength(len, "HostDoubles.asArray");
    return Nd4j.create(Nd4j.createBuffer(pointer, DataType.DOUBLE, len, DoubleIndexer.create(pointer)),
        new long[] {rows, cols}, new long[] {cols, 1}, 0, 'c');
  }

  /**
   * Reads one element.
   *
   * @param at the element index (0 is the first element)
   * @return the element at index {@code at}
   */
  public double get(long at) {
    return pointer.get(at);
  }

  /**
   * Sets one element.
   *
   * @param at the element index (0 is the first element)
   * @param value the new value
   */
  public void put(long at, double value) {
    pointer.put(at, value);
  }

  /** Frees an allocation made here; does nothing for a view of an array or another buffer. */
  @Override
  public void close() {
    if (owned) pointer.close();
  }
}
