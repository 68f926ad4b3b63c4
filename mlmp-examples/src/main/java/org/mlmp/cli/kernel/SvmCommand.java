package org.mlmp.cli.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Callable;
import org.mlmp.Mlmp;
import org.mlmp.cli.Cli;
import org.mlmp.cli.Subcommand;
import org.mlmp.api.Dataset;
import org.mlmp.data.Partition;
import org.mlmp.kernel.Gaussian;
import org.mlmp.kernelmethods.Svm;
import org.mlmp.kernelmethods.SvmModel;
import org.mlmp.kernelmethods.SvmSearch;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlmp svm}: a Gaussian-kernel soft-margin SVM on two interleaved half-moons (a 2D problem no
 * line separates); (C, σ) chosen by k-fold cross-validation (mean ± std of the accuracy over the
 * folds), test accuracy printed, and the decision boundary written as a PNG.
 */
@Command(name = "svm", mixinStandardHelpOptions = true,
    description = "Soft-margin SVM on two half-moons: cross-validated (C, σ), accuracy, decision-boundary PNG.")
public final class SvmCommand implements Callable<Integer>, Subcommand {
  @Option(names = "--n", defaultValue = "300", description = "Samples (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--noise", paramLabel = "SD", defaultValue = "0.2", description = "Gaussian noise on the moons (default: ${DEFAULT-VALUE}).")
  double noise;

  @Option(names = "--folds", paramLabel = "K", defaultValue = "5", description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = Cli.OUT + "/svm", description = "Folder for the PNG (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Two half-moons (as scikit-learn's make_moons): labels 0 and 1. */
  static Dataset moons(int n, double noise, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double t = Math.PI * r.nextDouble();
      if (i % 2 == 0) {
        x[i] = new double[] {Math.cos(t), Math.sin(t)};
      } else {
        x[i] = new double[] {1 - Math.cos(t), 0.5 - Math.sin(t)};
        y[i] = 1;
      }
      x[i][0] += noise * r.nextGaussian();
      x[i][1] += noise * r.nextGaussian();
    }
    return Dataset.of(x, y);
  }

  @Override
  public Integer call() throws Exception {
    if (n < 20) throw new IllegalArgumentException("--n must be >= 20. Got " + n + ".");
    Mlmp.init();
    Dataset all = moons(n, noise, seed);
    Partition.Split split = Partition.split(n, 0, 0.3, seed);
    Dataset train = all.rows(split.train()), test = all.rows(split.test());
    double[] cs = {0.1, 1, 10, 100}, sigmas = {0.1, 0.3, 1.0};
    java.util.List<org.mlmp.kernel.Kernel> kernels = new java.util.ArrayList<>();
    for (double s : sigmas) kernels.add(Gaussian.of(s));
    SvmSearch.SvmSearchResult cv = SvmSearch.crossValidate(train, kernels, cs, folds, 1e-3, seed);
    spec.commandLine().getErr().print(cv.toTable());
    spec.commandLine().getErr().flush();
    ObjectNode json = Cli.object();
    ArrayNode grid = json.putArray("crossValidation");
    for (SvmSearch.SvmScore s : cv.scores()) {
      ObjectNode o = grid.addObject();
      o.put("C", s.c());
      o.put("sigma", ((Gaussian) s.kernel()).sigma());
      o.put("accuracyMean", s.meanAccuracy());
      o.put("accuracyStd", s.stdAccuracy());
    }
    double bestC = cv.best().c(), bestSigma = ((Gaussian) cv.best().kernel()).sigma(), bestMean = cv.best().meanAccuracy();
    SvmModel model = Svm.of(Gaussian.of(bestSigma), bestC).fit(train);
    double testAccuracy = model.accuracy(test.x(), test.y());
    Path png = out.resolve("svm-decision-boundary.png");
    double[][] xy = train.x().toDoubleMatrix();
    double[] lab = train.y().toDoubleVector();
    double[][] pts = new double[xy.length][];
    for (int i = 0; i < xy.length; i++) pts[i] = new double[] {xy[i][0], xy[i][1], lab[i]};
    SurfaceImage.write(png, "SVM decision function (σ = " + bestSigma + ", C = " + bestC + "); red: boundary",
        (java.util.function.Function<double[][], double[]>) q -> model.decisionFunction(Nd4j.createFromArray(q))
            .toDoubleVector(), -1.5, 2.5, -1.0,
        1.5, -3, 3, 1, pts, true);
    json.put("bestC", bestC);
    json.put("bestSigma", bestSigma);
    json.put("cvAccuracy", bestMean);
    json.put("testAccuracy", testAccuracy);
    json.put("nSupport", model.supportIndices().length);
    json.put("png", png.toString());
    Cli.printJson(spec.commandLine().getOut(), json);
    return 0;
  }
}
