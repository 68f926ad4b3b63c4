package org.mlmp.peers;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DJL with its PyTorch engine and the offline CPU natives on the class path ({@code ai.djl.offline=true}: it never
 * downloads at run time; https://docs.djl.ai/docs/serving/serving/docs/configurations.html), configured as DJL's
 * performance guide says (docs/development/inference_performance_optimization.md, "Thread configuration":
 * {@code ai.djl.pytorch.num_threads} intra-op threads, {@code ai.djl.pytorch.num_interop_threads}), with one
 * inter-op thread as PyTorch's CPU threading note advises against oversubscription. The natives are pytorch.org's
 * CPU build: its BLAS runs inside libtorch_cpu on the same (bundled libgomp) OpenMP threads, no second pool.
 */
public final class DjlPeer {
  private DjlPeer() {}

  static ObjectNode run(PeerArgs p) throws Exception {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(p.threads()));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed(0);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("djl", Engine.getDjlVersion());
    config.put("pytorch", engine.getVersion());
    config.put("intra_op_threads", JniUtils.getNumThreads());
    config.put("inter_op_threads", JniUtils.getNumInteropThreads());
    config.put("offline", System.getProperty("ai.djl.offline"));
    config.put("blas", "inside libtorch_cpu (pytorch.org CPU build), on the intra-op OpenMP threads");
    config.put("docs", "DJL docs/development/inference_performance_optimization.md (Thread configuration);"
        + " https://pytorch.org/docs/stable/notes/cpu_threading_torchscript_inference.html");
    String summary = PeerMain.fmt("DJL %s + PyTorch %s (offline CPU natives, own JVM), intra-op %d, inter-op %d, BLAS %s;"
        + " per %s", config.get("djl"), config.get("pytorch"), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
        config.get("blas"), config.get("docs"));
    if (p.workload().equals("probe")) return PeerMain.answer("djl", p, Double.NaN, config, summary);
    try (Model model = Model.newInstance(p.workload(), Device.cpu(), "PyTorch")) {
      model.setBlock(p.workload().equals("lenet") ? lenet() : mlp());
      DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
          .optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(cfg)) {
        Shape input = new Shape(p.batch(), 1, 28, 28);
        trainer.initialize(input);
        NDManager base = trainer.getManager();
        NDArray x = base.randomUniform(0f, 1f, input);
        NDArray y = base.randomInteger(0, 10, new Shape(p.batch()), DataType.INT32).toType(DataType.FLOAT32, false);
        double rate = PeerMain.imagesPerSecond(p.batch(), p.steps(), () -> {
          // one sub-manager per step: the step's intermediate arrays are freed with it, x and y return to base
          try (NDManager step = base.newSubManager()) {
            NDList in = new NDList(x), labels = new NDList(y);
            in.tempAttach(step);
            labels.tempAttach(step);
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDList pred = trainer.forward(in, labels);
              gc.backward(trainer.getLoss().evaluate(labels, pred));
            }
            trainer.step();
          }
        });
        return PeerMain.answer("djl", p, rate, config, summary);
      }
    }
  }

  /** LeNet-5 as mlmp's MnistTrainBench. */
  static SequentialBlock lenet() {
    return new SequentialBlock()
        .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(20).build())
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).setFilters(50).build())
        .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(500).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(10).build());
  }

  /** The MLP 784-512-256-10 with ReLU. */
  static SequentialBlock mlp() {
    return new SequentialBlock()
        .add(Blocks.batchFlattenBlock())
        .add(Linear.builder().setUnits(512).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(256).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(10).build());
  }
}
