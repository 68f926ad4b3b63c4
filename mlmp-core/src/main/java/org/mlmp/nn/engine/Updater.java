package org.mlmp.nn.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mlmp.nn.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Internal (not API): one {@link Optimizer} step on the whole flat parameter vector of a {@link Program}
 * (one pass of ops per step, whatever the number of layers), and the optimiser's state (Adam's moments,
 * the momentum velocity, the step count) for checkpoints.
 */
public final class Updater {
  private final Optimizer optimizer;
  private final INDArray params, grads;
  private final INDArray s1, s2, update;
  private final int n;
  private long step;

  public Updater(Optimizer optimizer, Program p) {
    this.optimizer = optimizer;
    n = p.size();
    params = p.params.get(NDArrayIndex.interval(0, n));
    grads = p.grads.get(NDArrayIndex.interval(0, n));
    s1 = optimizer instanceof Optimizer.GradientDescent ? null : Nd4j.zeros(p.dtype, n);
    s2 = optimizer instanceof Optimizer.Adam ? Nd4j.zeros(p.dtype, n) : null;
    update = optimizer instanceof Optimizer.Adam ? Nd4j.zeros(p.dtype, n) : null;
  }

  /** Number of steps taken. */
  public long steps() {
    return step;
  }

  /** Applies one update from the current gradients. */
  public void step() {
    var l1 = Nd4j.getBlasWrapper().level1();
    double lr = optimizer.learningRate();
    if (optimizer instanceof Optimizer.GradientDescent) {
      l1.axpy(n, -lr, grads, params);
    } else if (optimizer instanceof Optimizer.Momentum m) {
      s1.muli(m.momentum());
      l1.axpy(n, -lr, grads, s1);
      if (m.nesterov()) {
        l1.axpy(n, m.momentum(), s1, params);
        l1.axpy(n, -lr, grads, params);
      } else {
        l1.axpy(n, 1.0, s1, params);
      }
    } else if (optimizer instanceof Optimizer.Adam a) {
      // libnd4j adam_updater: v (stateU) and m (stateM) updated in place; 'iteration' is 0-based.
      Nd4j.exec(new AdamUpdater(grads, s2, s1, update, s2, s1, lr, a.beta1(), a.beta2(), a.epsilon(), (int) step));
      params.subi(update);
    }
    step++;
  }

  /** The optimiser state as named copies ("step" as a one-element array). */
  public Map<String, INDArray> state() {
    Map<String, INDArray> m = new LinkedHashMap<>();
    m.put("optimizer.step", Nd4j.createFromArray(new long[] {step}));
    if (s1 != null) m.put("optimizer.s1", s1.dup());
    if (s2 != null) m.put("optimizer.s2", s2.dup());
    return m;
  }

  /** Restores {@link #state()}. */
  public void restore(Map<String, INDArray> m) {
    step = m.get("optimizer.step").getLong(0);
    if (s1 != null) s1.assign(m.get("optimizer.s1").reshape(n).castTo(s1.dataType()));
    if (s2 != null) s2.assign(m.get("optimizer.s2").reshape(n).castTo(s2.dataType()));
  }
}
