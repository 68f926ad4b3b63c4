package org.mlmp.rl;

import java.util.Random;

/**
 * A Pong-like game observed from pixels, after the policy-gradient Pong example the course cites
 * (A. Karpathy, "Deep Reinforcement Learning: Pong from Pixels", 2016), small enough to learn on a CPU.
 *
 * <p>A {@code width × height} field: the agent's paddle in the rightmost column, the opponent's in the
 * leftmost, each {@code paddle} pixels tall, and a ball. The agent's actions are 0 = up, 1 = stay,
 * 2 = down (one pixel per step); the opponent follows the ball at most {@code opponentSpeed} pixels per
 * step, so fast balls get past it. The ball moves one column per step, bounces off the top and bottom
 * walls and off the paddles (hitting a paddle off-centre deflects it). An episode is one point: reward
 * +1 when the ball passes the opponent, −1 when it passes the agent, 0 on every other step.
 *
 * <p>The state s_n is the difference of the two latest frames, x_n − x_{n−1}, flattened row by row
 * ({@code width·height} numbers in {−1, 0, 1}); each frame is a binary image of the ball and both
 * paddles. The difference shows motion, which a single frame cannot.
 */
public final class Pong implements Environment {
  private final int width, height, paddle;
  private final double opponentSpeed;
  private double ballX, ballY, velX, velY, opponentY;
  private int agentY;
  private double[] previous;
  private Random rng;
  private boolean over = true;

  /**
   * @param width columns ≥ 8
   * @param height rows ≥ 8
   * @param paddle paddle height in pixels, 2 ≤ paddle &lt; height
   * @param opponentSpeed the opponent's maximum speed in pixels per step, &gt; 0
   */
  public Pong(int width, int height, int paddle, double opponentSpeed) {
    if (width < 8 || height < 8) {
      throw new IllegalArgumentException("Pong needs a field of at least 8x8 pixels. Got " + width + "x" + height + ".");
    }
    if (paddle < 2 || paddle >= height) {
      throw new IllegalArgumentException("The paddle must be 2 to height - 1 = " + (height - 1) + " pixels. Got "
          + paddle + ".");
    }
    if (!(opponentSpeed > 0)) {
      throw new IllegalArgumentException("The opponent speed must be > 0. Got " + opponentSpeed + ".");
    }
    this.width = width;
    this.height = height;
    this.paddle = paddle;
    this.opponentSpeed = opponentSpeed;
  }

  /**
   * The default game: 16 × 12 pixels, paddles of 3 pixels, opponent speed 0.3 pixel per step — small
   * enough that REINFORCE improves within minutes on a 2-core CPU (on 32 × 24 pixels it showed no gain
   * in 24 000 points).
   *
   * @return {@code new Pong(16, 12, 3, 0.3)}
   */
  public static Pong standard() {
    return new Pong(16, 12, 3, 0.3);
  }

  /**
   * The field's width.
   *
   * @return columns, in pixels
   */
  public int width() {
    return width;
  }

  /**
   * The field's height.
   *
   * @return rows, in pixels
   */
  public int height() {
    return height;
  }

  @Override
  public int stateSize() {
    return width * height;
  }

  @Override
  public int actionCount() {
    return 3;
  }

  @Override
  public double[] reset(Random random) {
    this.rng = random;
    agentY = (height - paddle) / 2;
    opponentY = (height - paddle) / 2.0;
    ballX = width / 2.0;
    ballY = 2 + rng.nextDouble() * (height - 4);
    velX = rng.nextBoolean() ? 1 : -1;
    velY = (rng.nextDouble() * 2 - 1) * 0.8;
    over = false;
    previous = frame();
    return new double[width * height]; // no motion seen yet
  }

  /** Places the ball (for tests and demonstrations); the paddles stay where they are. */
  void place(double x, double y, double vx, double vy) {
    ballX = x;
    ballY = y;
    velX = vx;
    velY = vy;
    previous = frame();
  }

  /** The agent paddle's top row. */
  int agentTop() {
    return agentY;
  }

  @Override
  public Transition step(int action) {
    if (over) throw new IllegalStateException("The point is over; call reset.");
    if (action < 0 || action > 2) {
      throw new IllegalArgumentException("Pong actions are 0 (up), 1 (stay), 2 (down). Got " + action + ".");
    }
    agentY = Math.max(0, Math.min(height - paddle, agentY + action - 1));
    double target = ballY - paddle / 2.0;
    opponentY += Math.max(-opponentSpeed, Math.min(opponentSpeed, target - opponentY));
    opponentY = Math.max(0, Math.min(height - paddle, opponentY));
    ballX += velX;
    ballY += velY;
    if (ballY < 0) {
      ballY = -ballY;
      velY = -velY;
    } else if (ballY > height - 1) {
      ballY = 2 * (height - 1) - ballY;
      velY = -velY;
    }
    double reward = 0;
    if (ballX >= width - 1) { // the agent's column
      if (covers(agentY, ballY)) bounce(agentY, width - 1);
      else {
        reward = -1;
        over = true;
      }
    } else if (ballX <= 0) {
      if (covers(opponentY, ballY)) bounce(opponentY, 0);
      else {
        reward = 1;
        over = true;
      }
    }
    double[] f = frame();
    double[] diff = new double[f.length];
    for (int i = 0; i < f.length; i++) diff[i] = f[i] - previous[i];
    previous = f;
    return new Transition(diff, reward, over);
  }

  private boolean covers(double top, double y) {
    return y >= top - 0.5 && y <= top + paddle - 0.5;
  }

  private void bounce(double top, int column) {
    ballX = column == 0 ? 1 : width - 2;
    velX = -velX;
    double offset = (ballY - (top + (paddle - 1) / 2.0)) / paddle; // in [−½, ½]
    velY = Math.max(-1.2, Math.min(1.2, velY + offset));
  }

  /** The current frame: 1 where the ball or a paddle is, row by row. */
  double[] frame() {
    double[] f = new double[width * height];
    int by = (int) Math.round(Math.max(0, Math.min(height - 1, ballY)));
    int bx = (int) Math.round(Math.max(0, Math.min(width - 1, ballX)));
    f[by * width + bx] = 1;
    int oy = (int) Math.round(opponentY);
    for (int r = 0; r < paddle; r++) {
      f[(agentY + r) * width + width - 1] = 1;
      f[(oy + r) * width] = 1;
    }
    return f;
  }
}
