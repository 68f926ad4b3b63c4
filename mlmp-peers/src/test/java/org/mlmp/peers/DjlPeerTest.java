package org.mlmp.peers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DjlPeerTest {
  /** DJL cannot run channels-last: asked for it, the run stops before its engine loads, and says what to give. */
  @Test
  void refusesChannelsLast() {
    assertEquals("DJL's NDArray API has no memory-format setting, so a DJL run computes on NCHW (contiguous) arrays"
        + " only; got --memory-format channels_last. Leave it out or give contiguous.",
        assertThrows(IllegalArgumentException.class, () -> DjlPeer.run(PeerArgs.parse(List.of("alexconv",
            "--memory-format", "channels_last")))).getMessage());
  }
}
