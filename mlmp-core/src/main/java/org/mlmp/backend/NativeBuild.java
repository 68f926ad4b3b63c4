package org.mlmp.backend;

/**
 * Chooses which build of nd4j-native's natives JavaCPP loads, by setting the system property
 * {@code org.bytedeco.javacpp.platform.extension} before ND4J starts.
 *
 * <p>mlmp ships the three oneDNN builds of nd4j-native 1.0.0-M2.1 for the platform: {@code -onednn-avx512}
 * (AVX-512 F/CD/BW/DQ/VL), {@code -onednn-avx2} (AVX2 + FMA) and {@code -onednn} (any x86-64). The best one
 * the processor can execute is chosen; a build compiled for instructions the processor lacks would
 * crash with SIGILL, so the fallback matters. A value the user already set is kept.
 */
public final class NativeBuild {
  private NativeBuild() {}

  /** The JavaCPP system property that selects the build, e.g. "-onednn-avx512"; set before ND4J starts. */
  public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
  private static final String BINDINGS = "org/nd4j/linalg/cpu/nativecpu/bindings/";

  /** The builds this processor can run, best first. */
  static String[] candidates(CpuFeatures cpu) {
    return cpu.avx512() ? new String[] {"-onednn-avx512", "-onednn-avx2", "-onednn", ""}
        : cpu.avx2() ? new String[] {"-onednn-avx2", "-onednn", ""}
        : new String[] {"-onednn", ""};
  }

  /**
   * The extension for this processor, among those whose natives are on the class path.
   *
   * @param cpu the processor, whose AVX-512 / AVX2 flags decide which builds it can run
   * @param platform JavaCPP's platform name, e.g. "linux-x86_64" (see {@link #platform()})
   * @param loader the class loader that would load the natives
   * @return the best runnable build present, e.g. "-onednn-avx512"; "" (the plain build) when none is
   */
  public static String choose(CpuFeatures cpu, String platform, ClassLoader loader) {
    for (String ext : candidates(cpu)) {
      if (present(ext, platform, loader)) return ext;
    }
    return "";
  }

  private static boolean present(String ext, String platform, ClassLoader loader) {
    return loader.getResource(BINDINGS + platform + ext + "/") != null
        || loader.getResource(BINDINGS + platform + ext + "/libjnind4jcpu.so") != null;
  }

  /** The Maven coordinates of one build, as a dependency line. */
  static String dependency(String platform, String ext) {
    return "<dependency><groupId>org.nd4j</groupId><artifactId>nd4j-native</artifactId><version>" + ND4J_VERSION
        + "</version><classifier>" + platform + ext + "</classifier></dependency>";
  }

  static final String ND4J_VERSION = "1.0.0-M2.1";

  /**
   * The build JavaCPP actually loaded, e.g. "linux-x86_64-onednn-avx512": the {@code bindings/<build>/}
   * folder of ND4J's JNI library among JavaCPP's loaded libraries (name → file), if it is there.
   *
   * @param loadedLibraries JavaCPP's {@code Loader.getLoadedLibraries()}: library name → file path
   * @return the build's folder name, or empty when ND4J's JNI library is not among them
   */
  public static java.util.Optional<String> loaded(java.util.Map<String, String> loadedLibraries) {
    for (var e : loadedLibraries.entrySet()) {
      if (!e.getKey().contains("jnind4j") || e.getValue() == null) continue;
      String path = e.getValue().replace('\\', '/');
      int i = path.lastIndexOf("/bindings/");
      if (i < 0) continue;
      int end = path.indexOf('/', i + "/bindings/".length());
      if (end > 0) return java.util.Optional.of(path.substring(i + "/bindings/".length(), end));
    }
    return java.util.Optional.empty();
  }

  /**
   * JavaCPP's platform name for this JVM, from {@code os.name} and {@code os.arch}.
   *
   * @return e.g. "linux-x86_64", "linux-arm64", "macosx-x86_64"
   */
  public static String platform() {
    String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch");
    String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows" : os;
    String a = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64" -> "arm64";
      default -> arch;
    };
    return o + "-" + a;
  }

  /**
   * For the CUDA backend: the {@code -cudnn} build of nd4j-cuda-11.6 when its natives are on the class
   * path (what {@code -Pcuda} adds), unless the user set the property.
   */
  static String applyCuda() {
    String preset = System.getProperty(EXTENSION_PROPERTY);
    if (preset != null) return preset;
    if (NativeBuild.class.getClassLoader().getResource("org/nd4j/linalg/jcublas/bindings/" + platform() + "-cudnn/") != null) {
      System.setProperty(EXTENSION_PROPERTY, "-cudnn");
      return "-cudnn";
    }
    return "";
  }

  /**
   * Sets the extension property unless the user set it, and returns the extension in force
   * (empty for the plain build).
   */
  static String apply(CpuFeatures cpu) {
    String preset = System.getProperty(EXTENSION_PROPERTY);
    if (preset != null) return preset;
    String platform = platform();
    ClassLoader loader = NativeBuild.class.getClassLoader();
    String ext = choose(cpu, platform, loader);
    String[] candidates = candidates(cpu);
    if (!present(ext, platform, loader)) {
      throw new BackendUnavailableException("No nd4j-native build this processor (" + cpu.modelName()
          + ") can run is on the class path: mlmp looked for " + String.join(", ", java.util.Arrays.stream(candidates)
          .map(c -> platform + c).toList()) + ". Add " + dependency(platform, candidates[candidates.length - 2]) + ".");
    }
    if (!ext.equals(candidates[0]) && platform.endsWith("x86_64")) {
      org.slf4j.LoggerFactory.getLogger(NativeBuild.class).info("Using the native build {}{}; this processor can run the"
          + " faster {}{}, which is one dependency away: {}", platform, ext, platform, candidates[0],
          dependency(platform, candidates[0]));
    }
    if (!ext.isEmpty()) System.setProperty(EXTENSION_PROPERTY, ext);
    return ext;
  }
}
