package org.mlmp.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerOpenBlasTest {
  @Test
  void findsEachMappedOpenBlasOnceAndNothingElse() {
    String a = "/root/.javacpp/cache/pytorch.jar/org/bytedeco/pytorch/linux-x86_64/libopenblas.so.0";
    String b = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblasp-r0.3.21.so";
    List<String> maps = List.of(
        "7f00-7f10 r--p 00000000 08:01 11 " + a,
        "7f10-7f20 r-xp 00010000 08:01 11 " + a,
        "7f20-7f30 r--p 00000000 08:01 12 /usr/lib/x86_64-linux-gnu/libm.so.6",
        "7f30-7f40 rw-p 00000000 00:00 0 [heap]",
        "7f40-7f50 rw-p 00000000 00:00 0",
        "7f50-7f60 r-xp 00000000 08:01 13 " + b,
        "7f60-7f70 r--p 00000000 08:01 14 /opt/notlibopenblas/libtorch_cpu.so");
    assertEquals(List.of(a, b), PeerMaps.paths(maps, "libopenblas"));
  }

  @Test
  void namesThePreloadedAllocatorOrGlibcs() {
    String tc = "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10";
    assertEquals("TCMalloc (" + tc + ")", PeerMaps.allocator(List.of("7f00-7f10 r--p 0 08:01 1 /usr/lib/libc.so.6",
        "7f10-7f20 r-xp 0 08:01 2 " + tc, "7f20-7f30 r--p 0 08:01 2 " + tc)));
    assertEquals("jemalloc (/usr/lib/x86_64-linux-gnu/libjemalloc.so.2)",
        PeerMaps.allocator(List.of("7f00-7f10 r-xp 0 08:01 3 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2")));
    assertEquals("glibc malloc", PeerMaps.allocator(List.of("7f00-7f10 r--p 0 08:01 1 /usr/lib/libc.so.6",
        "7f30-7f40 rw-p 00000000 00:00 0 [heap]", "7f60-7f70 r--p 0 08:01 4 /opt/tcmalloc-notes/readme.txt")));
  }

  @Test
  void noOpenBlasMappedGivesAnEmptyList() {
    assertEquals(List.of(), PeerMaps.paths(List.of("7f00-7f10 r--p 0 08:01 1 /usr/lib/libc.so.6"), "libopenblas"));
  }
}
