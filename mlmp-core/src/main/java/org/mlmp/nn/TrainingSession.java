package org.mlmp.nn;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.mlmp.nn.engine.Plan;
import org.mlmp.nn.engine.Program;
import org.mlmp.nn.engine.Updater;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A {@link Network} compiled for training, one optimiser step at a time: the public door to mlmp's
 * engine for code that drives its own loop (reinforcement learning, benchmarks, a data-parallel trainer).
 * {@link NeuralNet} runs its epochs on a session too, so a session fed the same batches, learning rates
 * and dropout seeds gives bitwise the parameters {@link NeuralNet#fit} gives.
 *
 * <p>State: the flat parameter vector θ (laid out as {@link NeuralNetModel#withParameters} describes),
 * BatchNorm's running statistics, and the optimiser's state (moments, velocity, step count), all of it
 * readable and settable as flat vectors. Buffers are allocated once per batch size and reused, so a step
 * allocates nothing but its result.
 *
 * <p>Shapes: {@code x: [B, C·H·W]} (images flattened row-major), {@code y: [B, K]} the targets as the cost
 * sees them (one-hot rows for {@link Loss#CROSS_ENTROPY} with softmax, 0/1 for one sigmoid unit, values for
 * {@link Loss#SQUARED_ERROR}). The cost of a batch is the mean over its B rows (see {@link Loss}).
 *
 * <p>Dropout masks: the mask of a batch row is a function of (dropout seed, layer, the row's <em>example
 * index</em>) only — never of the row's position in the batch or of the other rows. The example index is the
 * row's identity in the training set: the variants taking {@code int[] examples} name it per row (its row
 * index in the training data, as {@link NeuralNet} passes it), {@link #loadRows} uses the data's row numbers
 * {@code from .. from + rows − 1}, and every other method the batch positions 0..B−1.
 *
 * <p>Data-parallel use: each worker calls {@link #costAndGradient(INDArray, INDArray, int[], long, INDArray)}
 * on its share of a global batch with the shared step seed and its rows' example indices (a session without
 * an optimiser suffices), so every row gets the mask it gets in one process; the driver sums the shares
 * weighted by their row counts, B_p/B, in a fixed order and calls {@link #applyGradient} on its own session;
 * {@link #parameters()} and {@link #setParameters} carry θ to the workers. {@code step(x, y, α, s)} is exactly
 * {@code applyGradient(gradient(x, y, s), α)}.
 *
 * <p>Not thread-safe: one session per thread.
 */
public final class TrainingSession {
  private final Network network;
  private final Optimizer optimizer;
  private final long seed;
  private final Program program;
  private final Updater updater;
  /** Values per input row and per target row (the network's input and output sizes). */
  private final int inputs, outputs;
  /** Values per row of each layer's output ({@code network.shapes()} after the input). */
  private final int[] layerOutputs;
  private Plan loaded;

  private TrainingSession(Network network, Optimizer optimizer, long seed, DataType dtype) {
    if (network == null) throw new IllegalArgumentException("The 'network' parameter of TrainingSession is null.");
    if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
      throw new IllegalArgumentException("A TrainingSession computes in FLOAT or DOUBLE. Got " + dtype + " instead.");
    }
    this.network = network;
    this.optimizer = optimizer;
    this.seed = seed;
    program = new Program(Blueprints.of(network), dtype);
    program.setParameters(Blueprints.initialWeights(network, seed));
    updater = optimizer == null ? null : new Updater(Blueprints.rule(optimizer), program);
    inputs = network.input().size();
    layerOutputs = network.shapes().stream().skip(1).mapToInt(Shape::size).toArray();
    outputs = layerOutputs[layerOutputs.length - 1];
  }

  /**
   * A float session with the initial weights drawn from {@code seed} (as {@link NeuralNet} draws them); a
   * null {@code optimizer} gives a session for outputs and gradients only.
   *
   * @param network the network to train
   * @param optimizer the optimiser and its learning rate, or null
   * @param seed the seed of the initial weights and of the default dropout masks
   * @return a new session in FLOAT
   * @throws IllegalArgumentException when {@code network} is null
   */
  public static TrainingSession of(Network network, Optimizer optimizer, long seed) {
    return new TrainingSession(network, optimizer, seed, DataType.FLOAT);
  }

  /**
   * A session computing in {@code dtype}: FLOAT (the fast path) or DOUBLE (the reference path, e.g. for
   * gradient checks). A null {@code optimizer} gives a session for outputs and gradients only (a worker
   * whose optimiser runs elsewhere); its {@link #step} and {@link #applyGradient} throw.
   *
   * @param network the network to train
   * @param optimizer the optimiser and its learning rate, or null
   * @param seed the seed of the initial weights and of the default dropout masks
   * @param dtype FLOAT or DOUBLE
   * @return a new session computing in {@code dtype}
   * @throws IllegalArgumentException when {@code network} is null or {@code dtype} is neither FLOAT nor DOUBLE
   */
  public static TrainingSession of(Network network, Optimizer optimizer, long seed, DataType dtype) {
    return new TrainingSession(network, optimizer, seed, dtype);
  }

  /** SplitMix64's finaliser of a·φ + b: independent-looking seeds for (seed, epoch, step). */
  static long mix(long a, long b) {
    return org.mlmp.api.Seeds.mix64(a * org.mlmp.api.Seeds.GAMMA + b);
  }

  /**
   * The network this session trains.
   *
   * @return the network given to {@link #of}
   */
  public Network network() {
    return network;
  }

  /**
   * The optimiser, or null for a session without one.
   *
   * @return the optimiser given to {@link #of}, or null
   */
  public Optimizer optimizer() {
    return optimizer;
  }

  /**
   * The floating type the session computes in.
   *
   * @return FLOAT or DOUBLE
   */
  public DataType dataType() {
    return program.dtype();
  }

  /**
   * Number of parameters (the length of every flat vector here).
   *
   * @return the length of θ
   */
  public int size() {
    return program.size();
  }

  /**
   * Optimiser steps taken (restored with the optimiser state).
   *
   * @return the step count; 0 for a session without an optimiser
   */
  public long steps() {
    return updater == null ? 0 : updater.steps();
  }

  /**
   * One optimiser step on the batch at the optimiser's learning rate, dropout masks drawn from
   * (seed, {@link #steps()}).
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param y targets {@code [B, K]}
   * @return the batch's cost before the step (see {@link #step(INDArray, INDArray, double, long)})
   * @throws IllegalStateException when the session has no optimiser
   * @throws IllegalArgumentException when x or y has the wrong shape (both shapes named)
   */
  public double step(INDArray x, INDArray y) {
    requireOptimizer("step");
    return step(x, y, optimizer.learningRate(), mix(seed, steps()));
  }

  /**
   * One optimiser step on the batch: forward pass in training mode, cost, back-propagation, update of θ
   * with learning rate {@code learningRate} (a schedule passes each step's rate; the optimiser's state
   * carries over). If the cost is NaN or ±∞ nothing is updated and the cost is returned
   * ({@link #firstNonFiniteLayer()} then names the first layer whose output is not finite).
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param y targets {@code [B, K]}
   * @param learningRate α of this step (&gt; 0)
   * @param dropoutSeed seeds this step's dropout masks
   * @return the batch's cost C (mean over its rows) before the update
   * @throws IllegalStateException when the session has no optimiser
   * @throws IllegalArgumentException when x or y has the wrong shape (both shapes named)
   */
  public double step(INDArray x, INDArray y, double learningRate, long dropoutSeed) {
    return step(x, y, null, learningRate, dropoutSeed);
  }

  /**
   * {@link #step(INDArray, INDArray, double, long)} with the rows' example indices: row r's dropout masks are
   * drawn for example {@code examples[r]} (what {@link NeuralNet}'s loop passes: the rows' indices in the
   * training set).
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param y targets {@code [B, K]}
   * @param examples B example indices (≥ 0), or null for the positions 0..B−1
   * @param learningRate α of this step (&gt; 0)
   * @param dropoutSeed seeds this step's dropout masks
   * @return the batch's cost C (mean over its rows) before the update
   * @throws IllegalStateException when the session has no optimiser
   * @throws IllegalArgumentException when x or y has the wrong shape, or {@code examples} is not B indices ≥ 0
   */
  public double step(INDArray x, INDArray y, int[] examples, double learningRate, long dropoutSeed) {
    requireOptimizer("step");
    load(x, y, examples);
    return stepLoaded(learningRate, dropoutSeed);
  }

  /**
   * One optimiser step whose targets depend on the network's own output (policy gradients): forward pass
   * in training mode, {@code y = targets.apply(output)} ({@code [B, K]}, the output must not be kept), then
   * back-propagation of the cost against y and the update. No cost is computed: with such targets it is
   * not the quantity being minimised.
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param targets computes the targets {@code [B, K]} from the network's output (which it must not keep)
   * @param learningRate α of this step (&gt; 0)
   * @param dropoutSeed seeds this step's dropout masks
   * @throws IllegalStateException when the session has no optimiser
   * @throws IllegalArgumentException when x has the wrong shape
   */
  public void step(INDArray x, UnaryOperator<INDArray> targets, double learningRate, long dropoutSeed) {
    requireOptimizer("step");
    load(x, null);
    loaded.forward(true, dropoutSeed);
    INDArray y = targets.apply(loaded.output());
    checkRows(y, "y", loaded.batchSize(), outputs);
    loaded.target().assign(y);
    loaded.backward();
    updater.step(learningRate);
  }

  /**
   * The batch's cost C (mean over its rows) in training mode (dropout masks from {@code dropoutSeed},
   * BatchNorm on the batch's statistics), without back-propagation; θ and the optimiser state are unchanged.
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param y targets {@code [B, K]}
   * @param dropoutSeed seeds the dropout masks
   * @return the cost C of the batch
   * @throws IllegalArgumentException when x or y has the wrong shape
   */
  public double cost(INDArray x, INDArray y, long dropoutSeed) {
    return cost(x, y, null, dropoutSeed);
  }

  /**
   * {@link #cost(INDArray, INDArray, long)} with the rows' example indices (row r's masks drawn for example
   * {@code examples[r]}).
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param y targets {@code [B, K]}
   * @param examples B example indices (≥ 0), or null for the positions 0..B−1
   * @param dropoutSeed seeds the dropout masks
   * @return the cost C of the batch
   * @throws IllegalArgumentException when x or y has the wrong shape, or {@code examples} is not B indices ≥ 0
   */
  public double cost(INDArray x, INDArray y, int[] examples, long dropoutSeed) {
    load(x, y, examples);
    loaded.forward(true, dropoutSeed);
    return loaded.loss();
  }

  /**
   * {@link #gradient(INDArray, INDArray, long)} with dropout masks drawn from (seed, {@link #steps()}).
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param y targets {@code [B, K]}
   * @return flat ∂C/∂θ, length {@link #size()}
   * @throws IllegalArgumentException when x or y has the wrong shape
   */
  public INDArray gradient(INDArray x, INDArray y) {
    return gradient(x, y, mix(seed, steps()));
  }

  /**
   * The gradient ∂C/∂θ of the batch's cost as one flat vector (a copy, length {@link #size()}, in the
   * session's data type); θ and the optimiser state are unchanged (BatchNorm's running statistics move, as
   * in any training-mode forward pass).
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param y targets {@code [B, K]}
   * @param dropoutSeed seeds the dropout masks
   * @return flat ∂C/∂θ, length {@link #size()}
   * @throws IllegalArgumentException when x or y has the wrong shape
   */
  public INDArray gradient(INDArray x, INDArray y, long dropoutSeed) {
    return gradient(x, y, null, dropoutSeed);
  }

  /**
   * {@link #gradient(INDArray, INDArray, long)} with the rows' example indices (row r's masks drawn for example
   * {@code examples[r]}).
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param y targets {@code [B, K]}
   * @param examples B example indices (≥ 0), or null for the positions 0..B−1
   * @param dropoutSeed seeds the dropout masks
   * @return flat ∂C/∂θ, length {@link #size()}
   * @throws IllegalArgumentException when x or y has the wrong shape, or {@code examples} is not B indices ≥ 0
   */
  public INDArray gradient(INDArray x, INDArray y, int[] examples, long dropoutSeed) {
    load(x, y, examples);
    loaded.forward(true, dropoutSeed);
    loaded.backward();
    return program.grads().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, program.size())).dup();
  }

  /**
   * The batch's cost and its gradient from one forward and one backward pass (what a data-parallel worker
   * computes for its share of a global batch): the gradient is exactly {@link #gradient(INDArray, INDArray, long)}'s
   * and the cost exactly {@link #cost}'s for the same arguments; θ and the optimiser state are unchanged.
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param y targets {@code [B, K]}
   * @param dropoutSeed seeds the dropout masks
   * @param gradient receives ∂C/∂θ: a flat vector of length {@link #size()}, any floating type
   * @return the batch's cost C (mean over its rows); NaN or ±∞ if the forward pass was not finite (the gradient
   *     is then still written)
   * @throws IllegalArgumentException if a batch or {@code gradient} has the wrong shape
   */
  public double costAndGradient(INDArray x, INDArray y, long dropoutSeed, INDArray gradient) {
    return costAndGradient(x, y, null, dropoutSeed, gradient);
  }

  /**
   * {@link #costAndGradient(INDArray, INDArray, long, INDArray)} with the rows' example indices (row r's masks
   * drawn for example {@code examples[r]}): a data-parallel worker passes its rows' indices in the training set and
   * the step's shared seed, so its share's masks are the ones one process draws for the whole batch.
   *
   * @param x inputs {@code [B, C·H·W]}
   * @param y targets {@code [B, K]}
   * @param examples B example indices (≥ 0), or null for the positions 0..B−1
   * @param dropoutSeed seeds the dropout masks
   * @param gradient receives ∂C/∂θ: a flat vector of length {@link #size()}, any floating type
   * @return the batch's cost C (mean over its rows); NaN or ±∞ if the forward pass was not finite
   * @throws IllegalArgumentException if a batch, {@code examples} or {@code gradient} has the wrong shape
   */
  public double costAndGradient(INDArray x, INDArray y, int[] examples, long dropoutSeed, INDArray gradient) {
    if (gradient == null || gradient.length() != program.size()) {
      throw new IllegalArgumentException("The 'gradient' vector of costAndGradient must hold " + program.size()
          + " values (this network's parameters). Got " + (gradient == null ? "null" : gradient.length() + " values")
          + " instead.");
    }
    load(x, y, examples);
    loaded.forward(true, dropoutSeed);
    double loss = loaded.loss();
    loaded.backward();
    gradient.reshape(gradient.length())
        .assign(program.grads().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, program.size())));
    return loss;
  }

  /**
   * Applies the optimiser to a given gradient (e.g. the sum of the workers' gradients): θ and the optimiser
   * state move exactly as in a {@link #step} whose back-propagation produced {@code gradient}.
   *
   * @param gradient flat ∂C/∂θ, length {@link #size()}, any floating type
   * @param learningRate α of this step
   * @throws IllegalStateException when the session has no optimiser
   * @throws IllegalArgumentException when {@code gradient} is null or not of length {@link #size()}
   */
  public void applyGradient(INDArray gradient, double learningRate) {
    requireOptimizer("applyGradient");
    if (gradient == null || gradient.length() != program.size()) {
      throw new IllegalArgumentException("The gradient must be a flat vector of " + program.size()
          + " values (this network's parameters). Got " + (gradient == null ? "null" : gradient.length() + " values")
          + " instead.");
    }
    program.grads().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, program.size()))
        .assign(gradient.reshape(gradient.length()));
    updater.step(learningRate);
  }

  /**
   * The network's output for x in prediction mode (no dropout, BatchNorm's running statistics).
   *
   * @param x inputs {@code [B, C·H·W]}
   * @return the output {@code [B, K]} (a copy)
   * @throws IllegalArgumentException when x has the wrong shape
   */
  public INDArray output(INDArray x) {
    load(x, null);
    loaded.forward(false, 0);
    return loaded.output().dup();
  }

  /**
   * Copies a batch into the session's buffers for batches of its size; {@link #step()}, {@link #forward()}
   * and {@link #backpropagate()} then run on it without copying it again (benchmarks that time the passes
   * alone). {@code y} may be null when only outputs are needed. The rows' example indices are their positions
   * 0..B−1.
   *
   * @param x inputs {@code [B, C·H·W]}, B ≥ 1
   * @param y targets {@code [B, K]}, or null
   * @throws IllegalArgumentException when x or y has the wrong shape (both shapes named)
   */
  public void load(INDArray x, INDArray y) {
    load(x, y, null);
  }

  /**
   * {@link #load(INDArray, INDArray)} with the rows' example indices: row r's dropout masks are drawn for example
   * {@code examples[r]}.
   *
   * @param x inputs {@code [B, C·H·W]}, B ≥ 1
   * @param y targets {@code [B, K]}, or null
   * @param examples B example indices (≥ 0), or null for the positions 0..B−1
   * @throws IllegalArgumentException when x or y has the wrong shape (both shapes named), or {@code examples} is
   *     not B indices ≥ 0 (the count or the first negative index named)
   */
  public void load(INDArray x, INDArray y, int[] examples) {
    checkRows(x, "x", -1, inputs);
    int rows = (int) x.rows();
    if (y != null) checkRows(y, "y", rows, outputs);
    checkExamples(examples, rows);
    loaded = program.plan(rows);
    loaded.setExamples(examples);
    loaded.input().assign(x);
    if (y != null) loaded.target().assign(y);
  }

  /**
   * Copies rows {@code [from, from + rows)} of a data set held in memory into the session's buffers for
   * batches of {@code rows}, one native row gather per array ({@code Nd4j.pullRows}) and no view of the
   * data: what a loop over mini-batches of one in-memory data set calls before {@link #step(double, long)}.
   * The same batch as {@code load(x.get(interval(from, from + rows), all()), ..., examples from .. from + rows − 1)}
   * (the rows' dropout masks are drawn for their row numbers in x), without the per-step Java work of building the
   * views.
   *
   * @param x inputs {@code [N, C·H·W]}
   * @param y targets {@code [N, K]}, N the same as x's
   * @param from first row (0 ≤ from, from + rows ≤ N)
   * @param rows batch size B (≥ 1)
   * @throws IllegalArgumentException when x or y has the wrong shape, or the rows lie outside the data (values named)
   */
  public void loadRows(INDArray x, INDArray y, int from, int rows) {
    checkRows(x, "x", -1, inputs);
    checkRows(y, "y", (int) x.rows(), outputs);
    if (rows < 1 || from < 0 || (long) from + rows > x.rows()) {
      throw new IllegalArgumentException("TrainingSession.loadRows needs rows >= 1 and 0 <= from <= from + rows <= "
          + x.rows() + " (the data's rows). Got from " + from + ", rows " + rows + " instead.");
    }
    loaded = program.plan(rows);
    int[] index = new int[rows];
    for (int i = 0; i < rows; i++) index[i] = from + i;
    loaded.setExamples(index);
    Nd4j.pullRows(x, loaded.input(), 1, index);
    Nd4j.pullRows(y, loaded.target(), 1, index);
  }

  /**
   * One optimiser step on the loaded batch at the optimiser's rate, dropout seed from (seed, steps).
   *
   * @return the batch's cost before the step; NaN or ±∞ when nothing was updated
   * @throws IllegalStateException when the session has no optimiser or no batch is loaded
   */
  public double step() {
    requireOptimizer("step");
    return step(optimizer.learningRate(), mix(seed, steps()));
  }

  /**
   * One optimiser step on the loaded batch ({@link #load} or {@link #loadRows}) with learning rate
   * {@code learningRate} and dropout masks from {@code dropoutSeed}: the same step as
   * {@link #step(INDArray, INDArray, double, long)} without copying the batch again.
   *
   * @param learningRate the step's learning rate α (&gt; 0)
   * @param dropoutSeed the seed of the step's dropout masks
   * @return the batch's cost C (mean over its rows) before the update
   * @throws IllegalStateException when the session has no optimiser or no batch is loaded
   */
  public double step(double learningRate, long dropoutSeed) {
    requireOptimizer("step");
    requireLoaded();
    return stepLoaded(learningRate, dropoutSeed);
  }

  private double stepLoaded(double learningRate, long dropoutSeed) {
    loaded.forward(true, dropoutSeed);
    double loss = loaded.loss();
    if (!Double.isFinite(loss)) return loss;
    loaded.backward();
    updater.step(learningRate);
    return loss;
  }

  /** The forward pass of the loaded batch in prediction mode (the output stays inside; see {@link #output}). */
  public void forward() {
    requireLoaded();
    loaded.forward(false, 0);
  }

  /**
   * Forward pass in training mode, cost and back-propagation of the loaded batch, dropout seed from
   * (seed, steps); the gradient stays inside (see {@link #gradient}). Returns the cost.
   *
   * @return the cost C of the loaded batch
   * @throws IllegalStateException when no batch is loaded
   */
  public double backpropagate() {
    requireLoaded();
    loaded.forward(true, mix(seed, steps()));
    double loss = loaded.loss();
    loaded.backward();
    return loss;
  }

  /**
   * Forward pass in training mode and back-propagation of the loaded batch for a cost the caller defines on the
   * network's output: {@code outputGradient} is ∂C/∂a, the gradient of that cost with respect to the output
   * {@code [B, K]} (for C = Σ a, all ones), used instead of the network's own loss; dropout seed from (seed,
   * steps). The gradient stays inside, as with {@link #backpropagate()}. The output layer's activation derivative
   * applies (a is the activated output).
   *
   * @param outputGradient ∂C/∂a, shape {@code [B, K]} of the loaded targets
   * @throws IllegalStateException when no batch is loaded
   * @throws IllegalArgumentException when {@code outputGradient} is not {@code [B, K]} (its shape named)
   */
  public void backpropagate(INDArray outputGradient) {
    requireLoaded();
    checkRows(outputGradient, "outputGradient", loaded.batchSize(), outputs);
    loaded.forward(true, mix(seed, steps()));
    loaded.backward(outputGradient);
  }

  /**
   * The forward pass of the loaded batch in prediction mode through layer {@code layer} only (a hidden layer's output;
   * the layers after it do not run).
   *
   * @param layer the last layer to run, 0 ≤ layer &lt; the number of layers
   * @throws IllegalStateException when no batch is loaded
   * @throws IllegalArgumentException when {@code layer} is not a layer index (the range named)
   */
  public void forward(int layer) {
    requireLoaded();
    loaded.forward(false, 0, checkLayer(layer));
  }

  /**
   * Forward pass in training mode through layer {@code layer} and back-propagation of a cost the caller defines on that
   * layer's output, for instance on the features a hidden layer computes: {@code layerGradient} is ∂C/∂a of that
   * output, {@code [B, its size]} (images flattened row-major, C·H·W); dropout seed from (seed, steps). Only layers
   * 0..layer run, forward and backward; the gradient of every later layer's parameters is 0, since C does not depend
   * on them. The layer's activation derivative applies (a is its activated output). With the last layer this is
   * {@link #backpropagate(INDArray)}. The gradient stays inside, as with {@link #backpropagate()}.
   *
   * @param layer the layer whose output C is defined on, 0 ≤ layer &lt; the number of layers
   * @param layerGradient ∂C/∂a of that layer's output, shape {@code [B, size]}
   * @throws IllegalStateException when no batch is loaded
   * @throws IllegalArgumentException when {@code layer} is not a layer index (the range named) or
   *     {@code layerGradient} is not {@code [B, size]} (its shape named)
   */
  public void backpropagate(int layer, INDArray layerGradient) {
    requireLoaded();
    checkRows(layerGradient, "layerGradient", loaded.batchSize(), layerOutputs[checkLayer(layer)]);
    loaded.forward(true, mix(seed, steps()), layer);
    loaded.backward(layer, layerGradient);
  }

  private int checkLayer(int layer) {
    int n = layerOutputs.length;
    if (layer < 0 || layer >= n) {
      throw new IllegalArgumentException("The layer index of a TrainingSession's pass must be in 0.." + (n - 1)
          + " (the network has " + n + " layers). Got " + layer + " instead.");
    }
    return layer;
  }

  /**
   * Index of the first layer whose output held NaN or ±∞ in the last forward pass, or -1.
   *
   * @return the 0-based layer index, or -1 when every output was finite
   * @throws IllegalStateException when no batch is loaded
   */
  public int firstNonFiniteLayer() {
    requireLoaded();
    return loaded.firstNonFiniteLayer();
  }

  /**
   * The parameters θ.
   *
   * @return θ as a flat vector (a copy, length {@link #size()}, in the session's data type)
   */
  public INDArray parameters() {
    return program.params().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, program.size())).dup();
  }

  /**
   * Sets θ from a flat vector of length {@link #size()} (any floating type).
   *
   * @param values the new θ, laid out as {@link #parameters()} returns it
   */
  public void setParameters(INDArray values) {
    program.setParameters(values);
  }

  /**
   * BatchNorm's running statistics.
   *
   * @return a flat copy, layer by layer: means, then variances; empty without BatchNorm
   */
  public INDArray statistics() {
    return program.statistics();
  }

  /**
   * Sets the running statistics.
   *
   * @param values a flat vector of {@link Network#statisticsCount()} values, laid out as {@link #statistics()}
   */
  public void setStatistics(INDArray values) {
    program.setStatistics(values);
  }

  /**
   * The batch statistics of the last training forward pass ({@link #step}, {@link #gradient},
   * {@link #costAndGradient}, {@link #cost}, {@link #backpropagate}): per BatchNorm channel the mean and biased
   * variance the layer normalised the batch with. That pass has already moved this session's running statistics
   * by them; a data-parallel driver pools its workers' values ({@link BatchStatistics#pool}) and moves its own
   * running statistics once ({@link #moveStatistics}).
   *
   * @return the statistics, {@code rows} = the batch's rows; empty arrays without BatchNorm
   * @throws IllegalStateException when no batch was loaded yet
   */
  public BatchStatistics batchStatistics() {
    requireLoaded();
    int c = program.normalizedChannels();
    double[] means = new double[c], vars = new double[c];
    loaded.batchStatistics(means, vars);
    return BatchStatistics.of(loaded.batchSize(), means, vars);
  }

  /**
   * Moves the running statistics as a training forward pass over a batch with these statistics moves them: per
   * channel, with the layer's momentum α and m = rows × the layer's pixels, running mean ← (1 − α)·running mean
   * + α·μ and running variance ← (1 − α)·running variance + α·σ²·m/(m − 1) (σ² for m = 1) — the same arithmetic
   * as the layer's own update, so the statistics of one batch give bitwise the running statistics a
   * {@link #step} on that batch gives.
   *
   * @param batch the batch's statistics (from {@link #batchStatistics()}, or pooled by {@link BatchStatistics#pool})
   * @throws IllegalArgumentException when {@code batch} is null or does not have one value per BatchNorm channel
   */
  public void moveStatistics(BatchStatistics batch) {
    if (batch == null) throw new IllegalArgumentException("The 'batch' statistics given to moveStatistics are null.");
    if (batch.means().length != program.normalizedChannels()) {
      throw new IllegalArgumentException("moveStatistics needs one mean and variance per BatchNorm channel of this"
          + " network: " + program.normalizedChannels() + " values. Got " + batch.means().length + " instead.");
    }
    program.moveStatistics(batch.means(), batch.variances(), batch.rows());
  }

  /**
   * The optimiser state as named flat copies: {@code optimizer.step} (the step count, one long),
   * {@code optimizer.s1} (momentum's velocity or Adam's first moment m) and {@code optimizer.s2} (Adam's
   * second moment v), each of length {@link #size()}, where the optimiser has them.
   *
   * @return name → flat copy
   * @throws IllegalStateException when the session has no optimiser
   */
  public Map<String, INDArray> optimizerState() {
    requireOptimizer("optimizerState");
    return updater.state();
  }

  /**
   * Restores {@link #optimizerState()} (from this session, another one of the same network, or a file).
   *
   * @param state the named flat vectors {@link #optimizerState()} returned
   * @throws IllegalStateException when the session has no optimiser
   */
  public void setOptimizerState(Map<String, INDArray> state) {
    requireOptimizer("setOptimizerState");
    updater.restore(state);
  }

  /** The compiled program (the training loop's validation and checkpoints read it). */
  Program program() {
    return program;
  }

  private void requireOptimizer(String what) {
    if (updater == null) {
      throw new IllegalStateException(what + " needs an optimiser; this TrainingSession was made without one."
          + " Pass an Optimizer to TrainingSession.of.");
    }
  }

  private void requireLoaded() {
    if (loaded == null) {
      throw new IllegalStateException("No batch is loaded in this TrainingSession. Call load(x, y) first.");
    }
  }

  private static void checkExamples(int[] examples, int rows) {
    if (examples == null) return;
    if (examples.length != rows) {
      throw new IllegalArgumentException("The 'examples' of a TrainingSession batch must hold one example index per"
          + " row: " + rows + " values. Got " + examples.length + " values instead.");
    }
    for (int r = 0; r < rows; r++) {
      if (examples[r] < 0) {
        throw new IllegalArgumentException("The 'examples' of a TrainingSession batch must be example indices >= 0"
            + " (rows of the training set). Got " + examples[r] + " for row " + r + " instead.");
      }
    }
  }

  private static void checkRows(INDArray a, String name, int rows, int columns) {
    if (a == null || a.rank() != 2 || a.columns() != columns || (rows >= 0 && a.rows() != rows) || a.rows() < 1) {
      throw new IllegalArgumentException("The '" + name + "' batch of a TrainingSession must have shape ["
          + (rows >= 0 ? rows : "B ≥ 1") + ", " + columns + "]. Got " + (a == null ? "null"
          : java.util.Arrays.toString(a.shape())) + " instead.");
    }
  }
}
