package org.mlmp.cli.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.mlmp.Mlmp;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import org.mlmp.kernel.Gaussian;
import org.mlmp.molecular.InverseDistances;
import org.mlmp.molecular.KrrPotential;
import org.mlmp.molecular.LearnedPotential;
import org.mlmp.molecular.LennardJones;
import org.mlmp.molecular.Samples;
import org.mlmp.molecular.Sampling;
import org.mlmp.molecular.VelocityVerlet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp krr-lennard-jones}: learns the energy of a small Lennard-Jones cluster (reduced units
 * ε = σ = m = 1) from Metropolis samples, with inverse pairwise distances as descriptor; prints energy
 * and force errors and compares velocity-Verlet runs on the learned and the true surface (energy drift
 * per step); writes a PNG of the total energy along both runs.
 */
@Command(name = "krr-lennard-jones", mixinStandardHelpOptions = true,
    description = "Kernel ridge regression of a Lennard-Jones cluster (reduced units): errors, forces, MD energy drift.")
public final class KrrLennardJonesCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--atoms", paramLabel = "N", defaultValue = "3", description = "Cluster size N (default: ${DEFAULT-VALUE}).")
  int atoms;

  @Option(names = "--train", paramLabel = "N", defaultValue = "300", description = "Training samples (default: ${DEFAULT-VALUE}).")
  int train;

  @Option(names = "--test", paramLabel = "N", defaultValue = "300", description = "Test samples (default: ${DEFAULT-VALUE}).")
  int test;

  @Option(names = "--kT", paramLabel = "kT", defaultValue = "0.1", description = "Sampling temperature in ε (default: ${DEFAULT-VALUE}).")
  double kT;

  @Option(names = "--sigma", paramLabel = "σ", defaultValue = "0.2", description = "Gaussian width on inverse distances (default: ${DEFAULT-VALUE}).")
  double sigma;

  @Option(names = "--lambda", paramLabel = "λ", defaultValue = "1e-8", description = "Regularisation λ (default: ${DEFAULT-VALUE}).")
  double lambda;

  @Option(names = "--steps", defaultValue = "2000", description = "MD steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--dt", defaultValue = "0.005", description = "MD time step in σ√(m/ε) (default: ${DEFAULT-VALUE}).")
  double dt;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = Cli.OUT + "/krr-lennard-jones", description = "Folder for the PNG (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (atoms < 2 || atoms > 13) throw new IllegalArgumentException("--atoms must be in [2, 13]. Got " + atoms + ".");
    Mlmp.init();
    LennardJones lj = LennardJones.reduced(atoms);
    double[] start = startingCluster(atoms, new Random(seed));
    Samples all = Sampling.metropolis(lj, start, kT, 0.08 / Math.sqrt(atoms / 3.0), train + test, 20, 5000, seed)
        .samples();
    Samples tr = all.head(train), te = all.rows(IntStream.range(train, train + test).toArray());
    LearnedPotential learned = KrrPotential.of(InverseDistances.of(atoms), Gaussian.of(sigma), lambda).fit(tr);
    LearnedPotential.Errors err = learned.errors(te);

    Random r = new Random(seed + 1);
    double[] v0 = new double[3 * atoms];
    for (int j = 0; j < v0.length; j++) v0[j] = Math.sqrt(kT) * r.nextGaussian();
    double[] q0 = te.positions()[0];
    VelocityVerlet vv = VelocityVerlet.of(dt, 1);
    VelocityVerlet.Trajectory onLearned = vv.run(learned, q0, v0, steps), onTrue = vv.run(lj, q0, v0, steps);

    XYChart chart = new XYChartBuilder().width(640).height(420).title("Velocity Verlet, LJ" + atoms + ", Δt = " + dt)
        .xAxisTitle("step").yAxisTitle("total energy (ε)").build();
    double[] t = IntStream.rangeClosed(0, steps).asDoubleStream().toArray();
    chart.addSeries("learned surface", t, onLearned.totalEnergy()).setMarker(new org.knowm.xchart.style.markers.None());
    chart.addSeries("true surface", t, onTrue.totalEnergy()).setMarker(new org.knowm.xchart.style.markers.None());
    Path png = out.toAbsolutePath().resolve("md-energy.png");
    java.nio.file.Files.createDirectories(png.getParent());
    System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);

    ObjectNode json = Cli.object();
    json.put("potential", "lennard-jones");
    json.put("atoms", atoms);
    json.put("units", "reduced: energy ε, length σ, time σ√(m/ε)");
    json.put("nTrain", train);
    json.put("nTest", test);
    json.put("kT", kT);
    json.put("sigma", sigma);
    json.put("lambda", lambda);
    json.put("energyMae", err.energyMae());
    json.put("energyRmse", err.energyRmse());
    json.put("forceMae", err.forceMae());
    json.put("forceRmse", err.forceRmse());
    ObjectNode md = json.putObject("md");
    md.put("steps", steps);
    md.put("timeStep", dt);
    md.put("learnedDriftPerStep", onLearned.driftPerStep());
    md.put("learnedMaxEnergyDeviation", onLearned.maxDeviation());
    md.put("trueDriftPerStep", onTrue.driftPerStep());
    md.put("trueMaxEnergyDeviation", onTrue.maxDeviation());
    json.put("png", png.toString());
    Cli.printJson(spec.commandLine().getOut(), json);
    return 0;
  }

  /** Atoms on a small close-packed arrangement near the pair minimum 2^(1/6). */
  static double[] startingCluster(int atoms, Random r) {
    double a = Math.pow(2, 1.0 / 6);
    double[][] sites = {{0, 0, 0}, {a, 0, 0}, {a / 2, a * Math.sqrt(3) / 2, 0}, {a / 2, a / (2 * Math.sqrt(3)), a * Math.sqrt(2.0 / 3)},
        {a / 2, a / (2 * Math.sqrt(3)), -a * Math.sqrt(2.0 / 3)}, {-a / 2, a * Math.sqrt(3) / 2, 0}, {3 * a / 2, a * Math.sqrt(3) / 2, 0},
        {0, a * Math.sqrt(3), 0}, {a, a * Math.sqrt(3), 0}, {-a / 2, -a * Math.sqrt(3) / 2, 0}, {a / 2, -a * Math.sqrt(3) / 2, 0},
        {3 * a / 2, -a * Math.sqrt(3) / 2, 0}, {-a, 0, 0}};
    double[] q = new double[3 * atoms];
    for (int i = 0; i < atoms; i++) for (int c = 0; c < 3; c++) q[3 * i + c] = sites[i][c] + 0.01 * r.nextGaussian();
    return q;
  }
}
