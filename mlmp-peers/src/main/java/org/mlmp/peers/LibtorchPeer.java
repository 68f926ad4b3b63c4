package org.mlmp.peers;

import static org.bytedeco.pytorch.global.torch.cross_entropy;
import static org.bytedeco.pytorch.global.torch.dropout;
import static org.bytedeco.pytorch.global.torch.flatten;
import static org.bytedeco.pytorch.global.torch.max_pool2d;
import static org.bytedeco.pytorch.global.torch.relu;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.openblas.global.openblas;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * libtorch 2.x through JavaCPP ({@code org.bytedeco:pytorch}), configured as PyTorch's CPU threading note
 * recommends (https://pytorch.org/docs/stable/notes/cpu_threading_torchscript_inference.html, "avoid
 * oversubscription") for one of the two splits of T threads: T intra-op threads ({@code at::set_num_threads}) and one
 * thread for the OpenBLAS this build calls for GEMMs beside its OpenMP pool, or one intra-op thread and T OpenBLAS
 * threads ({@code --threads 1 --blas-threads T}); one inter-op thread (eager training forks no JIT work). OpenBLAS
 * reads {@code OPENBLAS_NUM_THREADS} when it loads, so the launcher sets it to the same count
 * ({@code blas_set_num_threads} is called too) and a different value is refused. The launcher also preloads TCMalloc
 * when installed and sets glibc's malloc to keep freed memory (see {@link PeerEnvironment#keepsFreedMemory()}).
 * Convolutions run on oneDNN, libtorch's default. The convolutional workloads run channels-last, as PyTorch's
 * performance tuning guide recommends for computer vision models ("Enable channels_last memory format for computer
 * vision models"): the input and every convolution's weight are converted ({@link #channelsLast}), so oneDNN's
 * outputs and gradients come channels-last too; {@code --memory-format contiguous} keeps them NCHW. The networks are
 * written with libtorch's C++ modules and functionals, as {@code torch.nn} would; each step runs in a JavaCPP
 * {@code PointerScope}, which frees its tensors when it closes (no garbage collector involved).
 */
public final class LibtorchPeer {
  private LibtorchPeer() {}

  /** The memory format libtorch runs the convolutional workloads in unless asked otherwise (the tuning guide's). */
  private static final String CHANNELS_LAST = "channels_last";

  static ObjectNode run(PeerArgs p) throws Exception {
    PeerEnvironment env = PeerEnvironment.current();
    if (env.openblas() != null && !env.openblas().equals(Integer.toString(p.blasThreads()))) {
      throw new IllegalArgumentException("libtorch's OpenBLAS reads OPENBLAS_NUM_THREADS when it loads: got "
          + env.openblas() + " for --blas-threads " + p.blasThreads() + "; launch it with OPENBLAS_NUM_THREADS="
          + p.blasThreads() + " (as mlmp compare does).");
    }
    torch.set_num_threads(p.threads());
    torch.set_num_interop_threads(1);
    openblas.blas_set_num_threads(p.blasThreads());
    torch.manual_seed(0);
    Map<String, Object> config = new LinkedHashMap<>();
    String show = torch.show_config().getString();
    boolean oneDnn = torch.globalContext().userEnabledMkldnn();
    config.put("libtorch", field(show, "TORCH_VERSION"));
    config.put("intra_op_threads", torch.get_num_threads());
    config.put("inter_op_threads", torch.get_num_interop_threads());
    config.put("parallel_info", torch.get_parallel_info().getString().strip());
    config.put("blas_info", field(show, "BLAS_INFO"));
    config.put("openblas", "org.bytedeco:openblas, blas_get_vendor() = " + openblas.blas_get_vendor());
    config.put("openblas_threads", openblas.blas_get_num_threads());
    String kernel = PeerOpenBlas.loaded();
    config.put("openblas_kernel", kernel);
    config.put("onednn", oneDnn);
    String allocator = PeerMaps.allocator();
    config.put("malloc", allocator);
    config.put("env", env.asMap());
    config.put("data", PeerSummary.data(p));
    config.put("docs", PeerSummary.THREADING_DOCS + "; " + PeerSummary.TUNING_DOCS);
    String format = p.memoryFormat(CHANNELS_LAST);
    boolean cl = format.equals(CHANNELS_LAST);
    config.put("memory_format", format);
    String summary = PeerSummary.libtorch((String) config.get("libtorch"), (int) torch.get_num_threads(),
        (int) torch.get_num_interop_threads(), (String) config.get("blas_info"), openblas.blas_get_num_threads(), kernel,
        oneDnn, allocator, env) + PeerSummary.memoryFormat(p, format, "input and convolution weights converted");
    return switch (p.workload()) {
      case "probe" -> PeerMain.answer("libtorch", p, Map.of(), config, summary);
      case "alexconv" -> PeerMain.answer("libtorch", p, PeerMain.alexConv(p, l -> timeConv(l, p, cl)), config, summary);
      default -> PeerMain.answer("libtorch", p, Map.of("img_per_s", train(p, cl)), config, summary);
    };
  }

  /**
   * Training img/s of "lenet", "mlp" (MNIST-shaped input, 10 classes) or "alexnet" (3×224×224, 1 000 classes); with
   * {@code cl} the input and the convolutions' weights channels-last.
   */
  private static double train(PeerArgs p, boolean cl) throws Exception {
    LibtorchNet net = new LibtorchNet(p.workload());
    if (cl) for (Conv2dImpl c : net.convs) channelsLast(c.weight());
    Adam adam = new Adam(net.parameters(), new AdamOptions(1e-3));
    long[] image = p.image();
    Tensor x, y;
    if (p.x() != null) { // mlmp's batch: the same numbers on every side of the row
      PeerBatch b = PeerBatch.read(p);
      x = Tensor.create(b.images(), b.shape());
      y = Tensor.create(Arrays.stream(b.labels()).asLongStream().toArray(), p.batch());
    } else {
      x = torch.rand(p.batch(), image[0], image[1], image[2]);
      y = torch.randint(p.classes(), new long[] {p.batch()},
          new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Long));
    }
    Tensor input = cl ? channelsLastCopy(x) : x;
    return PeerMain.imagesPerSecond(p.batch(), p.steps(), () -> {
      try (PointerScope scope = new PointerScope()) {
        adam.zero_grad();
        Tensor loss = cross_entropy(net.forward(input), y);
        loss.backward();
        adam.step();
      }
    });
  }

  /**
   * One AlexNet convolution (a {@code torch::nn::Conv2d} with bias, no activation, as torch_bench.py's
   * {@code nn.Conv2d}) on a random batch that requires its gradient: forward under {@code NoGradGuard}, and
   * forward + {@code sum().backward()} with the module's and the input's gradients cleared first; with {@code cl} the
   * input and the weight channels-last.
   */
  private static double[] timeConv(PeerConvLayer l, PeerArgs p, boolean cl) throws Exception {
    Conv2dImpl conv = conv(l.cin(), l.cout(), l.kernel(), l.stride(), l.padding());
    if (cl) channelsLast(conv.weight());
    Tensor drawn = torch.rand(p.batch(), l.cin(), l.size(), l.size());
    Tensor x = cl ? channelsLastCopy(drawn) : drawn;
    x.set_requires_grad(true);
    long[] expected = {p.batch(), l.cout(), l.outSize(), l.outSize()};
    try (PointerScope scope = new PointerScope()) {
      Tensor out = conv.forward(x);
      long[] got = new long[(int) out.dim()];
      for (int d = 0; d < got.length; d++) got[d] = out.size(d);
      if (!Arrays.equals(got, expected)) {
        throw new IllegalStateException("libtorch's " + l.name() + " gives output " + Arrays.toString(got) + ", expected "
            + Arrays.toString(expected) + ": the stride or padding did not reach Conv2dOptions.");
      }
    }
    double fwd;
    try (NoGradGuard noGrad = new NoGradGuard()) {
      fwd = PeerMain.medianSeconds(2, p.steps(), () -> {
        try (PointerScope scope = new PointerScope()) {
          conv.forward(x);
        }
      });
    }
    double fb = PeerMain.medianSeconds(2, p.steps(), () -> {
      try (PointerScope scope = new PointerScope()) {
        conv.zero_grad(true);
        x.mutable_grad().put(new Tensor()); // x.grad = None
        conv.forward(x).sum().backward();
      }
    });
    return new double[] {fwd, fb};
  }

  /**
   * Python's {@code t.to(memory_format=torch.channels_last)}: a channels-last copy of a 4-D tensor ({@code to} gives
   * the channels-last strides even where a dimension of size 1 would let {@code contiguous} keep the NCHW ones, as
   * PyTorch's Channels Last tutorial notes).
   */
  static Tensor channelsLastCopy(Tensor t) {
    return t.to(torch.ScalarType.Float, false, false, new MemoryFormatOptional(torch.MemoryFormat.ChannelsLast));
  }

  /** A module's 4-D parameter made channels-last in place, as Python's {@code module.to(memory_format=...)} does. */
  static void channelsLast(Tensor parameter) {
    parameter.__dispatch_set_data(channelsLastCopy(parameter));
  }

  /** A {@code torch::nn::Conv2d(cin, cout, k).stride(stride).padding(padding)} with bias and PyTorch's default init. */
  private static Conv2dImpl conv(long cin, long cout, long k, long stride, long padding) {
    Conv2dOptions o = new Conv2dOptions(cin, cout, new LongPointer(k, k));
    o.stride().put(new long[] {stride, stride});
    o.padding().put(new LongPointer(padding, padding));
    return new Conv2dImpl(o);
  }

  /**
   * LeNet-5 as mlmp's MnistTrainBench (conv 5×5 1→20, pool 2, conv 5×5 20→50, pool 2, 800→500 ReLU, 500→10), the
   * MLP 784-512-256-10, or torchvision's AlexNet as torch_bench.py writes it out and mlmp's {@code AlexNet.torchvision()}
   * builds it: conv 11×11/4 pad 2 64, ReLU, max-pool 3/2, conv 5×5 pad 2 192, ReLU, max-pool 3/2, conv 3×3 pad 1 384,
   * 256, 256 each with ReLU, max-pool 3/2, flatten (the adaptive 6×6 average pool is the identity at 224×224 and left
   * out on all three sides), dropout 0.5, 9216→4096 ReLU, dropout 0.5, 4096→4096 ReLU, 4096→1000.
   */
  static final class LibtorchNet extends Module {
    private final String workload;
    private final Conv2dImpl[] convs;
    private final LinearImpl[] dense;

    LibtorchNet(String workload) {
      this.workload = workload;
      switch (workload) {
        case "lenet" -> {
          convs = new Conv2dImpl[] {register_module("c1", new Conv2dImpl(1, 20, new LongPointer(5, 5))),
              register_module("c2", new Conv2dImpl(20, 50, new LongPointer(5, 5)))};
          dense = new LinearImpl[] {register_module("l1", new LinearImpl(800, 500)),
              register_module("l2", new LinearImpl(500, 10))};
        }
        case "mlp" -> {
          convs = new Conv2dImpl[0];
          dense = new LinearImpl[] {register_module("l1", new LinearImpl(784, 512)),
              register_module("l2", new LinearImpl(512, 256)), register_module("l3", new LinearImpl(256, 10))};
        }
        case "alexnet" -> {
          convs = new Conv2dImpl[] {register_module("c1", conv(3, 64, 11, 4, 2)),
              register_module("c2", conv(64, 192, 5, 1, 2)), register_module("c3", conv(192, 384, 3, 1, 1)),
              register_module("c4", conv(384, 256, 3, 1, 1)), register_module("c5", conv(256, 256, 3, 1, 1))};
          dense = new LinearImpl[] {register_module("l1", new LinearImpl(9216, 4096)),
              register_module("l2", new LinearImpl(4096, 4096)), register_module("l3", new LinearImpl(4096, 1000))};
        }
        default -> throw new IllegalArgumentException("libtorch has no network '" + workload
            + "'; the training workloads are lenet, mlp, alexnet.");
      }
    }

    Tensor forward(Tensor x) {
      return switch (workload) {
        case "lenet" -> {
          Tensor h = max_pool2d(convs[0].forward(x), 2, 2);
          h = flatten(max_pool2d(convs[1].forward(h), 2, 2), 1, -1);
          yield dense[1].forward(relu(dense[0].forward(h)));
        }
        case "mlp" -> {
          Tensor h = relu(dense[0].forward(flatten(x, 1, -1)));
          yield dense[2].forward(relu(dense[1].forward(h)));
        }
        default -> {
          Tensor h = pool3(relu(convs[0].forward(x)));
          h = pool3(relu(convs[1].forward(h)));
          h = relu(convs[2].forward(h));
          h = relu(convs[3].forward(h));
          h = flatten(pool3(relu(convs[4].forward(h))), 1, -1);
          h = relu(dense[0].forward(dropout(h, 0.5, true)));
          h = relu(dense[1].forward(dropout(h, 0.5, true)));
          yield dense[2].forward(h);
        }
      };
    }

    private static Tensor pool3(Tensor x) {
      return max_pool2d(x, new long[] {3, 3}, new long[] {2, 2}, new long[] {0, 0}, new long[] {1, 1}, false);
    }
  }

  private static String field(String show, String key) {
    Matcher m = Pattern.compile(key + "=([^,\\s]+)").matcher(show);
    return m.find() ? m.group(1) : "unknown";
  }
}
