package org.mlmp.backend;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and starts the ND4J backend, once per JVM, before ND4J initialises.
 *
 * <p>Every mlmp entry point calls {@link #initialize()}; call it yourself first if your code touches
 * {@code Nd4j} before mlmp does. The request comes from {@code -Dmlmp.backend} or {@code MLMP_BACKEND}
 * ({@code cpu}, {@code cuda}, {@code auto}; unset means auto), see {@link BackendSelector} for the rule.
 * The chosen backend is enforced by hiding the other backend's ND4J service entry from ND4J's class
 * loader, so the choice holds whatever ND4J's own priorities say. On the CPU the nd4j-native build is
 * chosen for the processor ({@link NativeBuild}) and the OpenBLAS kernel is checked
 * ({@link OpenBlasKernel}).
 */
public final class Backends {
  private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
  static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";
  static final String CPU_BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
  private static final String SERVICE = "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend";

  private static BackendReport report;
  private static GpuStatus gpuStatus;

  private Backends() {}

  /** Starts the backend (once) and returns its report. */
  public static synchronized BackendReport initialize() {
    if (report != null) return report;
    BackendRequest request = BackendRequest.fromEnvironment();
    ClassLoader loader = Backends.class.getClassLoader();
    boolean cudaPresent = ND4JClassLoading.classPresentOnClasspath(CUDA_BACKEND_CLASS, loader);
    gpuStatus = (request == BackendRequest.CPU || (request == BackendRequest.AUTO && !cudaPresent))
        ? GpuStatus.of(GpuStatus.State.UNKNOWN, "not probed") : probeGpu();
    BackendDecision decision = BackendSelector.decide(request, cudaPresent, gpuStatus);

    CpuFeatures cpu = CpuFeatures.current();
    String extension = "";
    if (decision.kind() == BackendKind.CPU) {
      extension = NativeBuild.apply(cpu);
      if (cudaPresent) hideBackend(loader, CUDA_BACKEND_CLASS);
    } else {
      extension = NativeBuild.applyCuda();
      hideBackend(loader, CPU_BACKEND_CLASS);
    }
    applyThreads();

    String loaded = Nd4j.getBackend().getClass().getName();
    BackendKind actual = loaded.contains("jcublas") ? BackendKind.CUDA : BackendKind.CPU;
    if (actual != decision.kind()) {
      throw new BackendUnavailableException("mlmp chose the " + decision.kind() + " backend (" + decision.reason()
          + ") but ND4J loaded " + loaded + ". Check that its natives are on the class path"
          + (decision.kind() == BackendKind.CUDA ? " (build with -Pcuda)" : "") + ".");
    }
    report = buildReport(decision, cpu, extension);
    LOG.info(report.toLogLine());
    for (String w : report.warnings()) LOG.warn(w);
    return report;
  }

  /** The report of the running backend, starting it if needed. */
  public static BackendReport report() {
    return initialize();
  }

  /** What the GPU probe found (probes now if initialization did not need to). */
  public static synchronized GpuStatus gpuStatus() {
    if (gpuStatus == null || gpuStatus.detail().equals("not probed")) gpuStatus = probeGpu();
    return gpuStatus;
  }

  static GpuStatus probeGpu() {
    List<GpuProbe> probes = new ArrayList<>();
    ServiceLoader.load(GpuProbe.class, Backends.class.getClassLoader()).forEach(probes::add);
    probes.add(new NvidiaSmiProbe());
    probes.sort(Comparator.comparingInt(GpuProbe::priority).reversed());
    GpuStatus last = null;
    for (GpuProbe p : probes) {
      last = p.probe();
      if (last.state() != GpuStatus.State.UNKNOWN) return last;
    }
    return last;
  }

  /** MLMP_THREADS (or -Dmlmp.threads) caps ND4J's and OpenBLAS's threads. */
  private static void applyThreads() {
    String t = System.getProperty("mlmp.threads", System.getenv("MLMP_THREADS"));
    if (t == null || t.isBlank()) return;
    int n;
    try {
      n = Integer.parseInt(t.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("MLMP_THREADS must be a positive whole number. Got '" + t + "' instead.");
    }
    if (n < 1) throw new IllegalArgumentException("MLMP_THREADS must be >= 1. Got " + n + " instead.");
    Nd4j.getEnvironment().setMaxThreads(n);
    Nd4j.getEnvironment().setMaxMasterThreads(n);
  }

  private static BackendReport buildReport(BackendDecision d, CpuFeatures cpu, String extension) {
    var info = Nd4j.getExecutioner().getEnvironmentInformation();
    String vendor = String.valueOf(info.getOrDefault("blas.vendor", "unknown"));
    int threads = Nd4j.getEnvironment().maxThreads();
    long maxBytes = org.bytedeco.javacpp.Pointer.maxBytes();
    List<String> warnings = new ArrayList<>();
    if (d.kind() == BackendKind.CPU) {
      String core = OpenBlasKernel.loadedCoreName().orElse("");
      String config = OpenBlasKernel.loadedConfig().orElse("");
      String w = OpenBlasKernel.warning(core.isEmpty() ? null : core, cpu);
      if (w != null) warnings.add(w);
      return new BackendReport(BackendKind.CPU, d.reason(), cpu.modelName() + " (" + Runtime.getRuntime().availableProcessors()
          + " cores)", org.bytedeco.javacpp.Pointer.totalPhysicalBytes(), "", NativeBuild.platform() + extension,
          vendor, core, config, threads, Nd4j.defaultFloatingPointType().name().toLowerCase(), maxBytes, warnings);
    }
    GpuDevice g = gpuStatus.firstUsable();
    return new BackendReport(BackendKind.CUDA, d.reason(), g.name(), g.memoryBytes(), g.computeCapability(),
        NativeBuild.platform() + extension, vendor, "", "", threads,
        Nd4j.defaultFloatingPointType().name().toLowerCase(), maxBytes, warnings);
  }

  /**
   * Makes ND4J's service lookup skip the backend named {@code backendClass}: ND4J loads its backends
   * through {@link ND4JClassLoading}'s class loader, which we wrap with one that leaves out the
   * service file listing that class.
   */
  static void hideBackend(ClassLoader parent, String backendClass) {
    ND4JClassLoading.setNd4jClassloader(new ClassLoader(parent) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> all = super.getResources(name);
        if (!SERVICE.equals(name)) return all;
        List<URL> kept = new ArrayList<>();
        for (URL u : Collections.list(all)) {
          if (!lists(u, backendClass)) kept.add(u);
        }
        return Collections.enumeration(kept);
      }
    });
  }

  private static boolean lists(URL serviceFile, String className) {
    try (InputStream in = serviceFile.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::trim).anyMatch(className::equals);
    } catch (IOException e) {
      return false;
    }
  }
}
