package org.mlmp.data;

import java.io.Serializable;
import java.util.List;
import java.util.function.Function;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A data set cut into blocks of consecutive rows, for algorithms that visit all rows without holding an
 * n × n (or n × m) matrix: each pass computes one contribution per block and combines them <em>in block-index
 * order</em> (so a floating-point sum is the same however and wherever the blocks ran). The in-memory
 * implementation {@link #of(Dataset, int)} runs the blocks one after another; a distributed implementation
 * (mlmp-spark: one partition per block) runs them as tasks and returns the same list.
 *
 * <p>Contract: block b holds rows [{@code firstRow_b}, {@code firstRow_b + rows_b}); the blocks cover the rows
 * in order without gaps; {@link #map} returns the results ordered by block index; the partition into blocks
 * is the same on every pass.
 */
public interface RowBlocks {
  /**
   * A function applied to every block; serialisable, so that a distributed implementation can send it to
   * the workers (implementations in mlmp capture only numbers, arrays and JSON text).
   *
   * @param <R> the block's contribution
   */
  interface BlockFunction<R> extends Function<RowBlock, R>, Serializable {}

  /**
   * A value that every block function of the following passes reads, sent to the workers once rather than with
   * each pass (a block function holds the handle, not the value): the in-memory implementation holds the value
   * itself; mlmp-spark's is a Spark broadcast, fetched once per executor and released by its {@code close()}.
   *
   * @param <T> the value type
   */
  interface Shared<T> extends Serializable {
    /**
     * The value (on a worker: its copy, fetched on first use).
     *
     * @return the value
     */
    T value();
  }

  /**
   * The number of rows n.
   *
   * @return n >= 1
   */
  long rows();

  /**
   * The number of features d.
   *
   * @return d
   */
  int features();

  /**
   * Whether the rows carry targets.
   *
   * @return true if every block's {@link RowBlock#y()} is non-null
   */
  boolean hasTargets();

  /**
   * The features of the rows at {@code indices} (global row indices), in that order — e.g. to pick landmarks.
   *
   * @param indices row indices in [0, n)
   * @return {@code [indices.length, d]}
   * @throws IndexOutOfBoundsException for an index outside [0, n)
   */
  INDArray rowsAt(int[] indices);

  /**
   * Applies {@code f} to every block.
   *
   * @param <R> the contribution type
   * @param f the block function
   * @return one result per block, ordered by block index
   */
  <R> List<R> map(BlockFunction<R> f);

  /**
   * Applies {@code f} to every block and combines the results left to right in block order,
   * {@code add(add(r0, r1), r2) ...}: the same arithmetic, so the same bits, as summing {@link #map}'s list in order.
   * The in-memory implementation adds each block's result as it comes, so it holds one result and the running total
   * instead of all of them (Nyström's r × r blocks: 128 MB each at r = 4 000); a distributed one gets one result per
   * partition and adds them on the driver in partition-index order.
   *
   * @param <R> the contribution type
   * @param f the block function
   * @param add the combination of a running total (first) and the next block's result
   * @return the combined result
   */
  default <R> R reduce(BlockFunction<R> f, java.util.function.BinaryOperator<R> add) {
    List<R> parts = map(f);
    R total = parts.get(0);
    for (int b = 1; b < parts.size(); b++) total = add.apply(total, parts.get(b));
    return total;
  }

  /**
   * Makes {@code value} available to block functions of later passes without sending it with each pass — e.g.
   * the n × d training rows that every conjugate-gradient product reads. The value must not be modified after
   * this call.
   *
   * @param <T> the value type
   * @param value the value
   * @return the handle block functions hold
   */
  <T extends Serializable> Shared<T> share(T value);

  /**
   * The in-memory, sequential implementation: {@code data} cut into blocks of {@code blockRows} rows (the last
   * may be shorter), visited in order.
   *
   * @param data the data set (its rows are copied per block when visited)
   * @param blockRows rows per block, >= 1
   * @return the blocks
   * @throws IllegalArgumentException for {@code blockRows < 1}
   */
  static RowBlocks of(Dataset data, int blockRows) {
    return new InMemoryRowBlocks(data, blockRows);
  }
}
