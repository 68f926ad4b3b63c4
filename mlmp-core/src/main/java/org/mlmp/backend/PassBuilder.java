package org.mlmp.backend;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_FROM;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_TO;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.reorder;
import org.mlmp.backend.OneDnn.PrimitiveCall;

/**
 * Builds the passes of a layer on oneDNN's primitives ({@link HostConvolution}, {@link HostPooling}): each step a
 * primitive with its arguments, with reorders into and out of oneDNN's layouts where they differ from the arrays'. It
 * keeps every native object the steps point to, so a layer that keeps its builder keeps them alive as long as itself.
 */
final class PassBuilder {
  private final List<Object> keep = new ArrayList<>();

  /** Keeps these objects (arrays, descriptors, memories; nulls ignored) alive with the builder. */
  void keep(Object... objects) {
    Arrays.stream(objects).filter(o -> o != null).forEach(keep::add);
  }

  /** A step: primitive {@code p} with the (DNNL_ARG_..., memory) pairs as its arguments. */
  PrimitiveCall call(primitive p, Object... pairs) {
    keep.add(p);
    return new PrimitiveCall(p, OneDnn.args(pairs));
  }

  /** {@code user} itself when it has layout {@code want}, else a new buffer of that layout. */
  memory own(memory user, memory.desc want) {
    if (want.equals(user.get_desc())) return user;
    memory m = new memory(want, OneDnn.Loaded.ENGINE);
    keep.add(m);
    return m;
  }

  /** {@link #own}, with a step reordering {@code user} into the new buffer when there is one. */
  memory into(memory user, memory.desc want, List<PrimitiveCall> steps) {
    memory m = own(user, want);
    if (m != user) steps.add(reorder(user, m));
    return m;
  }

  /** A step reordering {@code result} out into {@code user} when they are not the same memory (see {@link #into}). */
  void out(memory result, memory user, List<PrimitiveCall> steps) {
    if (result != user) steps.add(reorder(result, user));
  }

  private PrimitiveCall reorder(memory from, memory to) {
    return call(new reorder(from, to), DNNL_ARG_FROM, from, DNNL_ARG_TO, to);
  }
}
