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
 * <p>Nothing to call first: whoever starts ND4J (an mlmp entry point or the application's own
 * {@code Nd4j} call), {@link Nd4jStartHook} runs the choice before ND4J loads its natives;
 * {@link #initialize()} (what {@code Mlmp.init()} calls) then reads what was actually loaded. If ND4J
 * was started where the hook could not run, the report names the build ND4J loaded and one warning
 * says why it may be slower. The request comes from {@code -Dmlmp.backend} or {@code MLMP_BACKEND}
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
  private static volatile GpuStatus gpuStatus;
  /** Guards {@link #prepare()}, which also runs inside ND4J's start-up: never held while ND4J starts. */
  private static final Object PREPARE_LOCK = new Object();
  private static volatile StartPlan prepared;

  /** What {@link #prepare()} decided and set before ND4J loaded its backend. */
  record StartPlan(BackendDecision decision, CpuFeatures cpu, String extension) {}

  private Backends() {}

  /**
   * Starts the backend (once) and returns its report. If ND4J was started before mlmp could choose
   * its build (see {@link Nd4jStartHook}), the report names what ND4J loaded and carries one warning.
   *
   * @return the report of the running backend (the same object on every call)
   * @throws BackendUnavailableException when CUDA was requested and cannot run here
   */
  public static synchronized BackendReport initialize() {
    if (report != null) return report;
    // prepare() first: touching JavaCPP's Loader (to see whether ND4J's natives are loaded) makes it read
    // the build property, so the property must be set before; it loads nothing by itself.
    boolean hookRan = prepared != null;
    StartPlan p = prepare();
    boolean startedBefore = !hookRan && nd4jNativesLoaded();
    if (startedBefore) p = null;

    String loaded = Nd4j.getBackend().getClass().getName();
    BackendKind actual = loaded.contains("jcublas") ? BackendKind.CUDA : BackendKind.CPU;
    if (p != null && actual != p.decision().kind()) {
      throw new BackendUnavailableException("mlmp chose the " + p.decision().kind() + " backend (" + p.decision().reason()
          + ") but ND4J loaded " + loaded + ". Check that its natives are on the class path"
          + (p.decision().kind() == BackendKind.CUDA ? " (build with -Pcuda)" : "") + ".");
    }
    applyThreads();
    CpuFeatures cpu = CpuFeatures.current();
    String build = NativeBuild.loaded(org.bytedeco.javacpp.Loader.getLoadedLibraries())
        .orElse(NativeBuild.platform() + (p == null ? "" : p.extension()) + " (not found among JavaCPP's loaded libraries)");
    List<String> extra = new ArrayList<>();
    BackendDecision decision = p != null ? p.decision()
        : new BackendDecision(actual, "ND4J was started before mlmp, by the application's own code");
    if (startedBefore) extra.add(startedBeforeWarning(actual, build, cpu));
    report = buildReport(decision, cpu, build, extra);
    LOG.info(report.toLogLine());
    for (String w : report.warnings()) LOG.warn(w);
    return report;
  }

  /**
   * Decides the backend and sets what ND4J reads when it starts (the native build, the hidden
   * backend), once per JVM; touches no ND4J array class. Called by {@link #initialize()} and by
   * {@link Nd4jStartHook} when ND4J starts first.
   */
  static StartPlan prepare() {
    synchronized (PREPARE_LOCK) {
      if (prepared != null) return prepared;
      BackendRequest request = BackendRequest.fromEnvironment();
      ClassLoader loader = Backends.class.getClassLoader();
      boolean cudaPresent = ND4JClassLoading.classPresentOnClasspath(CUDA_BACKEND_CLASS, loader);
      gpuStatus = (request == BackendRequest.CPU || (request == BackendRequest.AUTO && !cudaPresent))
          ? GpuStatus.of(GpuStatus.State.UNKNOWN, "not probed") : probeGpu();
      BackendDecision decision = BackendSelector.decide(request, cudaPresent, gpuStatus);
      CpuFeatures cpu = CpuFeatures.current();
      String extension;
      if (decision.kind() == BackendKind.CPU) {
        extension = NativeBuild.apply(cpu);
        OpenBlasKernel.applyBeforeLoad(cpu).ifPresent(v -> LOG.debug("{}={} set in this process before OpenBLAS loads"
            + " (README, \"CPU speed\")", OpenBlasKernel.ENV, v));
        if (cudaPresent) hideBackend(loader, CUDA_BACKEND_CLASS);
      } else {
        extension = NativeBuild.applyCuda();
        hideBackend(loader, CPU_BACKEND_CLASS);
      }
      prepared = new StartPlan(decision, cpu, extension);
      return prepared;
    }
  }

  /** True once JavaCPP has loaded ND4J's JNI library (checked without starting ND4J). */
  private static boolean nd4jNativesLoaded() {
    return org.bytedeco.javacpp.Loader.getLoadedLibraries().keySet().stream().anyMatch(k -> k.contains("jnind4j"));
  }

  private static String startedBeforeWarning(BackendKind actual, String build, CpuFeatures cpu) {
    String best = actual == BackendKind.CPU
        ? NativeBuild.platform() + NativeBuild.choose(cpu, NativeBuild.platform(), Backends.class.getClassLoader()) : build;
    String why = best.equals(build)
        ? "it is the build mlmp would have chosen, but MLMP_BACKEND, the hidden second backend and the build choice were not applied"
        : "mlmp would have chosen " + best + " for this processor (" + cpu.modelName() + "), so array operations may be"
            + " slower (ND4J's own default ignores the processor's wider vector instructions)";
    return "ND4J was started before mlmp and loaded the native build " + build + "; " + why
        + ". Call org.mlmp.Mlmp.init() before your code first touches Nd4j, or keep mlmp's service entry"
        + " META-INF/services/org.nd4j.linalg.factory.Nd4jBackend when repackaging (it lets mlmp choose first).";
  }

  /**
   * The report of the running backend, starting it if needed.
   *
   * @return the same as {@link #initialize()}
   */
  public static BackendReport report() {
    return initialize();
  }

  /**
   * What the GPU probe found (probes now if initialization did not need to).
   *
   * @return the status of the highest-priority {@link GpuProbe}, cached
   */
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

  /** MLMP_THREADS (or -Dmlmp.threads) caps mlmp's, OpenBLAS's and OpenMP's threads ({@link Threads}). */
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
    Nd4j.getEnvironment().setMaxMasterThreads(n);
    Threads.configure(n);
  }

  private static BackendReport buildReport(BackendDecision d, CpuFeatures cpu, String build, List<String> extra) {
    var info = Nd4j.getExecutioner().getEnvironmentInformation();
    String vendor = String.valueOf(info.getOrDefault("blas.vendor", "unknown"));
    int threads = Threads.cap();
    long maxBytes = org.bytedeco.javacpp.Pointer.maxBytes();
    List<String> warnings = new ArrayList<>(extra);
    if (d.kind() == BackendKind.CPU) {
      String core = OpenBlasKernel.loadedCoreName().orElse("");
      String config = OpenBlasKernel.loadedConfig().orElse("");
      String w = OpenBlasKernel.warning(core.isEmpty() ? null : core, cpu);
      if (w != null) warnings.add(w);
      return new BackendReport(BackendKind.CPU, d.reason(), cpu.modelName() + " (" + Runtime.getRuntime().availableProcessors()
          + " cores)", org.bytedeco.javacpp.Pointer.totalPhysicalBytes(), "", build,
          vendor, core, config, threads, Nd4j.defaultFloatingPointType().name().toLowerCase(), maxBytes, warnings);
    }
    GpuDevice g = gpuStatus().firstUsable();
    return new BackendReport(BackendKind.CUDA, d.reason(), g.name(), g.memoryBytes(), g.computeCapability(),
        build, vendor, "", "", threads,
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
