package org.mlmp.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Images processed, reported by JMH as a rate (img/s). A benchmark method takes it as a parameter and adds
 * its batch size per step ({@code @OperationsPerInvocation} is a compile-time constant and cannot follow
 * the {@code batchSize} parameter).
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ImagesCounter {
  public long images;

  @Setup(Level.Iteration)
  public void reset() {
    images = 0;
  }
}
