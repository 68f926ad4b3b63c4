package org.mlmp.cli.rl;

import java.io.PrintWriter;
import org.mlmp.cli.DemoCommand;
import org.mlmp.cli.DemoStep;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.rl.GridWorld;
import org.mlmp.rl.Reinforce;
import org.mlmp.rl.ValueIteration;

/** Tour stop 450: a grid world solved exactly by value iteration and learned by REINFORCE. */
public final class GridWorldDemoStep implements DemoStep {
  @Override
  public int order() {
    return 450;
  }

  @Override
  public String title() {
    return "Reinforcement learning: a grid world, exactly (value iteration) and by REINFORCE with a policy network";
  }

  @Override
  public void run(DemoCommand.Context context, PrintWriter out) {
    GridWorld g = GridWorld.small();
    ValueIteration.Solution exact = ValueIteration.solve(g, 1.0, 1e-12, 1000);
    Network net = Network.of(Shape.vector(16), Loss.CROSS_ENTROPY, Dense.of(16, Activation.TANH),
        Dense.of(4, Activation.SOFTMAX));
    Reinforce.Result r = Reinforce.of(net, Optimizer.Adam.of(0.03)).withGamma(1.0).withBatches(150).withMaxSteps(20)
        .withSeed(1).fit(GridWorld::small);
    out.println("Reward -1 per step, goal G; walls #. V*(s) = -(steps to G); arrows: the learned greedy policy");
    out.println("(* marks a cell where it is not optimal).");
    String[] arrows = {"^", ">", "v", "<"};
    int wrong = 0;
    for (int row = 0; row < g.height(); row++) {
      StringBuilder values = new StringBuilder(), policy = new StringBuilder();
      for (int col = 0; col < g.width(); col++) {
        int s = row * g.width() + col;
        if (g.isWall(s)) {
          values.append("   #");
          policy.append("  # ");
        } else if (g.isTerminal(s)) {
          values.append("   G");
          policy.append("  G ");
        } else {
          values.append(String.format("%4.0f", exact.values()[s]));
          int a = r.policy().greedy(g.encode(s));
          boolean ok = exact.optimal()[s][a];
          if (!ok) wrong++;
          policy.append("  ").append(arrows[a]).append(ok ? " " : "*");
        }
      }
      out.println(values + "      " + policy);
    }
    double[] c = r.meanReward();
    out.printf("mean reward per episode: first batch %.2f, last batch %.2f (optimum from a uniform start %.2f); "
        + "%d non-optimal cells%n", c[0], c[c.length - 1], -38.0 / 12, wrong);
    out.flush();
  }
}
