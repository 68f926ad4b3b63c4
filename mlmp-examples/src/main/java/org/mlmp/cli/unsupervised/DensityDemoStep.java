package org.mlmp.cli.unsupervised;

import java.io.PrintWriter;
import org.mlmp.cli.DemoCommand;
import org.mlmp.cli.DemoStep;

/** Tour stop 400: density estimation, KL divergence to the true density against the sample size. */
public final class DensityDemoStep implements DemoStep {
  @Override
  public int order() {
    return 400;
  }

  @Override
  public String title() {
    return "Density estimation: KL(p || model) against the sample size N (Gaussian mixture by EM vs kernel density)";
  }

  @Override
  public void run(DemoCommand.Context context, PrintWriter out) {
    out.println("True density p: a 2-component Gaussian mixture in 2-D. KL in nats, Monte Carlo on 20000 fresh samples");
    out.println("(± one standard error). The mixture model has the right form, so its KL falls like P/(2N)");
    out.println("(P = 11 free parameters, the asymptotic expectation); the kernel density estimate converges more slowly.");
    out.printf("%8s  %22s  %9s  %22s%n", "N", "GMM (k=2, EM)", "P/(2N)", "KDE (Scott)");
    for (KlDivergenceTable.KlRow r : KlDivergenceTable.compute(new int[] {50, 200, 1000, 5000}, 20000, 0)) {
      out.printf("%8d  %12.5f ± %7.5f  %9.5f  %12.5f ± %7.5f%n", r.n(), r.gmm().value(), r.gmm().standardError(),
          11.0 / (2 * r.n()), r.kde().value(), r.kde().standardError());
    }
    out.flush();
  }
}
