package org.mlmp.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.io.ModelFile;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;

class ReinforceTest {
  static Network policyNetwork() {
    return Network.of(Shape.vector(16), Loss.CROSS_ENTROPY, Dense.of(16, Activation.TANH),
        Dense.of(4, Activation.SOFTMAX));
  }

  static Reinforce reinforce(long seed) {
    return Reinforce.of(policyNetwork(), Optimizer.Adam.of(0.03)).withGamma(1.0).withBatches(150).withMaxSteps(20)
        .withSeed(seed);
  }

  @Test
  void learnsTheOptimalPolicyOfTheGridWorld() {
    GridWorld g = GridWorld.small();
    Reinforce.Result r = reinforce(1).fit(GridWorld::small);
    ValueIteration.Solution exact = ValueIteration.solve(g, 1.0, 1e-12, 1000);
    for (int s = 0; s < 16; s++) {
      if (g.isTerminal(s)) continue;
      int a = r.policy().greedy(g.encode(s));
      assertTrue(exact.optimal()[s][a], "state " + s + ": greedy action " + GridWorld.ACTION_NAMES[a]
          + " is not optimal; π = " + java.util.Arrays.toString(r.policy().probabilities(g.encode(s))));
    }
    double[] curve = r.meanReward();
    double first = 0, last = 0;
    for (int b = 0; b < 10; b++) {
      first += curve[b] / 10;
      last += curve[curve.length - 1 - b] / 10;
    }
    assertTrue(last > first + 5, "mean reward should rise: first batches " + first + ", last " + last);
    // the optimal mean reward from a uniform start over the 12 free cells is the mean of V*: −38/12 ≈ −3.17
    assertTrue(last > -3.17 - 0.8, "last batches' mean reward " + last);
  }

  @Test
  void sameSeedSamePolicyAndSaveLoadKeepsIt(@TempDir Path dir) throws Exception {
    Reinforce short1 = Reinforce.of(policyNetwork(), Optimizer.Adam.of(0.02)).withGamma(1.0).withEpisodesPerBatch(4)
        .withBatches(5).withMaxSteps(10).withSeed(3);
    NetworkPolicy a = short1.fit(GridWorld::small).policy(), b = short1.fit(GridWorld::small).policy();
    assertArrayEquals(a.parameters(), b.parameters(), 0.0);
    Path f = dir.resolve("policy.mlmp");
    ModelFile.save(a, f);
    NetworkPolicy back = ModelFile.load(f, NetworkPolicy.class);
    GridWorld g = GridWorld.small();
    for (int s = 0; s < 16; s++) assertArrayEquals(a.probabilities(g.encode(s)), back.probabilities(g.encode(s)), 0.0);
  }

  @Test
  void theJavaForwardPassEqualsTheEngines() {
    NetworkPolicy p = Reinforce.of(policyNetwork(), Optimizer.Adam.of(0.02)).withGamma(1.0).withEpisodesPerBatch(4)
        .withBatches(3).withMaxSteps(10).withSeed(5)
        .fit(GridWorld::small).policy();
    java.util.Random r = new java.util.Random(1);
    for (int t = 0; t < 5; t++) {
      double[] s = new double[16];
      for (int i = 0; i < 16; i++) s[i] = r.nextGaussian();
      assertArrayEquals(p.probabilitiesByEngine(s), p.probabilities(s), 1e-12);
    }
  }

  @Test
  void badConfigurationsAreExplained() {
    assertEquals("The 'gamma' parameter of Reinforce must be in the range [0, 1]. Got -0.1 instead.",
        assertThrows(IllegalArgumentException.class,
            () -> Reinforce.of(policyNetwork(), Optimizer.Adam.of(0.01)).withGamma(-0.1).withEpisodesPerBatch(1)
                .withBatches(1).withMaxSteps(1)).getMessage());
    assertEquals("The 'episodesPerBatch' parameter of Reinforce must be an int >= 1. Got 0 instead.",
        assertThrows(IllegalArgumentException.class,
            () -> Reinforce.of(policyNetwork(), Optimizer.Adam.of(0.01)).withGamma(0.9).withEpisodesPerBatch(0)
                .withBatches(1).withMaxSteps(1)).getMessage());
    Network regression = Network.of(Shape.vector(16), Loss.SQUARED_ERROR, Dense.of(4, Activation.IDENTITY));
    String msg = assertThrows(IllegalArgumentException.class,
        () -> Reinforce.of(regression, Optimizer.Adam.of(0.01)).withGamma(0.9).withEpisodesPerBatch(1).withBatches(1)
            .withMaxSteps(1)).getMessage();
    assertTrue(msg.startsWith("The policy network of Reinforce must end in Dense(actions, SOFTMAX) with "
        + "Loss.CROSS_ENTROPY"), msg);
    Network wrongSize = Network.of(Shape.vector(9), Loss.CROSS_ENTROPY, Dense.of(4, Activation.SOFTMAX));
    assertEquals("The policy network maps 9 inputs to 4 actions, but the environment has states of size 16 and 4 "
        + "actions.", assertThrows(IllegalArgumentException.class,
        () -> Reinforce.of(wrongSize, Optimizer.Adam.of(0.01)).withGamma(0.9).withEpisodesPerBatch(1).withBatches(1)
            .withMaxSteps(1).fit(GridWorld::small))
        .getMessage());
  }
}
