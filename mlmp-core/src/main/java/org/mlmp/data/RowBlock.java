package org.mlmp.data;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One block of consecutive rows of a data set, as {@link RowBlocks} hands it to a block function.
 *
 * @param index the block's index, 0 for the first rows
 * @param firstRow the global index of the block's first row
 * @param x the block's features {@code [rows, nFeatures]}
 * @param y the block's targets {@code [rows]} or {@code [rows, nTargets]}, or null for data without targets
 */
public record RowBlock(int index, long firstRow, INDArray x, INDArray y) {
  /**
   * Validates the shapes.
   *
   * @param index the block's index, 0 for the first rows
   * @param firstRow the global index of the block's first row
   * @param x the block's features {@code [rows, nFeatures]}
   * @param y the block's targets {@code [rows]} or {@code [rows, nTargets]}, or null for data without targets
   * @throws IllegalArgumentException for a negative index or first row, x not a matrix, or y with another row count
   */
  public RowBlock {
    if (index < 0 || firstRow < 0) {
      throw new IllegalArgumentException("A RowBlock's index and first row must be >= 0. Got index " + index
          + ", first row " + firstRow + " instead.");
    }
    if (x == null || x.rank() != 2) {
      throw new IllegalArgumentException("A RowBlock's x must be a matrix [rows, nFeatures]. Got "
          + (x == null ? "null" : Arrays.toString(x.shape())) + " instead.");
    }
    if (y != null && y.size(0) != x.rows()) {
      throw new IllegalArgumentException("A RowBlock's y " + Arrays.toString(y.shape()) + " must have as many rows as"
          + " x " + Arrays.toString(x.shape()) + ".");
    }
  }

  /**
   * The number of rows.
   *
   * @return {@code x().rows()}
   */
  public int rows() {
    return (int) x.rows();
  }
}
