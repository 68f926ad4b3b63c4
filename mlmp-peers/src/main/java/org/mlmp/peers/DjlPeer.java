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
import ai.djl.nn.norm.Dropout;
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
import java.util.TreeSet;

/**
 * DJL with its PyTorch engine and the offline CPU natives on the class path ({@code ai.djl.offline=true}: it never
 * downloads at run time; https://docs.djl.ai/docs/serving/serving/docs/configurations.html), configured as DJL's
 * performance guide says (docs/development/inference_performance_optimization.md, "Thread configuration":
 * {@code ai.djl.pytorch.num_threads} intra-op threads, {@code ai.djl.pytorch.num_interop_threads}), with one
 * inter-op thread as PyTorch's CPU threading note advises against oversubscription. The natives are pytorch.org's
 * CPU build: MKL, linked into libtorch_cpu, does its GEMMs on the same (bundled libgomp) OpenMP threads, and
 * {@code at::set_num_threads} sets MKL's threads with the intra-op ones — no second pool, so there is one thread split
 * only ({@code --blas-threads} is refused). As for libtorch, the launcher preloads TCMalloc when installed and sets
 * glibc's malloc to keep freed memory ({@link PeerEnvironment#keepsFreedMemory()}: without it DJL's MLP ran at
 * 4 700 img/s, with it 19 500).
 */
public final class DjlPeer {
  private DjlPeer() {}

