package org.mlmp.rl;

import java.util.Map;
import java.util.Set;
import org.mlmp.api.Checks;
import org.mlmp.api.Model;
import org.mlmp.io.ModelCodec;
import org.mlmp.io.ConfigJson;
import org.mlmp.api.ModelState;
import org.mlmp.nn.Network;
import org.mlmp.nn.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A policy π(a | s) given by a neural network of {@link org.mlmp.nn} whose output layer is a softmax over
 * the actions: the input is the state vector s, the output π(· | s). Immutable (holds a copy of the
 * parameters); {@link #probabilities} is synchronised because it reuses one evaluation buffer.
 */
public final class NetworkPolicy implements Policy, Model {
  static final String TYPE = "rl.network-policy";
  private final Reinforce trainer; // null for a policy read from a format version 1 file
  private final Network network;
  private final double[] parameters;
  private final long seed;
  private final TrainingSession engine;

  /** The policy {@code trainer} trained. */
  NetworkPolicy(Reinforce trainer, double[] parameters) {
    this(trainer, trainer.network(), parameters, trainer.seed());
  }

  private NetworkPolicy(Reinforce trainer, Network network, double[] parameters, long seed) {
    this.trainer = trainer;
    this.network = network;
    this.parameters = parameters.clone();
    this.seed = seed;
    this.engine = TrainingSession.of(network, null, seed, DataType.DOUBLE);
    engine.setParameters(Nd4j.createFromArray(this.parameters));
  }

  /**
   * The configuration that trained this policy; empty for a policy read from a file of format version 1,
   * which holds only the network.
   *
   * @return the trainer, or empty
   */
  public java.util.Optional<Reinforce> trainer() {
    return java.util.Optional.ofNullable(trainer);
  }

  /**
   * The network's architecture.
   *
   * @return the network mapping a state to π(· | s)
   */
  public Network network() {
    return network;
  }

  /**
   * The network's parameters.
   *
   * @return a copy of the flat vector θ, in the layout of {@code org.mlmp.nn}
   */
  public double[] parameters() {
    return parameters.clone();
  }

  @Override
  public synchronized double[] probabilities(double[] state) {
    Checks.finiteInput(state, "state");
    if (DenseForward.supports(network)) {
      if (state.length != network.input().size()) {
        throw new IllegalArgumentException("The state has " + state.length + " entries, but the policy network takes "
            + network.input().size() + ".");
      }
      return DenseForward.apply(network, parameters, new double[][] {state})[0];
    }
    return probabilitiesByEngine(state);
  }

  /** π(· | s) through the engine's forward pass (for networks with other layers than Dense; tests). */
  synchronized double[] probabilitiesByEngine(double[] state) {
    int stateSize = network.input().size();
    if (state.length != stateSize) {
      throw new IllegalArgumentException("The state has " + state.length + " entries, but the policy network takes "
          + stateSize + ".");
    }
    return engine.output(Nd4j.createFromArray(state).reshape(1, stateSize)).data().asDouble();
  }

  @Override
  public int nFeatures() {
    return network.input().size();
  }

  @Override
  public ModelState toState() {
    var config = trainer != null ? ConfigJson.write(trainer) : ConfigJson.object();
    if (trainer == null) config.set("network", ConfigJson.write(network));
    return new ModelState(TYPE, config, Map.of("parameters", Nd4j.createFromArray(parameters)), seed);
  }

  /** Reads {@link NetworkPolicy}s from model files. */
  public static final class Codec implements ModelCodec {
    @Override
    public Set<String> types() {
      return Set.of(TYPE);
    }

    @Override
    public Model fromState(ModelState s) {
      double[] parameters = s.array("parameters").castTo(DataType.DOUBLE).toDoubleVector();
      if (s.config().has("optimizer")) return new NetworkPolicy(ConfigJson.read(s.config(), Reinforce.class), parameters);
      // format version 1: the network only
      return new NetworkPolicy(null, ConfigJson.read(s.config().path("network"), Network.class), parameters, s.seed());
    }
  }
}
