package org.mlmp.cli.kernel;

import org.mlmp.cli.DemoStep;
import org.mlmp.cli.DemoCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.IntStream;
import org.mlmp.cli.plots.LearningCurvePlot;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.KernelRidge;
import org.mlmp.kernelmethods.LearningCurve;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;
import org.mlmp.molecular.Cartesian;
import org.mlmp.molecular.KrrPotential;
import org.mlmp.molecular.LearnedPotential;
import org.mlmp.molecular.MullerBrown;
import org.mlmp.molecular.Samples;
import org.mlmp.molecular.Sampling;
import org.mlmp.molecular.VelocityVerlet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Tour stop 200: kernel ridge regression of the Müller–Brown surface (errors, learning curve, MD on the
 * learned surface) and a Gaussian SVM on two half-moons, with PNGs under {@code <out>/kernels}.
 */
public final class KernelDemoStep implements DemoStep {
  @Override
  public int order() {
    return 200;
  }

  @Override
  public String title() {
    return "Kernel methods: KRR of the Müller–Brown potential, an SVM on two moons";
  }

  @Override
  public void run(DemoCommand.Context context, PrintWriter out) throws Exception {
    Path dir = context.outDir().resolve("kernels");
    MullerBrown mb = MullerBrown.of();
    Samples all = Sampling.uniform(mb, KrrMullerBrownCommand.LO, KrrMullerBrownCommand.HI, 1300, 100, 0);
    Samples tr = all.head(300), te = all.rows(IntStream.range(300, 1300).toArray());
    LearnedPotential p = KrrPotential.of(Cartesian.of(2), Gaussian.of(0.3), 1e-8).fit(tr);
    out.println("KRR, Gaussian σ = 0.3, λ = 1e-8, 300 uniform samples with E < 100; on 1000 test samples:");
    out.println("  " + p.errors(te));
    double mean = java.util.Arrays.stream(tr.energies()).average().orElse(0);
    LearningCurve curve = LearningCurve.of(KernelRidge.of(Gaussian.of(0.3), 1e-8),
        KrrMullerBrownCommand.shift(tr.toDataset(), -mean), KrrMullerBrownCommand.shift(te.toDataset(), -mean),
        new int[] {25, 50, 100, 200, 300}, 0);
    out.print(curve.toTable());
    VelocityVerlet.Trajectory t = VelocityVerlet.of(1e-3, 1).run(p, MullerBrown.MINIMA[0],
        new double[] {Math.sqrt(10), Math.sqrt(10)}, 1000);
    out.printf(Locale.ROOT, "velocity Verlet on the learned surface, 1000 steps of 1e-3: drift %.2e per step,"
        + " max |ΔE| %.2e (E = %.2f)%n", t.driftPerStep(), t.maxDeviation(), t.totalEnergy()[0]);
    SurfaceImage.write(dir.resolve("muller-brown-learned.png"), "KRR surface, N = 300",
        (java.util.function.Function<double[][], double[]>) p::energies, -1.5, 1.2, -0.2, 2.0, -150, 100, 20,
        tr.positions());
    LearningCurvePlot.write(curve, dir.resolve("learning-curve.png"), "KRR learning curve, Müller–Brown", "energy units");

    Dataset moons = SvmCommand.moons(200, 0.2, 0);
    Partition.Split split = Partition.split(200, 0, 0.3, 0);
    SvmModel svm = Svm.of(Gaussian.of(0.3), 10).fit(moons.rows(split.train()));
    Dataset test = moons.rows(split.test());
    out.printf(Locale.ROOT, "SVM, Gaussian σ = 0.3, C = 10, two moons: %d support vectors of %d, test accuracy %.3f%n",
        svm.supportIndices().length, split.train().length, svm.accuracy(test.x(), test.y()));
    Dataset moonsTrain = moons.rows(split.train());
    double[][] xy = moonsTrain.x().toDoubleMatrix();
    double[] lab = moonsTrain.y().toDoubleVector();
    double[][] pts = new double[xy.length][];
    for (int i = 0; i < xy.length; i++) pts[i] = new double[] {xy[i][0], xy[i][1], lab[i]};
    SurfaceImage.write(dir.resolve("svm-decision-boundary.png"), "SVM decision function (red: boundary)",
        (java.util.function.Function<double[][], double[]>) q -> svm.decisionFunction(Nd4j.createFromArray(q))
            .toDoubleVector(), -1.5, 2.5, -1.0, 1.5, -3, 3, 1, pts, true);
    out.println("plots: " + dir.toAbsolutePath());
    out.flush();
  }
}