  static ObjectNode run(PeerArgs p) throws Exception {
    if (p.blasThreads() != 1) {
      throw new IllegalArgumentException("DJL's PyTorch natives run their BLAS (MKL) on the intra-op threads, so a DJL"
          + " run has no --blas-threads; got --blas-threads " + p.blasThreads() + ". Give the threads with --threads.");
    }
    if ("channels_last".equals(p.memoryFormat())) {
      throw new IllegalArgumentException("DJL's NDArray API has no memory-format setting, so a DJL run computes on NCHW"
          + " (contiguous) arrays only; got --memory-format channels_last. Leave it out or give contiguous.");
    }
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(p.threads()));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Engine engine = Engine.getEngine("PyTorch");
    engine.setRandomSeed(0);
    PeerEnvironment env = PeerEnvironment.current();
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("djl", Engine.getDjlVersion());
    config.put("pytorch", engine.getVersion());
    config.put("intra_op_threads", JniUtils.getNumThreads());
    config.put("inter_op_threads", JniUtils.getNumInteropThreads());
    config.put("features", new TreeSet<>(JniUtils.getFeatures()).toString());
    config.put("offline", System.getProperty("ai.djl.offline"));
    config.put("blas", "MKL inside libtorch_cpu (pytorch.org CPU build), on the intra-op OpenMP threads");
    String allocator = PeerMaps.allocator();
    config.put("malloc", allocator);
    config.put("env", env.asMap());
    config.put("data", PeerSummary.data(p));
    config.put("docs", PeerSummary.DJL_DOCS + "; " + PeerSummary.THREADING_DOCS + "; " + PeerSummary.TUNING_DOCS);
    String summary = PeerSummary.djl(Engine.getDjlVersion(), engine.getVersion(), JniUtils.getNumThreads(),
        JniUtils.getNumInteropThreads(), (String) config.get("features"), allocator, env)
        + PeerSummary.memoryFormat(p, "contiguous", "DJL's NDArray API has no memory-format setting");
    config.put("memory_format", p.memoryFormat("contiguous"));
    return switch (p.workload()) {
      case "probe" -> PeerMain.answer("djl", p, Map.of(), config, summary);
      case "alexconv" -> {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
          yield PeerMain.answer("djl", p, PeerMain.alexConv(p, l -> timeConv(engine, m, l, p)), config, summary);
        }
      }
      default -> PeerMain.answer("djl", p, Map.of("img_per_s", train(p)), config, summary);
    };
  }

  /** Training img/s of "lenet", "mlp" (MNIST-shaped input, 10 classes) or "alexnet" (3×224×224, 1 000 classes). */
  private static double train(PeerArgs p) throws Exception {
    try (Model model = Model.newInstance(p.workload(), Device.cpu(), "PyTorch")) {
      model.setBlock(switch (p.workload()) {
        case "lenet" -> lenet();
        case "mlp" -> mlp();
        default -> alexnet();
      });
      DefaultTrainingConfig cfg = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
          .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build())
          .optDevices(new Device[] {Device.cpu()});
      try (Trainer trainer = model.newTrainer(cfg)) {
        long[] image = p.image();
        Shape input = new Shape(p.batch(), image[0], image[1], image[2]);
        trainer.initialize(input);
        NDManager base = trainer.getManager();
        NDArray x, y;
        if (p.x() != null) { // mlmp's batch: the same numbers on every side of the row
          PeerBatch b = PeerBatch.read(p);
          x = base.create(b.images(), input);
          y = base.create(b.labels(), new Shape(p.batch())).toType(DataType.FLOAT32, false);
        } else {
          x = base.randomUniform(0f, 1f, input);
          y = base.randomInteger(0, p.classes(), new Shape(p.batch()), DataType.INT32)
              .toType(DataType.FLOAT32, false);
        }
        return PeerMain.imagesPerSecond(p.batch(), p.steps(), () -> {
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
      }
    }
  }

  /**
   * One AlexNet convolution with DJL's {@code Conv2d.conv2d} (weight and bias, no activation, as torch_bench.py's
   * {@code nn.Conv2d}) on a random batch that requires its gradient: forward outside a gradient collector (DJL's
   * PyTorch engine runs with autograd off there), and forward + {@code sum()} backward inside one (the collector
   * clears the gradients first).
   */
  private static double[] timeConv(Engine engine, NDManager m, PeerConvLayer l, PeerArgs p) throws Exception {
    try (NDManager layer = m.newSubManager()) {
      NDArray x = layer.randomUniform(0f, 1f, new Shape(p.batch(), l.cin(), l.size(), l.size()));
      float bound = (float) (1 / Math.sqrt((double) l.cin() * l.kernel() * l.kernel()));
      NDArray w = layer.randomUniform(-bound, bound, new Shape(l.cout(), l.cin(), l.kernel(), l.kernel()));
      NDArray b = layer.randomUniform(-bound, bound, new Shape(l.cout()));
      for (NDArray a : new NDArray[] {x, w, b}) a.setRequiresGradient(true);
      Shape stride = new Shape(l.stride(), l.stride()), pad = new Shape(l.padding(), l.padding());
      Shape expected = new Shape(p.batch(), l.cout(), l.outSize(), l.outSize());
      try (NDManager step = layer.newSubManager()) {
        Shape got = Conv2d.conv2d(x, w, b, stride, pad).singletonOrThrow().getShape();
        if (!got.equals(expected)) {
          throw new IllegalStateException("DJL's " + l.name() + " gives output " + got + ", expected " + expected + ".");
        }
      }
      double fwd = PeerMain.medianSeconds(2, p.steps(), () -> {
        try (NDManager step = layer.newSubManager()) {
          NDList in = new NDList(x, w, b);
          in.tempAttach(step);
          Conv2d.conv2d(x, w, b, stride, pad);
        }
      });
      double fb = PeerMain.medianSeconds(2, p.steps(), () -> {
        try (NDManager step = layer.newSubManager()) {
          NDList in = new NDList(x, w, b);
          in.tempAttach(step);
          try (GradientCollector gc = engine.newGradientCollector()) {
            gc.backward(Conv2d.conv2d(x, w, b, stride, pad).singletonOrThrow().sum());
          }
        }
      });
      return new double[] {fwd, fb};
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

  /**
   * torchvision's AlexNet as torch_bench.py writes it out and mlmp's {@code AlexNet.torchvision()} builds it (the
   * adaptive 6×6 average pool is the identity at 224×224 and left out on all sides).
   */
  static SequentialBlock alexnet() {
    return new SequentialBlock()
        .add(conv(64, 11, 4, 2)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)))
        .add(conv(192, 5, 1, 2)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)))
        .add(conv(384, 3, 1, 1)).add(Activation.reluBlock())
        .add(conv(256, 3, 1, 1)).add(Activation.reluBlock())
        .add(conv(256, 3, 1, 1)).add(Activation.reluBlock()).add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)))
        .add(Blocks.batchFlattenBlock())
        .add(Dropout.builder().optRate(0.5f).build())
        .add(Linear.builder().setUnits(4096).build())
        .add(Activation.reluBlock())
        .add(Dropout.builder().optRate(0.5f).build())
        .add(Linear.builder().setUnits(4096).build())
        .add(Activation.reluBlock())
        .add(Linear.builder().setUnits(1000).build());
  }

  private static Conv2d conv(int filters, int k, int stride, int padding) {
    return Conv2d.builder().setKernelShape(new Shape(k, k)).optStride(new Shape(stride, stride))
        .optPadding(new Shape(padding, padding)).setFilters(filters).build();
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
