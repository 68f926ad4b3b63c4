package org.mlmp.cli.unsupervised;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.mlmp.Mlmp;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import org.mlmp.cluster.KMeans;
import org.mlmp.cluster.KMeansModel;
import org.mlmp.cluster.Silhouette;
import org.mlmp.api.Dataset;
import org.mlmp.decomposition.Pca;
import org.mlmp.decomposition.PcaModel;
import org.mlmp.density.GaussianMixture;
import org.mlmp.density.GaussianMixtureModel;
import org.mlmp.molecular.LennardJones;
import org.mlmp.molecular.MullerBrown;
import org.mlmp.molecular.Sampling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp conformations}: unsupervised learning on molecular configurations.
 *
 * <ol>
 *   <li>A Metropolis trajectory on the Müller–Brown surface; its metastable states found by k-means (k = 3)
 *       and by a Gaussian mixture (k chosen by BIC among 1…5), compared with the potential's three minima.
 *   <li>A PCA of Lennard-Jones cluster configurations sampled by Metropolis, described by their sorted
 *       interatomic distances (invariant under translation, rotation and relabelling of the atoms).
 * </ol>
 *
 * Prints a summary and writes {@code muller-brown-states.png} and {@code lennard-jones-pca.png}.
 */
@Command(name = "conformations", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Metastable states of a Müller–Brown trajectory by k-means and a Gaussian mixture; "
        + "PCA of Lennard-Jones cluster configurations. Prints a summary and writes PNG plots."})
