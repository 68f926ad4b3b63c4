package org.mlmp.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlmp.Mlmp;

/** The backend report on the CPU backend this test JVM runs. */
class CpuBackendTest {
  @Test
  void reportDescribesTheCpuBackend() {
    BackendReport r = Mlmp.init();
    assertEquals(BackendKind.CPU, r.backend());
    assertEquals("OPENBLAS", r.blasVendor());
    assertFalse(r.blasKernel().isEmpty(), "openblas_get_corename() should be readable through JNA");
    assertTrue(r.blasConfig().startsWith("OpenBLAS 0.3.19"), r.blasConfig());
    assertTrue(r.nativeBuild().startsWith("linux-x86_64"), r.nativeBuild());
    assertTrue(r.threads() >= 1);
    String text = r.toText();
    for (String key : new String[] {"backend:", "device:", "blas kernel:", "threads:", "default dtype:", "native build:"}) {
      assertTrue(text.contains(key), "missing " + key + " in\n" + text);
    }
  }

  @Test
  void nativeBuildMatchesTheProcessor() {
    CpuFeatures cpu = CpuFeatures.current();
    String build = Mlmp.init().nativeBuild();
    if (cpu.avx512()) assertTrue(build.endsWith("-onednn-avx512"), build);
    else if (cpu.avx2()) assertTrue(build.endsWith("-onednn-avx2"), build);
    else assertTrue(build.endsWith("-onednn") || build.equals("linux-x86_64"), build);
  }

  @Test
  void extensionChoiceFallsBackForOlderProcessors() {
    ClassLoader l = getClass().getClassLoader();
    CpuFeatures avx512 = new CpuFeatures("x", "AuthenticAMD", 25, Set.of("avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"));
    CpuFeatures avx2 = new CpuFeatures("x", "GenuineIntel", 6, Set.of("avx2", "fma", "avx"));
    CpuFeatures sse = new CpuFeatures("x", "GenuineIntel", 6, Set.of("sse4_2"));
    assertEquals("-onednn-avx512", NativeBuild.choose(avx512, "linux-x86_64", l));
    assertEquals("-onednn-avx2", NativeBuild.choose(avx2, "linux-x86_64", l));
    assertEquals("-onednn", NativeBuild.choose(sse, "linux-x86_64", l));
  }

  @Test
  void lapackCheckPassesOnTheChosenKernel() {
    Mlmp.init();
    double err = LapackCheck.choleskyRelativeError(300, 1);
    assertTrue(err < 1e-12, "dpotrf relative error " + err);
  }

  @Test
  void openBlasKernelAdvice() {
    CpuFeatures zen5 = new CpuFeatures("AMD EPYC 9B45", "AuthenticAMD", 26, Set.of("avx2", "fma", "avx512f"));
    assertEquals("Haswell", OpenBlasKernel.recommended(zen5));
    assertNull(OpenBlasKernel.recommended(new CpuFeatures("old", "GenuineIntel", 6, Set.of("sse2"))));
    String slow = OpenBlasKernel.warning("Barcelona", zen5);
    assertNotNull(slow);
    assertTrue(slow.contains("'Barcelona'") && slow.contains("OPENBLAS_CORETYPE=Haswell"), slow);
    String wrong = OpenBlasKernel.warning("SkylakeX", zen5);
    assertTrue(wrong.contains("dpotrf") && wrong.contains("OPENBLAS_CORETYPE=Haswell"), wrong);
    assertNull(OpenBlasKernel.warning("Haswell", zen5));
    assertNull(OpenBlasKernel.warning("Zen", zen5));
  }

  @Test
  void choleskyIsRefusedOnAKernelKnownToBeWrong() {
    assertEquals("LAPACK dposv refused: OpenBLAS runs its SkylakeX kernel, whose Cholesky factorisation returned wrong"
        + " factors of positive-definite matrices in this OpenBLAS 0.3.19 build (OpenMathLib/OpenBLAS#2986). Start the"
        + " JVM with OPENBLAS_CORETYPE=Haswell (./mlmp does this), or let mlmp start ND4J (call org.mlmp.Mlmp.init()"
        + " before your code first touches Nd4j), which sets it when it is unset.",
        OpenBlasKernel.choleskyRefusal("SkylakeX", "LAPACK dposv"));
    assertNotNull(OpenBlasKernel.choleskyRefusal("COOPERLAKE", "ND4J potrf"));
    assertNull(OpenBlasKernel.choleskyRefusal("Haswell", "LAPACK dposv"));
    assertNull(OpenBlasKernel.choleskyRefusal(null, "LAPACK dposv"));
    // the kernel of this JVM is not one of them: mlmp set OPENBLAS_CORETYPE before OpenBLAS loaded where it was unset
    Mlmp.init();
    OpenBlasKernel.requireCorrectCholesky("this test");
  }

  @Test
  void cpuinfoParsing() {
    CpuFeatures f = CpuFeatures.parse("processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\n"
        + "model name\t: AMD EPYC 9654\nflags\t\t: fpu avx2 fma avx512f avx512cd avx512bw avx512dq avx512vl\n\nprocessor\t: 1\n");
    assertEquals("AMD EPYC 9654", f.modelName());
    assertEquals(25, f.family());
    assertTrue(f.avx512() && f.avx2());
  }
}
