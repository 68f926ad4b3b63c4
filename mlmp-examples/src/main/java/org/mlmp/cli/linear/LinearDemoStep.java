package org.mlmp.cli.linear;

import java.io.PrintWriter;
import org.mlmp.cli.DemoCommand;
import org.mlmp.cli.DemoStep;

/** The tour's linear stop: a short {@code mlmp regularization} (150 rows, 12 features, 15 λ per path). */
public final class LinearDemoStep implements DemoStep {
  @Override
  public int order() {
    return 100;
  }

  @Override
  public String title() {
    return "Linear models: ridge, LASSO, elastic net and L0 on a planted sparse truth";
  }

  @Override
  public void run(DemoCommand.Context context, PrintWriter out) throws Exception {
    new RegularizationExample(150, 12, 0.5, 1.0, 15, 5, 0).run(out, context.outDir());
  }
}
