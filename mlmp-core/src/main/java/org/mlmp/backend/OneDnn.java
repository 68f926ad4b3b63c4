package org.mlmp.backend;

import java.util.Arrays;
import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * What {@link HostConvolution} and {@link HostPooling} share: oneDNN's CPU engine ({@link Loaded}: its natives
 * loaded on first use, or the reason they did not), ND4J host arrays wrapped as oneDNN memory without copies, argument
 * maps, the array and geometry checks (which load no natives).
 */
final class OneDnn {
  private OneDnn() {}

  /** oneDNN's CPU engine, created (its natives loaded) on first use, or the reason it could not be. */
  static final class Loaded {
    private Loaded() {}

    static final String FAILURE;
    static final engine ENGINE;

    static {
      String failure = null;
      engine e = null;
      try {
        e = new engine(engine.kind.cpu, 0);
      } catch (Throwable t) {
        failure = t.getClass().getSimpleName() + ": " + t.getMessage();
        LoggerFactory.getLogger(OneDnn.class).info("oneDNN's presets (org.bytedeco:dnnl) did not load ({});"
            + " convolutions and pools take libnd4j's ops.", failure);
      }
      FAILURE = failure;
      ENGINE = e;
    }
  }

  /**
   * Whether oneDNN's kernels run with AVX-512 on this processor (its effective ISA includes {@code avx512_core}); false
   * when its natives did not load.
   */
  static boolean avx512() {
    if (Loaded.ENGINE == null) return false;
    return (dnnl.dnnl_get_effective_cpu_isa() & dnnl.dnnl_cpu_isa_avx512_core) == dnnl.dnnl_cpu_isa_avx512_core;
  }

  /** One primitive and its arguments: a step of a pass. */
  record PrimitiveCall(primitive primitive, IntMemoryMap args) {}

  /** Runs a pass's steps in order on {@code stream}. */
  static void run(stream stream, PrimitiveCall[] steps) {
    for (PrimitiveCall t : steps) t.primitive().execute(stream, t.args());
  }

  static void requireLoaded(String who) {
    if (Loaded.ENGINE == null) {
      throw new IllegalStateException(who + ": oneDNN's natives (org.bytedeco:dnnl, classifier "
          + NativeBuild.platform() + ") did not load: " + Loaded.FAILURE + ". Put them on the class path, or run"
          + " -Dmlmp.nn.convBackward=auto to take libnd4j's ops.");
    }
  }

  /** {@code a} as oneDNN memory of layout {@code d}: the same host memory, read and written in place. */
  static memory wrap(memory.desc d, INDArray a) {
    return new memory(d, Loaded.ENGINE, new FloatPointer(a.data().addressPointer()));
  }

  /** An argument map from (DNNL_ARG_..., memory) pairs. */
  static IntMemoryMap args(Object... pairs) {
    IntMemoryMap m = new IntMemoryMap();
    for (int i = 0; i < pairs.length; i += 2) m.put((Integer) pairs[i], (memory) pairs[i + 1]);
    return m;
  }

  /** FLOAT host memory holding {@code shape} in row order, one run of its buffer; else the array and shapes named. */
  static void check(String who, String name, INDArray a, long[] shape) {
    HostBlas.requireHostBuffer(a, DataType.FLOAT, who + " (" + name + ")");
    if (!Arrays.equals(a.shape(), shape) || !HostBlas.rowMajorRun(a)) {
      throw new IllegalArgumentException(who + ": " + name + " must hold " + Arrays.toString(shape)
          + " in row order, one run of its buffer. Got shape " + Arrays.toString(a.shape()) + ", strides "
          + Arrays.toString(a.stride()) + "; pass a C-ordered array of that shape (dup('c')).");
    }
  }

  /** The shape of an activation array: {@code [B, H, W, C]} channels-last, else {@code [B, C, H, W]}. */
  static long[] shape(long batch, long channels, long height, long width, boolean channelsLast) {
    return channelsLast ? new long[] {batch, height, width, channels} : new long[] {batch, channels, height, width};
  }

  /** Each value at least 1, else an error naming {@code who}, the value's name and the value. */
  static void requirePositive(String who, String[] names, long... values) {
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 1) {
        throw new IllegalArgumentException(who + ": " + names[i] + " must be >= 1. Got " + values[i] + " instead.");
      }
    }
  }

  /** oneDNN's logical NCHW dimensions of an activation. */
  static memory.desc activations(long batch, long channels, long height, long width, boolean channelsLast) {
    return new memory.desc(new long[] {batch, channels, height, width}, memory.data_type.f32,
        channelsLast ? memory.format_tag.nhwc : memory.format_tag.nchw);
  }
}
