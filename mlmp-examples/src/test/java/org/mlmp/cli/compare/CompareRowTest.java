package org.mlmp.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mlmp.backend.CpuFeatures;
import org.mlmp.cli.compare.CompareSuite.Row;
import org.mlmp.cli.compare.RatioSummary.Verdict;

/** The protocol around a row: best peer, verdict against the goal, interleaving order, the table. No timing. */
class CompareRowTest {
  static Row row(double goal) {
    Map<String, double[]> peers = new LinkedHashMap<>();
    peers.put("dl4j", new double[] {20, 20, 20, 20, 20});
    peers.put("pytorch", new double[] {80, 90, 100, 80, 75});
    peers.put("libtorch", new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN});
    return new Row("lenet batch 64", "img/s", true, new double[] {100, 110, 120, 100, 100}, peers,
        Map.of("pytorch", "torch 1.13, intra-op 2"), Double.NaN, "0.50 → 2.00", "synthetic").withGoal(goal);
  }

  @Test
  void theBestPeerIsTheOneWithTheSmallestMedianRatio() {
    Row r = row(1.25);
    // pytorch ratios 1.25, 1.222, 1.2, 1.25, 1.333 → median 1.25; dl4j 5 or more; libtorch never ran
    assertEquals("pytorch", r.bestPeer());
    assertEquals(1.25, r.ratio("pytorch").median(), 1e-12);
    assertEquals(1.2, r.ratio("pytorch").min(), 1e-12);
    assertEquals(0, r.ratio("libtorch").rounds());
    assertEquals(Verdict.UNDECIDED, r.verdict());
    assertEquals(Verdict.MET, row(1.2).verdict());
    assertEquals(Verdict.NOT_MET, row(1.5).verdict());
    assertNull(r.withGoal(Double.NaN).verdict());
  }

  /** withNote replaces the note only (the SVM rows write theirs after the rounds). */
  @Test
  void withNoteKeepsEverythingElse() {
    Row r = row(1.25), n = r.withNote("support vectors 10 and 10");
    assertEquals("support vectors 10 and 10", n.note());
    assertEquals(r.goal(), n.goal());
    assertEquals(r.load(), n.load());
    assertEquals(r.ratio("pytorch"), n.ratio("pytorch"));
    assertEquals(r.peerConfigs(), n.peerConfigs());
  }

  /** The conv1–5 row's second reading: the same rounds against mlmp's SGEMM only, and against the peers without it. */
  @Test
  void onlyPeersReadsTheSameRoundsAgainstTheKeptPeers() {
    Row r = row(1.25);
    Row pytorch = r.onlyPeers("lenet against pytorch", "pytorch"::equals);
    assertEquals("lenet against pytorch", pytorch.workload());
    assertEquals(Set.of("pytorch"), pytorch.peerRounds().keySet());
    assertEquals(Map.of("pytorch", "torch 1.13, intra-op 2"), pytorch.peerConfigs());
    assertEquals(r.ratio("pytorch"), pytorch.ratio("pytorch"));
    assertEquals(r.mlmp(), pytorch.mlmp());
    assertEquals(r.load(), pytorch.load());
    assertNull(pytorch.verdict());
    // ratios 1.2–1.33: a share goal below 1 reads as met, one inside the range as undecided
    assertEquals(Verdict.MET, pytorch.withGoal(0.85).verdict());
    assertEquals(Verdict.UNDECIDED, pytorch.withGoal(1.3).verdict());
    Row others = r.onlyPeers(r.workload(), p -> !p.equals("pytorch")).withGoal(1.25);
    assertEquals(Set.of("dl4j", "libtorch"), others.peerRounds().keySet());
    assertEquals(Map.of(), others.peerConfigs());
    assertEquals("dl4j", others.bestPeer());
    assertEquals(Verdict.MET, others.verdict());
  }

  @Test
  void aRowWithoutAnyPeerHasNoData() {
    Row r = new Row("x", "s", false, new double[] {1}, Map.of("p", new double[] {Double.NaN}), Map.of(), 1.0, "", "");
    assertNull(r.bestPeer());
    assertEquals(Verdict.NO_DATA, r.verdict());
  }

  @Test
  void everySideNeedsOneValuePerRound() {
    assertEquals("Row 'x': peer p has 1 rounds, mlmp 2; every side needs one value per round.",
        assertThrows(IllegalArgumentException.class,
            () -> new Row("x", "s", false, new double[] {1, 2}, Map.of("p", new double[] {1}), Map.of(), 1, "", ""))
            .getMessage());
  }

  @Test
  void interleavesMlmpAndEachPeerRoundByRoundAndLogsEveryRun() throws Exception {
    StringWriter runs = new StringWriter();
    CompareContext ctx = new CompareContext(Path.of("scripts/bench"), Path.of("absent.jar"), 2, true, 3,
        new PrintWriter(new StringWriter()), new PrintWriter(runs), Path.of("."));
    StringBuilder order = new StringBuilder();
    Map<String, Interleaving.Side> peers = new LinkedHashMap<>();
    peers.put("a", r -> {
      order.append("a").append(r).append(' ');
      return new Interleaving.SideRun(50, "conf a");
    });
    peers.put("b", r -> {
      order.append("b").append(r).append(' ');
      throw new IllegalStateException("crashed");
    });
    Row row = Interleaving.measure(ctx, "w", "img/s", true, r -> {
      order.append("m").append(r).append(' ');
      return new Interleaving.SideRun(100 + r, null);
    }, peers, "note");
    assertEquals("m0 a0 b0 m1 a1 b1 m2 a2 b2 ", order.toString());
    assertEquals(3, row.rounds());
    assertEquals("a", row.bestPeer());
    assertEquals(new RatioSummary(2.02, 2.0, 2.04, 3), row.ratio("a"));
    assertEquals(0, row.ratio("b").rounds());
    assertEquals("conf a", row.peerConfigs().get("a"));
    assertEquals("failed: crashed", row.peerConfigs().get("b"));
    assertTrue(row.load().contains(" → "), row.load());
    assertEquals(2 + 3 * 3, runs.toString().lines().count(), runs.toString());
  }

  @Test
  void theTableShowsMediansRatiosRangesBestPeerGoalAndVerdict() {
    String t = CompareCommand.table(List.of(row(1.25)));
    assertTrue(t.contains("| lenet batch 64 | img/s | 100 | 20.00 | 80.00 | – | 5.00× [5.00–6.00] | 1.25× [1.20–1.33] | – |"
        + " pytorch | ≥ 1.25× | undecided | 5 | 0.50 → 2.00 | synthetic |"), t);
    assertEquals("\nPeer configurations:\n- pytorch: torch 1.13, intra-op 2\n", CompareCommand.configurations(List.of(row(1.25))));
  }

  /** A peer whose runs failed in some rounds: its ratio says how many rounds it rests on. */
  @Test
  void aRatioFromFewerRoundsSaysHowMany() {
    Map<String, double[]> peers = Map.of("djl", new double[] {50, Double.NaN, 50, 50, Double.NaN});
    Row r = new Row("mlp batch 128", "img/s", true, new double[] {100, 100, 100, 100, 100}, peers, Map.of(), 1.25, "",
        "");
    assertEquals(3, r.ratio("djl").rounds());
    assertTrue(CompareCommand.table(List.of(r)).contains("| 2.00× [2.00–2.00], 3 of 5 rounds |"),
        CompareCommand.table(List.of(r)));
  }

  @Test
  void pytorchGetsOneBlasThreadUnderItsOpenMpThreadsAndScikitLearnTheThreadCount() {
    assertEquals(Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "1"), CompareContext.pythonEnv("torch_bench.py", 2));
    assertEquals(Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "2", "MKL_NUM_THREADS", "2"),
        CompareContext.pythonEnv("sklearn_linear.py", 2));
    // torch.mm alone runs no OpenMP region around its BLAS call: OpenBLAS's threads are its parallelism
    assertEquals(Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "2", "MKL_NUM_THREADS", "2"),
        CompareContext.pythonEnv("torch_bench.py", java.util.List.of("gemm"), 2));
    assertEquals(Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "1"),
        CompareContext.pythonEnv("torch_bench.py", java.util.List.of("lenet"), 2));
    // the other split: one intra-op (OpenMP) thread, the GEMMs on two OpenBLAS threads
    assertEquals(Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "2"), CompareContext.pythonEnv("torch_bench.py",
        java.util.List.of("mlp", "--batch", "128", "--threads", "1", "--blas-threads", "2"), 2));
  }

  @Test
  void javaPeersGetTheirThreadSplitAndAMallocThatKeepsFreedMemory() {
    String keep = "glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=33554432:glibc.malloc.arena_max=1";
    // T intra-op threads, one OpenBLAS thread; ./mlmp's huge-page tunable kept
    assertEquals(Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "1",
        "GLIBC_TUNABLES", "glibc.malloc.hugetlb=1:" + keep), CompareContext.javaPeerEnv(
        java.util.List.of("lenet", "--batch", "64", "--threads", "2"), 2, tunables("glibc.malloc.hugetlb=1"), null));
    // the other split, no inherited tunables; the thread count from the compare command when --threads is absent
    assertEquals(Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "2", "GLIBC_TUNABLES", keep),
        CompareContext.javaPeerEnv(java.util.List.of("mlp", "--threads", "1", "--blas-threads", "2"), 2, tunables(null),
            null));
    assertEquals(Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "1", "GLIBC_TUNABLES", keep),
        CompareContext.javaPeerEnv(java.util.List.of("probe"), 2, tunables(""), null));
    // a user's own thresholds give way to the peers' (one value per tunable), the rest is kept in order
    assertEquals("glibc.malloc.hugetlb=1:glibc.malloc.tcache_count=0:" + keep, CompareContext.javaPeerEnv(
        java.util.List.of("mlp"), 2, tunables("glibc.malloc.hugetlb=1:glibc.malloc.trim_threshold=0:"
            + "glibc.malloc.arena_max=2:glibc.malloc.tcache_count=0"), null)
        .get("GLIBC_TUNABLES"));
  }

  @Test
  void peersDoNotInheritTheOpenBlasKernelMlmpsLauncherSetsForNd4j() {
    Map<String, String> process = new java.util.HashMap<>(Map.of("OPENBLAS_CORETYPE", "Haswell", "PATH", "/usr/bin",
        "OMP_NUM_THREADS", "8"));
    CompareContext.peerEnvironment(process, Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "1"));
    // the peer's OpenBLAS detects the processor itself; the rest of the environment is kept, the peer's own set
    assertEquals(Map.of("PATH", "/usr/bin", "OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "1"), process);
  }

  @Test
  void thePytorchScriptGetsTheMallocThatKeepsFreedMemoryAndScikitLearnItsInheritedOne() {
    String keep = "glibc.malloc.hugetlb=1:glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=33554432:glibc.malloc.arena_max=1";
    assertEquals(Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_NUM_THREADS", "2", "GLIBC_TUNABLES", keep),
        CompareContext.scriptEnv("torch_bench.py", java.util.List.of("mlp", "--threads", "1", "--blas-threads", "2"), 2,
            tunables("glibc.malloc.hugetlb=1"), null, null));
    assertEquals(Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_NUM_THREADS", "2", "MKL_NUM_THREADS", "2"),
        CompareContext.scriptEnv("sklearn_linear.py", java.util.List.of("ridge"), 2, tunables("glibc.malloc.hugetlb=1"),
            null, null));
  }

  @Test
  void pythonPeersOnOpenBlassFallbackKernelGetTheNewestKernelTheProcessorRunsAndOthersKeepTheirOwn() {
    CpuFeatures xeon = cpu("sse3", "avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl",
        "avx512_bf16");
    // Debian's OpenBLAS 0.3.21 on a processor it does not identify (a 5th-generation Xeon): Prescott, SSE3 only
    assertEquals("Cooperlake", OpenBlasCoretype.override("Prescott", xeon));
    assertEquals("SkylakeX", OpenBlasCoretype.override("Prescott", cpu("avx2", "fma", "avx512f", "avx512cd",
        "avx512bw", "avx512dq", "avx512vl")));
    assertEquals("Haswell", OpenBlasCoretype.override("prescott", cpu("avx", "avx2", "fma")));
    // its own choice stands where it identified the processor, and on processors Prescott suits
    assertNull(OpenBlasCoretype.override("Cooperlake", xeon));
    assertNull(OpenBlasCoretype.override("Zen", cpu("avx2", "fma")));
    assertNull(OpenBlasCoretype.override("Prescott", cpu("sse3", "avx")));
    assertNull(OpenBlasCoretype.override(null, xeon));
    // an unreadable /proc/cpuinfo gives no flags (CpuFeatures.current()), so no override
    assertNull(OpenBlasCoretype.override("Prescott", cpu()));
    // the override reaches every Python script, PyTorch's and scikit-learn's
    var none = new CompareContext.Inherited(null, null);
    assertEquals("Cooperlake", CompareContext.scriptEnv("torch_bench.py", java.util.List.of("mlp"), 2, none, null,
        "Cooperlake").get("OPENBLAS_CORETYPE"));
    assertEquals("Cooperlake", CompareContext.scriptEnv("sklearn_linear.py", java.util.List.of("ridge"), 2, none, null,
        "Cooperlake").get("OPENBLAS_CORETYPE"));
    assertFalse(CompareContext.scriptEnv("sklearn_linear.py", java.util.List.of("ridge"), 2, none, null, null)
        .containsKey("OPENBLAS_CORETYPE"));
    String note = OpenBlasCoretype.note("0.3.21", "Cooperlake");
    assertTrue(note.contains("OpenBLAS 0.3.21") && note.contains("Prescott") && note.contains("OPENBLAS_CORETYPE=Cooperlake"),
        note);
  }

  @Test
  void anOpenBlasQueryThatFailsIsLoggedOnceAndLeavesThePeersOnTheirOwnKernel(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    StringWriter runs = new StringWriter();
    CompareContext ctx = new CompareContext(dir, Path.of("absent.jar"), 2, true, 3, new PrintWriter(new StringWriter()),
        new PrintWriter(runs), dir);
    // an interpreter that fails (as one without numpy would): no override, the reason in the run log, asked once
    assertNull(ctx.pythonCoretype("/bin/false"));
    assertNull(ctx.pythonCoretype("/bin/false"));
    String log = runs.toString();
    assertTrue(log.contains("python: the OpenBLAS kernel could not be read (peer_config.py openblas failed (exit 1)")
        && log.contains("; the peers' own choice stands"), log);
    assertEquals(1, log.lines().filter(l -> l.contains("peer_config.py openblas") && l.contains(" run: ")).count(), log);
  }

  private static CpuFeatures cpu(String... flags) {
    return new CpuFeatures("test processor", "GenuineIntel", 6, Set.of(flags));
  }

  @Test
  void everyPytorchPeerPreloadsTcmallocWhenInstalledAndNoScikitLearnScriptDoes() {
    Path tc = Path.of("/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4");
    var none = new CompareContext.Inherited(null, null);
    assertEquals(tc.toString(), CompareContext.scriptEnv("torch_bench.py", java.util.List.of("alexnet"), 2, none, tc, null)
        .get("LD_PRELOAD"));
    assertEquals(tc.toString(), CompareContext.javaPeerEnv(java.util.List.of("alexnet"), 2, none, tc).get("LD_PRELOAD"));
    // a user's own preloads still load, after the allocator
    assertEquals(tc + ":/opt/libfoo.so", CompareContext.javaPeerEnv(java.util.List.of("mlp"), 2,
        new CompareContext.Inherited(null, " /opt/libfoo.so "), tc).get("LD_PRELOAD"));
    // scikit-learn's documentation recommends no allocator; without TCMalloc installed nothing is preloaded
    assertFalse(CompareContext.scriptEnv("sklearn_kernel_bench.py", java.util.List.of("svm"), 2, none, tc, null)
        .containsKey("LD_PRELOAD"));
    assertFalse(CompareContext.scriptEnv("torch_bench.py", java.util.List.of("mlp"), 2, none, null, null)
        .containsKey("LD_PRELOAD"));
    assertFalse(CompareContext.javaPeerEnv(java.util.List.of("mlp"), 2, none, null).containsKey("LD_PRELOAD"));
    // where Debian's package puts it, the package the missing-library message names
    assertEquals(tc, CompareContext.TCMALLOC);
    assertEquals("libtcmalloc-minimal4", CompareContext.TCMALLOC_PACKAGE);
  }

  @Test
  void withoutTcmallocCompareSaysWhatIsMissingTheFixAndWhatThePeersRunOn() {
    assertEquals("compare: /usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 not found (apt-get install"
        + " libtcmalloc-minimal4): the PyTorch peers run on glibc's malloc instead of the allocator PyTorch's tuning"
        + " guide recommends (PyTorch's AlexNet training ran 1.2x slower on it here; every peer prints its allocator)",
        CompareContext.missingAllocatorNote(null));
    assertNull(CompareContext.missingAllocatorNote(CompareContext.TCMALLOC));
  }

  private static CompareContext.Inherited tunables(String glibcTunables) {
    return new CompareContext.Inherited(glibcTunables, null);
  }
}
