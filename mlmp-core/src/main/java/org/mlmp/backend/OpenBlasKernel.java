package org.mlmp.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Which OpenBLAS kernel ("core") the CPU backend runs, and whether that choice is both fast and correct.
 *
 * <p>OpenBLAS 0.3.19, bundled with nd4j-native 1.0.0-M2.1, picks its kernel when the library loads,
 * from {@code OPENBLAS_CORETYPE} or else by identifying the processor. It does not know processors
 * newer than it (e.g. AMD Zen 5) and then falls back to an old, slow kernel. Measured on 2-core AMD EPYC
 * machines of the project's build kind (see README, "CPU speed"): the {@code SkylakeX} kernel is the
 * fastest SGEMM but made double-precision {@code dpotrf} fail on positive-definite matrices, so mlmp
 * recommends {@code Haswell} (AVX2 + FMA) on every AVX2 processor. On a 2-core Intel Xeon with AVX-512, where OpenBLAS
 * picks {@code SkylakeX} itself, kernel ridge regression returned wrong coefficients without an error (a[0] = 22.64
 * instead of −1.27 in {@code KernelRidgeTest}) or refused positive-definite matrices: the DYNAMIC_ARCH defect of
 * OpenMathLib/OpenBLAS#2986. The variable is read by the native library when it loads: {@code ./mlmp} and the
 * benchmark jar set it before the JVM starts, and mlmp sets it in the process itself when it starts ND4J
 * ({@link #applyBeforeLoad}; a value already set is kept everywhere). Where OpenBLAS still runs a kernel known to be
 * wrong (loaded before mlmp could set it, or chosen by the user), the Cholesky routines refuse to run
 * ({@link #requireCorrectCholesky}) and the backend report warns, each naming the fix.
 */
public final class OpenBlasKernel {
  private OpenBlasKernel() {}

  /** The environment variable OpenBLAS reads when it loads to choose its kernel, e.g. "Haswell". */
  public static final String ENV = "OPENBLAS_CORETYPE";
  /** Kernels that are current for AVX2/AVX-512 processors. */
  private static final Set<String> MODERN = Set.of("haswell", "zen", "skylakex", "cooperlake", "sapphirerapids");
  /** Kernels seen to compute wrong double-precision LAPACK results here. */
  private static final Set<String> KNOWN_WRONG = Set.of("skylakex", "cooperlake", "sapphirerapids");

  /**
   * The kernel the launchers set when the user set none, or null to let OpenBLAS choose.
   *
   * @param cpu the processor
   * @return "Haswell" on an AVX2 processor, else null
   */
  public static String recommended(CpuFeatures cpu) {
    return cpu.avx2() ? "Haswell" : null;
  }

  /**
   * Sets {@link #ENV} in this process's environment to {@link #recommended} when the user set none and OpenBLAS has
   * not loaded yet, as {@code ./mlmp} does before the JVM starts; called when mlmp starts ND4J's CPU backend
   * ({@code Backends}), before any native library of ND4J loads. Through the C library's {@code getenv} /
   * {@code setenv} (JNA): OpenBLAS reads the variable with {@code getenv} when it loads, and Java's
   * {@code System.getenv} is a copy taken at start-up that neither sees nor changes it.
   *
   * @param cpu the processor
   * @return the value set, or empty when nothing was set (no AVX2, a value already there, OpenBLAS already
   *     loaded, or no C library reachable through JNA)
   */
  public static Optional<String> applyBeforeLoad(CpuFeatures cpu) {
    String want = recommended(cpu);
    if (want == null || loadedLibrary().isPresent()) return Optional.empty();
    try {
      com.sun.jna.NativeLibrary c = com.sun.jna.NativeLibrary.getInstance("c");
      if (c.getFunction("getenv").invokeString(new Object[] {ENV}, false) != null) return Optional.empty();
      return c.getFunction("setenv").invokeInt(new Object[] {ENV, want, 0}) == 0 ? Optional.of(want) : Optional.empty();
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** The loaded OpenBLAS's kernel once read (null until OpenBLAS is loaded). */
  private static volatile String loadedCore;

  /**
   * Refuses the Cholesky routines of mlmp's host LAPACK ({@code dposv}, {@code dpotrf}, {@code spotrf},
   * {@code spotrs}) on a kernel known to compute them wrong, so that a model is not fitted silently wrong.
   *
   * @param routine what is about to run, for the message
   * @throws IllegalStateException naming the kernel and the fix, on a kernel known to be wrong
   */
  public static void requireCorrectCholesky(String routine) {
    String core = loadedCore;
    if (core == null) {
      core = loadedCoreName().orElse(null);
      loadedCore = core;
    }
    String refusal = choleskyRefusal(core, routine);
    if (refusal != null) throw new IllegalStateException(refusal);
  }

  /**
   * The refusal of {@link #requireCorrectCholesky}, or null when the kernel is not known to be wrong.
   *
   * @param coreName the kernel in use, any case; null gives null
   * @param routine what was about to run
   * @return the message, or null
   */
  static String choleskyRefusal(String coreName, String routine) {
    if (coreName == null || !KNOWN_WRONG.contains(coreName.toLowerCase(java.util.Locale.ROOT))) return null;
    return routine + " refused: OpenBLAS runs its " + coreName + " kernel, whose Cholesky factorisation returned"
        + " wrong factors of positive-definite matrices in this OpenBLAS 0.3.19 build (OpenMathLib/OpenBLAS#2986)."
        + " Start the JVM with OPENBLAS_CORETYPE=Haswell (./mlmp does this), or let mlmp start ND4J (call"
        + " org.mlmp.Mlmp.init() before your code first touches Nd4j), which sets it when it is unset.";
  }

  /**
   * The running OpenBLAS's {@code openblas_get_corename()}, read through JNA from the copy the
   * process has loaded, or empty if none is loaded (e.g. on the CUDA backend).
   *
   * @return the kernel name, e.g. "Haswell", or empty
   */
  public static Optional<String> loadedCoreName() {
    return loadedLibrary().flatMap(path -> call(path, "openblas_get_corename"));
  }

  /**
   * The running OpenBLAS's build configuration, read like {@link #loadedCoreName()}.
   *
   * @return {@code openblas_get_config()}, e.g. "OpenBLAS 0.3.19 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64",
   *     or empty when no OpenBLAS is loaded
   */
  public static Optional<String> loadedConfig() {
    return loadedLibrary().flatMap(path -> call(path, "openblas_get_config"));
  }

  private static Optional<String> call(String path, String function) {
    try {
      // RTLD_LAZY | RTLD_LOCAL (1): JNA's default adds RTLD_GLOBAL, which promotes the already loaded
      // libopenblas's symbols to the global namespace; the second OpenBLAS copy in the process (bytedeco's
      // libopenblas_nolapack) then frees its buffers through this one ("BLAS : Bad memory unallocation"),
      // and after ~128 double-precision GEMMs OpenBLAS aborts the JVM ("too many memory regions").
      com.sun.jna.NativeLibrary lib = com.sun.jna.NativeLibrary.getInstance(path,
          java.util.Map.of(com.sun.jna.Library.OPTION_OPEN_FLAGS, 1));
      return Optional.ofNullable(lib.getFunction(function).invokeString(new Object[0], false));
    } catch (RuntimeException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** The path of the libopenblas the process has mapped, from /proc/self/maps. */
  static Optional<String> loadedLibrary() {
    try {
      return Files.readAllLines(Path.of("/proc/self/maps")).stream()
          .map(l -> l.substring(l.lastIndexOf(' ') + 1))
          .filter(p -> p.contains("libopenblas") && p.startsWith("/"))
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * A warning with the fix when the kernel in use is slow or known wrong for this processor, or null.
   *
   * @param coreName the kernel in use (see {@link #loadedCoreName()}), any case; null gives null
   * @param cpu the processor
   * @return the warning for a kernel known to compute wrong dpotrf results or an old kernel on an AVX2
   *     processor, else null
   */
  public static String warning(String coreName, CpuFeatures cpu) {
    if (coreName == null) return null;
    String core = coreName.toLowerCase(java.util.Locale.ROOT);
    if (KNOWN_WRONG.contains(core)) {
      return "OpenBLAS runs its " + coreName + " kernel, with which double-precision dpotrf (Cholesky) was"
          + " measured to fail on positive-definite matrices. Start the JVM with OPENBLAS_CORETYPE=Haswell"
          + " (./mlmp does this) and check with './mlmp info'.";
    }
    if (cpu.avx2() && !MODERN.contains(core)) {
      return "OpenBLAS chose its generic/old '" + coreName + "' kernel for this processor (" + cpu.modelName()
          + "), about 2x slower for matrix products. Set OPENBLAS_CORETYPE=Haswell in the environment"
          + " before the JVM starts (./mlmp does this).";
    }
    return null;
  }
}
