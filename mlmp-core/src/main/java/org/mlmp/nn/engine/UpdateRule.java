package org.mlmp.nn.engine;

/**
 * Internal (not API): the update rule {@link Updater} applies, without its learning rate (the rate is a
 * parameter of every {@link Updater#step(double)}, so a schedule changes it without touching the state).
 * {@code org.mlmp.nn.Optimizer} documents the formulas.
 */
public sealed interface UpdateRule permits UpdateRule.Descent, UpdateRule.HeavyBall, UpdateRule.AdaptiveMoments {
  /** w ← w − α g. */
  record Descent() implements UpdateRule {}

  /** v ← μ v − α g, then w ← w + v, or with {@code nesterov} w ← w + μ v − α g. */
  record HeavyBall(double momentum, boolean nesterov) implements UpdateRule {}

  /** Adam (Kingma and Ba 2015) with β₁, β₂, ε. */
  record AdaptiveMoments(double beta1, double beta2, double epsilon) implements UpdateRule {}
}
