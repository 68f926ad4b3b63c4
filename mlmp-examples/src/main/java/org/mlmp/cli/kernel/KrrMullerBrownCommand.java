package org.mlmp.cli.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.mlmp.Mlmp;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import org.mlmp.cli.plots.LearningCurvePlot;
import org.mlmp.api.Dataset;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.LearningCurve;
import org.mlmp.molecular.Cartesian;
import org.mlmp.molecular.KrrPotential;
import org.mlmp.molecular.LearnedPotential;
import org.mlmp.molecular.MullerBrown;
import org.mlmp.molecular.Samples;
import org.mlmp.molecular.Sampling;
import org.mlmp.molecular.VelocityVerlet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp krr-muller-brown}: learns the Müller–Brown surface by kernel ridge regression (Gaussian
 * kernel on the coordinates), prints energy and force errors, a learning curve and the energy drift of
 * a velocity-Verlet run on the learned surface, and writes PNGs of the true and learned surfaces and
 * of the learning curve.
 */
@Command(name = "krr-muller-brown", mixinStandardHelpOptions = true,
    description = "Kernel ridge regression of the Müller–Brown potential: errors, learning curve, MD drift, PNGs.")
public final class KrrMullerBrownCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--train", paramLabel = "N", defaultValue = "400", description = "Training samples (default: ${DEFAULT-VALUE}).")
  int train;

  @Option(names = "--test", paramLabel = "N", defaultValue = "1000", description = "Test samples (default: ${DEFAULT-VALUE}).")
  int test;

  @Option(names = "--sampling", defaultValue = "uniform",
      description = "uniform (in the box, E < 100) or boltzmann (Metropolis at --kT) (default: ${DEFAULT-VALUE}).")
  String sampling;

  @Option(names = "--kT", paramLabel = "kT", defaultValue = "20", description = "Temperature for --sampling boltzmann, energy units (default: ${DEFAULT-VALUE}).")
  double kT;

  @Option(names = "--sigma", paramLabel = "σ", defaultValue = "0.3", description = "Gaussian kernel width σ (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--lambda", paramLabel = "λ", defaultValue = "1e-8", description = "Regularisation λ (default: ${DEFAULT-VALUE}).")
  double lambda;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = Cli.OUT + "/krr-muller-brown", description = "Folder for the PNGs (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  static final double[] LO = {-1.5, -0.2}, HI = {1.2, 2.0};

  @Override
  public Integer call() throws Exception {
    if (train < 10 || test < 1) {
      throw new IllegalArgumentException("--train must be >= 10 and --test >= 1. Got " + train + " and " + test + ".");
    }
    Mlmp.init();
    MullerBrown mb = MullerBrown.of();
    int total = train + test;
    Samples all = switch (sampling) {
      case "uniform" -> Sampling.uniform(mb, LO, HI, total, 100, seed);
      case "boltzmann" -> Sampling.metropolis(mb, MullerBrown.MINIMA[0], kT, 0.1, total, 20, 2000, seed).samples();
      default -> throw new IllegalArgumentException("--sampling must be uniform or boltzmann. Got '" + sampling
          + "' instead.");
    };
    Samples tr = all.head(train), te = all.rows(IntStream.range(train, total).toArray());
    KrrPotential krr = KrrPotential.of(Cartesian.of(2), Gaussian.of(sigma), lambda);
    LearnedPotential learned = krr.fit(tr);
    LearnedPotential.Errors err = learned.errors(te);

    int[] sizes = IntStream.of(25, 50, 100, 200, 400, 800, 1600).filter(n -> n < train).toArray();
    sizes = IntStream.concat(IntStream.of(sizes), IntStream.of(train)).toArray();
    Dataset trainSet = tr.toDataset(), testSet = te.toDataset();
    // the learning curve fits E − Ē like KrrPotential: subtract the training mean from both sets
    double mean = java.util.Arrays.stream(tr.energies()).average().orElse(0);
    LearningCurve curve = LearningCurve.of(KernelRidge.of(Gaussian.of(sigma), lambda), shift(trainSet, -mean),
        shift(testSet, -mean), sizes, seed);
    spec.commandLine().getErr().print(curve.toTable());
    spec.commandLine().getErr().flush();

    // MD on the learned surface from the deepest minimum with kinetic energy 10
    VelocityVerlet.Trajectory traj = VelocityVerlet.of(1e-3, 1).run(learned, MullerBrown.MINIMA[0],
        new double[] {Math.sqrt(10), Math.sqrt(10)}, 2000);

    Path trueSurface = out.resolve("muller-brown-true.png"), learnedSurface = out.resolve("muller-brown-learned.png");
    Path curvePng = out.resolve("learning-curve.png");
    SurfaceImage.write(trueSurface, "Müller–Brown potential (true)", (x, y) -> mb.energy(new double[] {x, y}), LO[0],
        HI[0], LO[1], HI[1], -150, 100, 20, null);
    SurfaceImage.write(learnedSurface, "KRR surface, N = " + train + ", σ = " + sigma + ", λ = " + lambda,
        (java.util.function.Function<double[][], double[]>) learned::energies, LO[0], HI[0], LO[1], HI[1], -150, 100, 20, tr.positions());
    LearningCurvePlot.write(curve, curvePng, "KRR learning curve, Müller–Brown", "energy units");

    ObjectNode json = Cli.object();
    json.put("potential", "muller-brown");
    json.put("sampling", sampling);
    json.put("nTrain", train);
    json.put("nTest", test);
    json.put("sigma", sigma);
    json.put("lambda", lambda);
    json.put("energyMae", err.energyMae());
    json.put("energyRmse", err.energyRmse());
    json.put("forceMae", err.forceMae());
    json.put("forceRmse", err.forceRmse());
    ArrayNode lc = json.putArray("learningCurve");
    for (LearningCurve.Point p : curve.points()) {
      ObjectNode o = lc.addObject();
      o.put("nTrain", p.nTrain());
      o.put("testMae", p.testMae());
      o.put("testRmse", p.testRmse());
    }
    json.put("learningCurveSlope", curve.slope());
    ObjectNode md = json.putObject("md");
    md.put("steps", 2000);
    md.put("timeStep", 1e-3);
    md.put("driftPerStep", traj.driftPerStep());
    md.put("maxEnergyDeviation", traj.maxDeviation());
    md.put("initialEnergy", traj.totalEnergy()[0]);
    ArrayNode pngs = json.putArray("png");
    for (Path p : new Path[] {trueSurface, learnedSurface, curvePng}) pngs.add(p.toString());
    Cli.printJson(spec.commandLine().getOut(), json);
    return 0;
  }

  static Dataset shift(Dataset d, double by) {
    return new Dataset(d.x(), d.y().addi(by), d.featureNames(), d.targetName());
  }
}
