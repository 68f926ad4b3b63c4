package org.mlmp.rl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PongTest {
  @Test
  void theFirstStateShowsNoMotionAndFramesHoldBallAndPaddles() {
    Pong p = new Pong(32, 24, 5, 0.4);
    double[] s0 = p.reset(new Random(1));
    assertEquals(32 * 24, s0.length);
    assertEquals(0.0, Arrays.stream(s0).map(Math::abs).sum());
    assertEquals(1 + 2 * 5, Arrays.stream(p.frame()).sum(), "one ball pixel and two paddles of 5");
  }

  @Test
  void theDifferenceFrameShowsWhereTheBallCameFromAndWentTo() {
    Pong p = new Pong(32, 24, 5, 0.4);
    p.reset(new Random(1));
    p.place(10, 12, 1, 0);
    double[] s = p.step(1).state(); // stay: only the ball (and maybe the opponent) moves
    assertEquals(-1.0, s[12 * 32 + 10]);
    assertEquals(1.0, s[12 * 32 + 11]);
  }

  @Test
  void missingTheBallLosesThePointAndCoveringItReturnsTheBall() {
    Pong p = new Pong(32, 24, 5, 0.4);
    p.reset(new Random(2));
    int top = p.agentTop(); // 9: the paddle covers rows 9..13
    p.place(29, top + 2, 1, 0);
    Environment.Transition t = p.step(1);
    assertFalse(t.done());
    t = p.step(1);
    assertFalse(t.done(), "the paddle covers the ball: it bounces");
    assertEquals(0.0, t.reward());
    p.reset(new Random(2));
    p.place(29, 1, 1, 0);
    p.step(1);
    t = p.step(1);
    assertTrue(t.done());
    assertEquals(-1.0, t.reward());
    assertEquals("The point is over; call reset.", assertThrows(IllegalStateException.class, () -> p.step(1)).getMessage());
  }

  @Test
  void passingTheOpponentWinsThePoint() {
    Pong p = new Pong(16, 12, 3, 0.01); // an opponent too slow to follow
    p.reset(new Random(3));
    p.place(2, 0.5, -1, 0);
    Environment.Transition t = p.step(1);
    t = p.step(1);
    assertTrue(t.done());
    assertEquals(1.0, t.reward());
  }

  @Test
  void paddlesStayOnTheFieldAndBadActionsAreNamed() {
    Pong p = new Pong(32, 24, 5, 0.4);
    p.reset(new Random(4));
    for (int i = 0; i < 30; i++) {
      boolean done = p.step(0).done();
      assertTrue(p.agentTop() >= 0);
      if (done) break;
    }
    assertEquals(0, p.agentTop(), "after moving up long enough the paddle rests at the top");
    assertEquals("Pong actions are 0 (up), 1 (stay), 2 (down). Got 3.", assertThrows(IllegalArgumentException.class,
        () -> {
          p.reset(new Random(5));
          p.step(3);
        }).getMessage());
    assertArrayEquals(new int[] {32, 24}, new int[] {p.width(), p.height()});
    assertEquals(16 * 12, Pong.standard().stateSize(), "the default game is 16x12 pixels");
  }
}