public final class ConformationsCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--samples", paramLabel = "N", defaultValue = "4000", description = "Müller–Brown trajectory frames (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--kT", paramLabel = "kT", defaultValue = "15", description = "Müller–Brown temperature in its energy units (default: ${DEFAULT-VALUE}).")
  double kT;

  @Option(names = "--atoms", paramLabel = "N", defaultValue = "7", description = "Atoms in the Lennard-Jones cluster (default: ${DEFAULT-VALUE}).")
  int atoms;

  @Option(names = "--lj-samples", defaultValue = "1000", description = "Lennard-Jones configurations (default: ${DEFAULT-VALUE}).")
  int ljSamples;

  @Option(names = "--lj-kT", defaultValue = "0.15", description = "Lennard-Jones temperature in units of ε (default: ${DEFAULT-VALUE}).")
  double ljKT;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", defaultValue = Cli.OUT + "/conformations", paramLabel = "DIR",
      description = "Where the plots are written (default: ${DEFAULT-VALUE}).")
  Path outDir;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (samples < 50) throw new IllegalArgumentException("--samples must be >= 50. Got " + samples + " instead.");
    if (ljSamples < 10) throw new IllegalArgumentException("--lj-samples must be >= 10. Got " + ljSamples + " instead.");
    if (atoms < 3) throw new IllegalArgumentException("--atoms must be >= 3. Got " + atoms + " instead.");
    Mlmp.init();
    Files.createDirectories(outDir);
    PrintWriter out = spec.commandLine().getOut();
    mullerBrown(out);
    out.println();
    lennardJones(out);
    out.flush();
    return 0;
  }

  private void mullerBrown(PrintWriter out) throws Exception {
    MullerBrown mb = MullerBrown.of();
    Sampling.MetropolisRun run = Sampling.metropolis(mb, MullerBrown.MINIMA[0], kT, 0.15, samples, 5, 2000, seed);
    double[][] q = run.samples().positions();
    INDArray x = Nd4j.createFromArray(q);
    Dataset data = Dataset.unlabeled(x);
    out.printf("== Müller–Brown: %d Metropolis frames at kT = %s (acceptance %.2f), started in minimum A%n", samples,
        kT, run.acceptance());

    KMeansModel km = KMeans.of(3).withSeed(seed).fit(data);
    int[] labels = km.labels();
    out.printf("k-means (k = 3): inertia %.4f, silhouette %.3f%n", km.inertia(), Silhouette.score(x, labels));
    INDArray c = km.centers();
    int[] counts = new int[3];
    for (int l : labels) counts[l]++;
    for (int j = 0; j < 3; j++) {
      double[] cj = c.getRow(j).toDoubleVector();
      out.printf("  cluster %d: centre (%7.3f, %7.3f), %5.1f %% of frames, nearest minimum %s%n", j, cj[0], cj[1],
          100.0 * counts[j] / samples, nearestMinimum(cj));
    }

    double bestBic = Double.POSITIVE_INFINITY;
    GaussianMixtureModel best = null;
    StringBuilder bics = new StringBuilder();
    for (int k = 1; k <= 5; k++) {
      GaussianMixtureModel g = GaussianMixture.of(k).withRestarts(3).withSeed(seed).fit(data);
      double bic = g.bic(x);
      bics.append(String.format(" k=%d: %.1f", k, bic));
      if (bic < bestBic) {
        bestBic = bic;
        best = g;
      }
    }
    out.println("Gaussian mixture BIC:" + bics + " -> k = " + best.components());
    INDArray means = best.means();
    double[] w = best.weights();
    for (int j = 0; j < best.components(); j++) {
      double[] mj = means.getRow(j).toDoubleVector();
      out.printf("  component %d: weight %.3f, mean (%7.3f, %7.3f), nearest minimum %s%n", j, w[j], mj[0], mj[1],
          nearestMinimum(mj));
    }
    out.printf("  mean log-likelihood per frame %.4f%n", best.meanLogLikelihood(x));

    XYChart chart = new XYChartBuilder().width(800).height(640).title("Müller–Brown trajectory: k-means states")
        .xAxisTitle("x").yAxisTitle("y").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(3);
    for (int j = 0; j < 3; j++) {
      List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
      for (int i = 0; i < q.length; i++) {
        if (labels[i] != j) continue;
        xs.add(q[i][0]);
        ys.add(q[i][1]);
      }
      if (!xs.isEmpty()) chart.addSeries("cluster " + j, xs, ys);
    }
    for (int j = 0; j < 3; j++) { // a large "+" per minimum (xchart has one marker size per chart)
      double x0 = MullerBrown.MINIMA[j][0], y0 = MullerBrown.MINIMA[j][1], d = 0.06;
      XYSeries plus = chart.addSeries("minimum " + (char) ('A' + j), new double[] {x0 - d, x0 + d, x0, x0, x0},
          new double[] {y0, y0, y0, y0 - d, y0 + d});
      plus.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      plus.setMarker(SeriesMarkers.NONE);
      plus.setLineColor(java.awt.Color.BLACK);
      plus.setLineStyle(new java.awt.BasicStroke(3f));
    }
    chart.addSeries("k-means centres", c.getColumn(0).toDoubleVector(), c.getColumn(1).toDoubleVector())
        .setMarker(SeriesMarkers.CROSS);
    chart.addSeries("GMM means", means.getColumn(0).toDoubleVector(), means.getColumn(1).toDoubleVector())
        .setMarker(SeriesMarkers.TRIANGLE_UP);
    Path png = outDir.resolve("muller-brown-states.png");
    BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    out.println("Plot: " + png);
  }

  /** "A (−0.558, 1.442) at distance 0.031" for the closest of the three minima. */
  static String nearestMinimum(double[] p) {
    int best = 0;
    double bd = Double.POSITIVE_INFINITY;
    for (int m = 0; m < 3; m++) {
      double d = Math.hypot(p[0] - MullerBrown.MINIMA[m][0], p[1] - MullerBrown.MINIMA[m][1]);
      if (d < bd) {
        bd = d;
        best = m;
      }
    }
    return String.format("%c (%.3f, %.3f) at distance %.3f", (char) ('A' + best), MullerBrown.MINIMA[best][0],
        MullerBrown.MINIMA[best][1], bd);
  }

  private void lennardJones(PrintWriter out) throws Exception {
    LennardJones lj = LennardJones.reduced(atoms);
    double[] start = compactStart(atoms);
    Sampling.MetropolisRun run = Sampling.metropolis(lj, start, ljKT, 0.05, ljSamples, 20, 5000, seed + 1);
    double[][] q = run.samples().positions();
    double[] energy = run.samples().energies();
    double[][] features = new double[q.length][];
    for (int i = 0; i < q.length; i++) features[i] = sortedDistances(q[i], atoms);
    PcaModel pca = Pca.all().fit(Dataset.unlabeled(Nd4j.createFromArray(features)));
    double[] ratio = pca.explainedVarianceRatio();
    out.printf("== Lennard-Jones LJ%d: %d Metropolis configurations at kT = %s ε (acceptance %.2f), "
        + "energy %.3f ± %.3f ε%n", atoms, ljSamples, ljKT, run.acceptance(), mean(energy), std(energy));
    out.printf("PCA of the %d sorted interatomic distances: explained variance ratio of the first components %s%n",
        features[0].length, Arrays.toString(Arrays.stream(Arrays.copyOf(ratio, Math.min(5, ratio.length)))
            .mapToObj(v -> String.format("%.3f", v)).toArray()));
    double cum = 0;
    int needed = 0;
    while (cum < 0.9 && needed < ratio.length) cum += ratio[needed++];
    out.printf("%d components explain 90 %% of the variance%n", needed);
    INDArray z = pca.transform(Nd4j.createFromArray(features));
    double[] pc1 = z.getColumn(0).toDoubleVector();
    out.printf("correlation of PC1 with the energy: %.3f%n", correlation(pc1, energy));

    XYChart chart = new XYChartBuilder().width(800).height(640)
        .title("LJ" + atoms + " configurations: first two principal components of the sorted distances")
        .xAxisTitle("PC1").yAxisTitle("PC2").build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setMarkerSize(4);
    double median = Arrays.stream(energy.clone()).sorted().toArray()[energy.length / 2];
    for (boolean low : new boolean[] {true, false}) {
      List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
      for (int i = 0; i < q.length; i++) {
        if ((energy[i] <= median) != low) continue;
        xs.add(z.getDouble(i, 0));
        ys.add(z.getDouble(i, 1));
      }
      if (!xs.isEmpty()) chart.addSeries(low ? "E <= median" : "E > median", xs, ys);
    }
    Path png = outDir.resolve("lennard-jones-pca.png");
    BitmapEncoder.saveBitmap(chart, png.toString().replaceAll("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    out.println("Plot: " + png);
  }

  /** Atoms on a small simple-cubic patch with spacing 2^(1/6) (the pair minimum), a bound start. */
  static double[] compactStart(int n) {
    double a = Math.pow(2, 1.0 / 6);
    double[] q = new double[3 * n];
    int side = (int) Math.ceil(Math.cbrt(n));
    for (int i = 0; i < n; i++) {
      q[3 * i] = a * (i % side);
      q[3 * i + 1] = a * ((i / side) % side);
      q[3 * i + 2] = a * (i / (side * side));
    }
    return q;
  }

  /** The N(N−1)/2 interatomic distances, sorted ascending. */
  static double[] sortedDistances(double[] q, int n) {
    double[] d = new double[n * (n - 1) / 2];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dx = q[3 * i] - q[3 * j], dy = q[3 * i + 1] - q[3 * j + 1], dz = q[3 * i + 2] - q[3 * j + 2];
        d[k++] = Math.sqrt(dx * dx + dy * dy + dz * dz);
      }
    }
    Arrays.sort(d);
    return d;
  }

  private static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  private static double std(double[] v) {
    double m = mean(v), s = 0;
    for (double e : v) s += (e - m) * (e - m);
    return Math.sqrt(s / v.length);
  }

  private static double correlation(double[] a, double[] b) {
    double ma = mean(a), mb = mean(b), sab = 0, saa = 0, sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
