package org.mlmp.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeds is SplitMix64: checked against the JDK's own implementation of it, {@link SplittableRandom}. */
class SeedsTest {
  /** SplittableRandom(s).nextLong() is mix64(s + γ), then mix64(s + 2γ), ... (its documented algorithm). */
  @Test
  void equalsTheJdksSplitMix64() {
    for (long s : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x123456789ABCDEFL}) {
      SplittableRandom r = new SplittableRandom(s);
      for (int k = 1; k <= 5; k++) assertEquals(r.nextLong(), Seeds.mix64(s + k * Seeds.GAMMA), "seed " + s + ", draw " + k);
    }
  }
}
