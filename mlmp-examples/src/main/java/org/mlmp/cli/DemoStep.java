package org.mlmp.cli;

import java.io.PrintWriter;

/**
 * One stop of the guided tour {@code mlmp demo}. Register implementations in
 * {@code META-INF/services/org.mlmp.cli.DemoStep}; they run in {@link #order()}.
 */
public interface DemoStep {
  /** Position in the tour (the foundation's steps use 0-99; linear 100s, kernels 200s, networks 300s, unsupervised 400s). */
  int order();

  /** A heading, e.g. "Kernel ridge regression of the Müller–Brown potential". */
  String title();

  /**
   * Runs this stop: results to {@code out}, short, with plots written under {@code outDir}.
   *
   * @param context the tour's options (data directory, output directory)
   */
  void run(DemoCommand.Context context, PrintWriter out) throws Exception;
}
