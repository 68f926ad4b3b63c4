package org.mlmp.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeerSummaryTest {
  private static final String KEEP =
      "glibc.malloc.hugetlb=1:glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=33554432";

  @Test
  void libtorchSaysItsSplitItsConvolutionsItsMallocAndItsEnvironment() {
    assertEquals("libtorch 2.10.0 (org.bytedeco:pytorch, own JVM), intra-op 1, inter-op 1, BLAS_INFO=open: OpenBLAS 2"
        + " thread(s), kernel Cooperlake (org.bytedeco:openblas), convolutions on oneDNN (intra-op threads); glibc malloc keeps freed memory"
        + " (trim/mmap thresholds); env OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=2 OPENBLAS_CORETYPE=(unset) GLIBC_TUNABLES=" + KEEP
        + " LD_PRELOAD=(unset); per"
        + " https://pytorch.org/docs/stable/notes/cpu_threading_torchscript_inference.html,"
        + " https://pytorch.org/tutorials/recipes/recipes/tuning_guide.html (memory allocator)",
        PeerSummary.libtorch("2.10.0", 1, 1, "open", 2, "Cooperlake", true, "glibc malloc",
            new PeerEnvironment("1", "2", null, KEEP, null)));
  }

  @Test
  void aPeerRunWithGlibcDefaultsSaysSo() {
    String s = PeerSummary.libtorch("2.10.0", 2, 1, "open", 1, "Haswell", false, "glibc malloc",
        new PeerEnvironment(null, null, "Haswell", null, null));
    assertTrue(s.contains("convolutions on ATen's own kernels (oneDNN off); glibc malloc returns freed memory to the"
        + " kernel (no trim/mmap thresholds: every step faults its buffers in); env OMP_NUM_THREADS=(unset)"
        + " OPENBLAS_NUM_THREADS=(unset) OPENBLAS_CORETYPE=Haswell GLIBC_TUNABLES=(unset) LD_PRELOAD=(unset);"), s);
  }

  @Test
  void aPeerOnAPreloadedAllocatorNamesIt() {
    String tc = "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10";
    String s = PeerSummary.djl("0.36.0", "2.7.1", 2, 1, "[MKL, MKLDNN]", "TCMalloc (" + tc + ")",
        new PeerEnvironment("2", "1", null, KEEP, "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4"));
    assertTrue(s.contains("features [MKL, MKLDNN]; malloc: TCMalloc (" + tc + "), preloaded; env OMP_NUM_THREADS=2"
        + " OPENBLAS_NUM_THREADS=1 OPENBLAS_CORETYPE=(unset) GLIBC_TUNABLES=" + KEEP
        + " LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4; per "), s);
  }

  @Test
  void aPeerWhoseMapsCannotBeReadSaysItsAllocatorIsUnknown() {
    String s = PeerSummary.libtorch("2.10.0", 2, 1, "open", 1, "Cooperlake", true,
        PeerMaps.unreadable(new java.io.IOException("Permission denied")), new PeerEnvironment("2", "1", null, KEEP, null));
    assertTrue(s.contains("convolutions on oneDNN (intra-op threads); malloc: unknown (/proc/self/maps: Permission"
        + " denied); env OMP_NUM_THREADS=2"), s);
    assertFalse(s.contains("preloaded"), s);
  }

  @Test
  void djlSaysItHasOneSplit() {
    assertEquals("DJL 0.36.0 + PyTorch 2.7.1 (offline CPU natives, own JVM), intra-op 2, inter-op 1, BLAS: MKL inside"
        + " libtorch_cpu on the intra-op OpenMP threads (at::set_num_threads sets both, so one thread split only),"
        + " features [MKL, MKLDNN]; glibc malloc keeps freed memory (trim/mmap thresholds); env OMP_NUM_THREADS=2"
        + " OPENBLAS_NUM_THREADS=1 OPENBLAS_CORETYPE=(unset) GLIBC_TUNABLES=" + KEEP + " LD_PRELOAD=(unset); per DJL"
        + " docs/development/inference_performance_optimization.md"
        + " (Thread configuration), https://pytorch.org/docs/stable/notes/cpu_threading_torchscript_inference.html,"
        + " https://pytorch.org/tutorials/recipes/recipes/tuning_guide.html (memory allocator)",
        PeerSummary.djl("0.36.0", "2.7.1", 2, 1, "[MKL, MKLDNN]", "glibc malloc",
            new PeerEnvironment("2", "1", null, KEEP, null)));
  }

  @Test
  void mallocKeepsFreedMemoryOnlyWithBothThresholds() {
    assertTrue(new PeerEnvironment("2", "1", null, KEEP, null).keepsFreedMemory());
    assertFalse(new PeerEnvironment("2", "1", null, "glibc.malloc.hugetlb=1", null).keepsFreedMemory());
    assertFalse(new PeerEnvironment("2", "1", null, "glibc.malloc.trim_threshold=1073741824", null).keepsFreedMemory());
    assertFalse(new PeerEnvironment("2", "1", null, null, null).keepsFreedMemory());
  }

  @Test
  void saysWhatARunTrainsOn() {
    assertEquals("the batch in b-X.npy, b-y.npy",
        PeerSummary.data(PeerArgs.parse(java.util.List.of("lenet", "--x", "b-X.npy", "--y", "b-y.npy"))));
    assertEquals("a synthetic batch (uniform pixels, random labels)",
        PeerSummary.data(PeerArgs.parse(java.util.List.of("mlp"))));
    assertEquals("synthetic inputs, uniform in [0, 1), per layer",
        PeerSummary.data(PeerArgs.parse(java.util.List.of("alexconv"))));
  }

  @Test
  void aConvolutionalRunSaysItsMemoryFormatAndWhy() {
    PeerArgs lenet = PeerArgs.parse(java.util.List.of("lenet"));
    assertEquals("; memory format channels_last (input and convolution weights converted, per the tuning guide's"
        + " \"Enable channels_last memory format for computer vision models\" and"
        + " https://pytorch.org/tutorials/intermediate/memory_format_tutorial.html)",
        PeerSummary.memoryFormat(lenet, "channels_last", "input and convolution weights converted"));
    assertEquals("; memory format contiguous (DJL's NDArray API has no memory-format setting)",
        PeerSummary.memoryFormat(lenet, "contiguous", "DJL's NDArray API has no memory-format setting"));
    assertEquals("; memory format contiguous (as asked)", PeerSummary.memoryFormat(
        PeerArgs.parse(java.util.List.of("alexconv", "--memory-format", "contiguous")), "contiguous", "any"));
    assertEquals("", PeerSummary.memoryFormat(PeerArgs.parse(java.util.List.of("mlp")), "contiguous", "any"));
  }
}
