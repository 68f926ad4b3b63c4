package org.mlmp.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerArgsTest {
  @Test
  void parsesTheOptions() {
    assertEquals(new PeerArgs("mlp", 128, 20, 2),
        PeerArgs.parse(List.of("mlp", "--batch", "128", "--steps", "20", "--threads", "2")));
    assertEquals(new PeerArgs("alexnet", 8, 15, 2),
        PeerArgs.parse(List.of("alexnet", "--batch", "8", "--steps", "15", "--threads", "2")));
    assertEquals(new PeerArgs("alexconv", 8, 5, 1),
        PeerArgs.parse(List.of("alexconv", "--batch", "8", "--steps", "5", "--threads", "1")));
    assertEquals(1, PeerArgs.parse(List.of("lenet", "--threads", "2")).blasThreads());
    assertEquals(new PeerArgs("lenet", 64, 50, 1, 2),
        PeerArgs.parse(List.of("lenet", "--threads", "1", "--blas-threads", "2")));
    assertEquals(new PeerArgs("alexnet", 8, 15, 2, 1, Path.of("b-X.npy"), Path.of("b-y.npy")),
        PeerArgs.parse(List.of("alexnet", "--batch", "8", "--x", "b-X.npy", "--steps", "15", "--y", "b-y.npy",
            "--threads", "2")));
  }

  @Test
  void eachTrainingWorkloadHasItsImageShapeAndClasses() {
    assertEquals(List.of(3L, 224L, 224L), java.util.Arrays.stream(PeerArgs.parse(List.of("alexnet")).image()).boxed()
        .toList());
    assertEquals(1000, PeerArgs.parse(List.of("alexnet")).classes());
    for (String w : List.of("lenet", "mlp")) {
      assertEquals(List.of(1L, 28L, 28L), java.util.Arrays.stream(PeerArgs.parse(List.of(w)).image()).boxed().toList());
      assertEquals(10, PeerArgs.parse(List.of(w)).classes());
    }
  }

  @Test
  void refusesBothPoolsBusyAtOnce() {
    assertEquals("A peer run gets either T intra-op threads and one BLAS thread or one intra-op thread and T BLAS threads"
        + " (both pools busy at once oversubscribe the cores). Got --threads 2 --blas-threads 2; use --threads 2"
        + " --blas-threads 1 or --threads 1 --blas-threads 2.", assertThrows(IllegalArgumentException.class,
            () -> PeerArgs.parse(List.of("mlp", "--threads", "2", "--blas-threads", "2"))).getMessage());
    assertEquals("--blas-threads of a peer run must be >= 1. Got 0 instead.", assertThrows(IllegalArgumentException.class,
        () -> PeerArgs.parse(List.of("mlp", "--blas-threads", "0"))).getMessage());
  }

  @Test
  void namesWhatIsWrong() {
    assertEquals("The workload of a peer run must be one of [lenet, mlp, alexnet, alexconv, probe]. Got 'resnet' instead.",
        assertThrows(IllegalArgumentException.class, () -> PeerArgs.parse(List.of("resnet"))).getMessage());
    assertEquals("--batch of a peer run must be >= 1. Got 0 instead.",
        assertThrows(IllegalArgumentException.class, () -> PeerArgs.parse(List.of("mlp", "--batch", "0"))).getMessage());
    assertEquals("--steps of a peer run must be >= 1. Got 0 instead.",
        assertThrows(IllegalArgumentException.class, () -> PeerArgs.parse(List.of("alexconv", "--steps", "0")))
            .getMessage());
    assertEquals("A peer run's training batch needs both --x (images) and --y (labels). Got --x x.npy --y null; give"
        + " both files or neither (a synthetic batch).", assertThrows(IllegalArgumentException.class,
            () -> PeerArgs.parse(List.of("mlp", "--x", "x.npy"))).getMessage());
    assertEquals("--x and --y give a training batch, for the workloads [lenet, mlp, alexnet]. Got them for 'alexconv';"
        + " leave them out.", assertThrows(IllegalArgumentException.class,
            () -> PeerArgs.parse(List.of("alexconv", "--x", "x.npy", "--y", "y.npy"))).getMessage());
    assertEquals("Unknown option '--lr' of a peer run; the options are --batch, --steps, --threads, --blas-threads, --x,"
        + " --y, --memory-format.",
        assertThrows(IllegalArgumentException.class, () -> PeerArgs.parse(List.of("mlp", "--lr", "1"))).getMessage());
  }

  @Test
  void aConvolutionalRunTakesTheMemoryFormatGivenElseThePeersOwn() {
    PeerArgs given = PeerArgs.parse(List.of("lenet", "--memory-format", "contiguous"));
    assertEquals(new PeerArgs("lenet", 64, 50, Runtime.getRuntime().availableProcessors(), 1, null, null, "contiguous"),
        given);
    assertEquals("contiguous", given.memoryFormat("channels_last"));
    for (String w : List.of("lenet", "alexnet", "alexconv")) {
      assertEquals("channels_last", PeerArgs.parse(List.of(w)).memoryFormat("channels_last"));
      assertEquals("contiguous", PeerArgs.parse(List.of(w)).memoryFormat("contiguous"));
    }
    assertEquals("contiguous", PeerArgs.parse(List.of("mlp")).memoryFormat("channels_last"));
  }

  @Test
  void refusesAnUnknownMemoryFormatOrOneForANetworkWithoutImages() {
    assertEquals("--memory-format of a peer run must be one of [channels_last, contiguous]. Got 'nhwc' instead.",
        assertThrows(IllegalArgumentException.class,
            () -> PeerArgs.parse(List.of("alexnet", "--memory-format", "nhwc"))).getMessage());
    assertEquals("--memory-format orders the 4-D tensors of the workloads [lenet, alexnet, alexconv]. Got it for 'mlp';"
        + " leave it out.", assertThrows(IllegalArgumentException.class,
            () -> PeerArgs.parse(List.of("mlp", "--memory-format", "channels_last"))).getMessage());
  }
}
