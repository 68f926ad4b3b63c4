package org.mlmp.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link RowBlocks#of}: the blocks of a {@link Dataset} in memory, visited one after another. */
final class InMemoryRowBlocks implements RowBlocks {
  private final Dataset data;
  private final int blockRows;
  /** The targets, copied once (null without targets), and the data type of the feature blocks. */
  private final INDArray y;
  private final DataType dtype;

  InMemoryRowBlocks(Dataset data, int blockRows) {
    this.data = Objects.requireNonNull(data, "RowBlocks.of: the data set must not be null.");
    if (blockRows < 1) {
      throw new IllegalArgumentException("RowBlocks.of: blockRows must be >= 1. Got " + blockRows + " instead.");
    }
    this.blockRows = blockRows;
    this.y = data.y();
    this.dtype = data.x().dataType() == DataType.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
  }

  @Override
  public long rows() {
    return data.nSamples();
  }

  @Override
  public int features() {
    return data.nFeatures();
  }

  @Override
  public boolean hasTargets() {
    return data.hasTargets();
  }

  @Override
  public INDArray rowsAt(int[] indices) {
    return data.rows(indices).x();
  }

  @Override
  public <T extends java.io.Serializable> Shared<T> share(T value) {
    return new Held<>(value);
  }

  /** {@link #share}'s in-memory handle: the value itself. */
  private record Held<T>(T value) implements Shared<T> {}

  @Override
  public <R> List<R> map(BlockFunction<R> f) {
    List<R> out = new ArrayList<>();
    for (int b = 0; b < blockCount(); b++) out.add(f.apply(block(b)));
    return out;
  }

  @Override
  public <R> R reduce(BlockFunction<R> f, java.util.function.BinaryOperator<R> add) {
    R total = f.apply(block(0));
    for (int b = 1; b < blockCount(); b++) total = add.apply(total, f.apply(block(b)));
    return total;
  }

  private int blockCount() {
    return (data.nSamples() + blockRows - 1) / blockRows;
  }

  /** Block b: rows [b·blockRows, min(n, (b + 1)·blockRows)), copied. */
  private RowBlock block(int b) {
    int r0 = b * blockRows, r1 = Math.min(data.nSamples(), r0 + blockRows);
    INDArray x = Nd4j.createUninitialized(dtype, r1 - r0, data.nFeatures());
    data.copyRows(r0, x);
    INDArray yb = y == null ? null : y.rank() == 1 ? y.get(NDArrayIndex.interval(r0, r1)).dup()
        : y.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all()).dup();
    return new RowBlock(b, r0, x, yb);
  }
}
