package org.mlmp.nn;

import org.mlmp.nn.engine.Blueprint;
import org.mlmp.nn.engine.Program;
import org.mlmp.nn.engine.UpdateRule;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Test-only bridge for the engine's own tests (package org.mlmp.nn.engine): they describe networks with
 * the public layer types, which the engine itself never sees; this hands them the package-private
 * translation of {@link Blueprints}.
 */
public final class EngineAccess {
  private EngineAccess() {}

  public static Blueprint blueprint(Network network) {
    return Blueprints.of(network);
  }

  public static UpdateRule rule(Optimizer optimizer) {
    return Blueprints.rule(optimizer);
  }

  /** A program with its initial weights drawn from {@code seed} (as training draws them). */
  public static Program program(Network network, DataType dtype, long seed) {
    return program(network, dtype, Program.ConvBackward.AUTO, seed);
  }

  /** The same with the convolution backward path {@code convBackward}. */
  public static Program program(Network network, DataType dtype, Program.ConvBackward convBackward, long seed) {
    Program p = new Program(Blueprints.of(network), dtype, convBackward);
    p.setParameters(Blueprints.initialWeights(network, seed));
    return p;
  }
}
