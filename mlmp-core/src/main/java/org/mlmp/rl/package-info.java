/**
 * Reinforcement learning in the course's vocabulary: an {@link org.mlmp.rl.Environment} with states s_n,
 * an agent choosing actions a_n by a {@link org.mlmp.rl.Policy} P(s_n) → a_n, rewards R(s_n),
 * {@link org.mlmp.rl.Episode}s and their discounted returns.
 *
 * <ul>
 *   <li>{@link org.mlmp.rl.GridWorld}: a small grid that {@link org.mlmp.rl.ValueIteration} solves exactly;
 *   <li>{@link org.mlmp.rl.Reinforce}: the REINFORCE policy gradient with a baseline, on a policy network of
 *       {@link org.mlmp.nn} ({@link org.mlmp.rl.NetworkPolicy}).
 * </ul>
 *
 * <p>Reference: R. S. Sutton and A. G. Barto, <i>Reinforcement Learning: An Introduction</i>, 2nd ed.
 * (2018), ch. 3, 4 and 13; R. J. Williams, Machine Learning 8, 229–256 (1992).
 */
package org.mlmp.rl;
