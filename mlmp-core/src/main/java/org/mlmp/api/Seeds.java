package org.mlmp.api;

/**
 * The one seed-derivation function of mlmp: SplitMix64's output function (S. Vigna, {@code splitmix64.c}; the same
 * arithmetic as Java's {@code SplittableRandom}). Every derived seed — a training step's dropout seed, an example's
 * mask row, a cross-validation task's seed — is built from {@link #mix64} and {@link #GAMMA} in 64-bit wrapping
 * arithmetic, so the derivations written in their Javadoc can be reproduced outside mlmp.
 */
public final class Seeds {
  /** SplitMix64's increment γ = 0x9E3779B97F4A7C15 (2⁶⁴/φ rounded to odd). */
  public static final long GAMMA = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  /**
   * SplitMix64's finaliser: z ^= z ≫ 30; z *= 0xBF58476D1CE4E5B9; z ^= z ≫ 27; z *= 0x94D049BB133111EB;
   * z ^= z ≫ 31 (unsigned shifts).
   *
   * @param z any 64-bit value
   * @return its mix, a bijection of the 64-bit values
   */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
