package org.mlmp.peers;

import static org.bytedeco.pytorch.global.torch.cross_entropy;
import static org.bytedeco.pytorch.global.torch.flatten;
import static org.bytedeco.pytorch.global.torch.max_pool2d;
import static org.bytedeco.pytorch.global.torch.relu;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * libtorch 2.x through JavaCPP ({@code org.bytedeco:pytorch}), configured as PyTorch's CPU threading note
 * recommends (https://pytorch.org/docs/stable/notes/cpu_threading_torchscript_inference.html, "avoid
 * oversubscription"): T intra-op threads ({@code at::set_num_threads}), one inter-op thread (eager training forks
 * no JIT work), and one thread for the OpenBLAS that this build calls for GEMMs beside its OpenMP pool
 * ({@code blas_set_num_threads(1)}; {@code OPENBLAS_NUM_THREADS=1} is set too). The networks are written with
 * libtorch's C++ modules and functionals, as {@code torch.nn} would.
 */
public final class LibtorchPeer {
  private LibtorchPeer() {}

  static ObjectNode run(PeerArgs p) throws Exception {
    torch.set_num_threads(p.threads());
    torch.set_num_interop_threads(1);
    openblas.blas_set_num_threads(1);
    torch.manual_seed(0);
    Map<String, Object> config = new LinkedHashMap<>();
    String show = torch.show_config().getString();
    config.put("libtorch", field(show, "TORCH_VERSION"));
    config.put("intra_op_threads", torch.get_num_threads());
    config.put("inter_op_threads", torch.get_num_interop_threads());
    config.put("parallel_info", torch.get_parallel_info().getString().strip());
    config.put("blas_info", field(show, "BLAS_INFO"));
    config.put("openblas", "org.bytedeco:openblas, blas_get_vendor() = " + openblas.blas_get_vendor());
    config.put("openblas_threads", openblas.blas_get_num_threads());
    config.put("docs", "https://pytorch.org/docs/stable/notes/cpu_threading_torchscript_inference.html");
    String summary = PeerMain.fmt("libtorch %s (org.bytedeco:pytorch, own JVM), intra-op %d, inter-op %d, BLAS_INFO=%s,"
        + " OpenBLAS %d thread(s) (%s); per %s", config.get("libtorch"), torch.get_num_threads(),
        torch.get_num_interop_threads(), config.get("blas_info"), openblas.blas_get_num_threads(),
        config.get("openblas"), config.get("docs"));
    if (p.workload().equals("probe")) return PeerMain.answer("libtorch", p, Double.NaN, config, summary);
    LibtorchNet net = new LibtorchNet(p.workload().equals("lenet"));
    Adam adam = new Adam(net.parameters(), new AdamOptions(1e-3));
    Tensor x = torch.rand(p.batch(), 1, 28, 28);
    Tensor y = torch.randint(10, new long[] {p.batch()}, new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Long));
    double rate = PeerMain.imagesPerSecond(p.batch(), p.steps(), () -> {
      try (PointerScope scope = new PointerScope()) {
        adam.zero_grad();
        Tensor loss = cross_entropy(net.forward(x), y);
        loss.backward();
        adam.step();
      }
    });
    return PeerMain.answer("libtorch", p, rate, config, summary);
  }

  /** LeNet-5 as mlmp's MnistTrainBench (conv 5×5 1→20, pool 2, conv 5×5 20→50, pool 2, 800→500 ReLU, 500→10) or the MLP. */
  static final class LibtorchNet extends Module {
    private final boolean lenet;
    private Conv2dImpl c1, c2;
    private final LinearImpl l1, l2, l3;

    LibtorchNet(boolean lenet) {
      this.lenet = lenet;
      if (lenet) {
        c1 = register_module("c1", new Conv2dImpl(1, 20, new LongPointer(5, 5)));
        c2 = register_module("c2", new Conv2dImpl(20, 50, new LongPointer(5, 5)));
        l1 = register_module("l1", new LinearImpl(800, 500));
        l2 = register_module("l2", new LinearImpl(500, 10));
        l3 = null;
      } else {
        l1 = register_module("l1", new LinearImpl(784, 512));
        l2 = register_module("l2", new LinearImpl(512, 256));
        l3 = register_module("l3", new LinearImpl(256, 10));
      }
    }

    Tensor forward(Tensor x) {
      if (lenet) {
        Tensor h = max_pool2d(c1.forward(x), 2, 2);
        h = flatten(max_pool2d(c2.forward(h), 2, 2), 1, -1);
        return l2.forward(relu(l1.forward(h)));
      }
      Tensor h = relu(l1.forward(flatten(x, 1, -1)));
      return l3.forward(relu(l2.forward(h)));
    }
  }

  private static String field(String show, String key) {
    Matcher m = Pattern.compile(key + "=([^,\\s]+)").matcher(show);
    return m.find() ? m.group(1) : "unknown";
  }
}
