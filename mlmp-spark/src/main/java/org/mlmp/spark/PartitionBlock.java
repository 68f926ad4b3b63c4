package org.mlmp.spark;

import java.io.Serializable;

/**
 * One partition's training rows: rows {@code first .. first + rows − 1} of the prepared (scaled, encoded) training
 * set, row-major, in float (what the engine computes in). Plain arrays, so Spark's Java serialisation moves them
 * without mlmp or ND4J classes.
 *
 * @param first the index of the block's first row in the training set
 * @param rows the number of rows
 * @param x the inputs, {@code rows × inputs} values, row-major
 * @param inputs values per input row
 * @param t the encoded targets, {@code rows × outputs} values, row-major
 * @param outputs values per target row
 */
record PartitionBlock(int first, int rows, float[] x, int inputs, float[] t, int outputs) implements Serializable {
  /** Whether global row {@code index} is in this block. */
  boolean holds(int index) {
    return index >= first && index < first + rows;
  }

  /** Copies the block's row {@code local} into row {@code row} of the row-major batch arrays xs and ts. */
  void copyRow(int local, int row, float[] xs, float[] ts) {
    System.arraycopy(x, local * inputs, xs, row * inputs, inputs);
    System.arraycopy(t, local * outputs, ts, row * outputs, outputs);
  }
}
