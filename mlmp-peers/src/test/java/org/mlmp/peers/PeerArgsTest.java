package org.mlmp.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerArgsTest {
  @Test
  void parsesTheOptions() {
    assertEquals(new PeerArgs("mlp", 128, 20, 2),
        PeerArgs.parse(List.of("mlp", "--batch", "128", "--steps", "20", "--threads", "2")));
  }

  @Test
  void namesWhatIsWrong() {
    assertEquals("The workload of a peer run must be one of [lenet, mlp, probe]. Got 'alexnet' instead.",
        assertThrows(IllegalArgumentException.class, () -> PeerArgs.parse(List.of("alexnet"))).getMessage());
    assertEquals("--batch of a peer run must be >= 1. Got 0 instead.",
        assertThrows(IllegalArgumentException.class, () -> PeerArgs.parse(List.of("mlp", "--batch", "0"))).getMessage());
    assertEquals("Unknown option '--lr' of a peer run; the options are --batch, --steps, --threads.",
        assertThrows(IllegalArgumentException.class, () -> PeerArgs.parse(List.of("mlp", "--lr", "1"))).getMessage());
  }
}
