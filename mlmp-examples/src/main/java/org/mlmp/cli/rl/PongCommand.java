package org.mlmp.cli.rl;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mlmp.Mlmp;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import org.mlmp.io.ModelFile;
import org.mlmp.nn.Activation;
import org.mlmp.nn.Dense;
import org.mlmp.nn.Loss;
import org.mlmp.nn.Network;
import org.mlmp.nn.Optimizer;
import org.mlmp.nn.Shape;
import org.mlmp.rl.NetworkPolicy;
import org.mlmp.rl.Pong;
import org.mlmp.rl.Reinforce;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp pong}: REINFORCE with a baseline on {@link Pong} from pixel differences, with a policy
 * network of one hidden layer. Prints the mean reward of every batch of points and its running mean,
 * writes the reward curve as a PNG, and can save and resume the policy.
 */
@Command(name = "pong", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Train a Pong player by REINFORCE (policy gradient with a baseline) from frame differences.",
        "Reward per point: +1 won, -1 lost; the untrained policy scores about -0.37."})
public final class PongCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--batches", defaultValue = "4000", description = "Policy updates (default: ${DEFAULT-VALUE}).")
  int batches;

  @Option(names = "--points", defaultValue = "16", description = "Points (episodes) per update (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--hidden", defaultValue = "32", description = "Hidden ReLU units of the policy (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--learning-rate", defaultValue = "0.003", paramLabel = "α", description = "Adam's step α (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--gamma", defaultValue = "0.99", description = "Discount factor γ (default: ${DEFAULT-VALUE}).")
  double gamma;

  @Option(names = "--max-steps", defaultValue = "200", description = "Step limit per point (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--model-file", paramLabel = "FILE", description = "Start from a saved policy (same --hidden).")
  Path modelFile;

  @Option(names = "--save", paramLabel = "FILE", description = "Write the trained policy to FILE.")
  Path save;

  @Option(names = "--out", defaultValue = Cli.OUT + "/pong", paramLabel = "DIR", description = "Where pong-reward.png goes (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** The policy network for a game: pixels → hidden ReLU layer → softmax over up, stay, down. */
  public static Network network(Pong game, int hidden) {
    return Network.of(Shape.vector(game.stateSize()), Loss.CROSS_ENTROPY, Dense.of(hidden, Activation.RELU),
        Dense.of(3, Activation.SOFTMAX));
  }

  @Override
  public Integer call() throws Exception {
    if (hidden < 1) throw new IllegalArgumentException("--hidden must be >= 1. Got " + hidden + " instead.");
    Mlmp.init();
    PrintWriter out = spec.commandLine().getOut();
    Pong game = Pong.standard();
    Network net = network(game, hidden);
    NetworkPolicy start = modelFile == null ? null : ModelFile.load(modelFile, NetworkPolicy.class);
    Reinforce r = Reinforce.of(net, Optimizer.Adam.of(learningRate)).withGamma(gamma).withEpisodesPerBatch(points)
        .withBatches(batches).withMaxSteps(maxSteps).withSeed(seed);
    out.printf("Pong %dx%d from frame differences; policy %d -> %d ReLU -> 3 softmax; %d updates of %d points%s%n",
        game.width(), game.height(), game.stateSize(), hidden, batches, points, modelFile == null ? "" : "; resumed from " + modelFile);
    out.flush();
    long t0 = System.nanoTime();
    double[] running = {Double.NaN};
    Reinforce.Result result = r.fit(Pong::standard, start, (b, mean) -> {
      running[0] = Double.isNaN(running[0]) ? mean : 0.9 * running[0] + 0.1 * mean;
      out.printf("batch %4d/%d: mean reward %+.3f, running mean %+.3f, %.1f s%n", b + 1, batches, mean, running[0],
          (System.nanoTime() - t0) / 1e9);
      out.flush();
    });
    Files.createDirectories(outDir);
    double[] curve = result.meanReward();
    double[] xs = new double[curve.length], smooth = new double[curve.length];
    double acc = curve[0];
    for (int i = 0; i < curve.length; i++) {
      xs[i] = i + 1;
      acc = i == 0 ? curve[0] : 0.9 * acc + 0.1 * curve[i];
      smooth[i] = acc;
    }
    XYChart chart = new XYChartBuilder().width(800).height(500).title("REINFORCE on Pong: mean reward per batch of "
        + points + " points").xAxisTitle("batch").yAxisTitle("mean reward").build();
    chart.addSeries("batch mean", xs, curve).setMarker(SeriesMarkers.NONE);
    chart.addSeries("running mean (0.9)", xs, smooth).setMarker(SeriesMarkers.NONE);
    Path png = outDir.resolve("pong-reward.png");
    BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    out.printf("final running mean reward %+.3f after %d points in %.1f s; reward curve %s%n", running[0],
        batches * points, (System.nanoTime() - t0) / 1e9, png);
    if (save != null) {
      ModelFile.save(result.policy(), save);
      out.println("policy saved to " + save);
    }
    return 0;
  }
}
