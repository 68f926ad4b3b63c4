package org.mlmp.cli.compare;

import org.mlmp.backend.CpuFeatures;

/**
 * The OpenBLAS kernel a Python peer of {@code mlmp compare} runs on. Debian's OpenBLAS (0.3.21, a
 * {@code DYNAMIC_ARCH} build, under PyTorch 1.13, numpy and scikit-learn) picks its kernel from the processor's
 * identity when it loads. For a processor newer than itself it falls back to its oldest x86-64 kernel,
 * {@value #FALLBACK} (SSE3), although OpenBLAS's README says a CPU generation it does not list should get "the
 * corresponding older model", and {@code OPENBLAS_CORETYPE} is OpenBLAS's documented way to choose the kernel of such
 * a build. On the 5th-generation Xeon (family 6, model 207) of 2026-12-06 it did: numpy's 2048² SGEMM ran at 16–31
 * GFLOP/s on Prescott and 106–211 GFLOP/s on Cooperlake or SkylakeX (BENCHMARKS.md, "Issue 14's protocol: series
 * 29–31"). A peer left on the fallback would be a peer run badly, so {@link #override} names the newest kernel of that
 * build the processor executes, and every Python peer gets it; a processor OpenBLAS identifies keeps OpenBLAS's own
 * choice (on the AMD Zen 5 of series 18–28 it chose Cooperlake itself). The Java peers need none of this: libtorch's
 * OpenBLAS 0.3.31 chose Cooperlake on that Xeon too, and DJL's PyTorch calls MKL.
 */
final class OpenBlasCoretype {
  /** The kernel OpenBLAS's dynamic x86-64 build falls back to for a processor it does not identify. */
  static final String FALLBACK = "Prescott";

  private OpenBlasCoretype() {
  }

  /**
   * The {@code OPENBLAS_CORETYPE} a peer's OpenBLAS needs, or null when its own choice stands.
   *
   * @param detected the kernel the peer's OpenBLAS chose by itself (threadpoolctl's {@code architecture}), or null
   *     when unknown
   * @param cpu the processor ({@link CpuFeatures#current()}; no flags when {@code /proc/cpuinfo} is unreadable)
   * @return {@link #newestFor} the processor when {@code detected} is {@value #FALLBACK} and the processor executes a
   *     newer kernel; else null
   */
  static String override(String detected, CpuFeatures cpu) {
    if (detected == null || !detected.equalsIgnoreCase(FALLBACK)) return null;
    return newestFor(cpu);
  }

  /**
   * The newest x86-64 kernel of OpenBLAS 0.3.21's dynamic build that the processor executes: Cooperlake
   * ({@link CpuFeatures#avx512()} and BF16), SkylakeX ({@link CpuFeatures#avx512()}), Haswell
   * ({@link CpuFeatures#avx2()}), or null (older processors, where the fallback is what OpenBLAS would choose anyway).
   */
  static String newestFor(CpuFeatures cpu) {
    if (cpu.avx512() && cpu.has("avx512_bf16")) return "Cooperlake";
    if (cpu.avx512()) return "SkylakeX";
    if (cpu.avx2()) return "Haswell";
    return null;
  }

  /**
   * The note {@code compare} prints when it overrides a peer's kernel: what the peer's OpenBLAS chose, what it runs
   * instead, and why.
   */
  static String note(String version, String coretype) {
    return "compare: Debian's OpenBLAS " + version + " does not identify this processor and falls back to its "
        + FALLBACK + " (SSE3) kernel; the Python peers (PyTorch 1.13, numpy, scikit-learn) run with OPENBLAS_CORETYPE="
        + coretype + ", the newest kernel it has that this processor executes (OpenBLAS's choice on the processors it"
        + " knows; each peer prints its kernel)";
  }
}
