package org.mlmp.rl;

import java.util.Arrays;
import java.util.Random;

/**
 * A small grid world (Sutton and Barto, §3.5 / §4.1): cells (row, column) of a width × height grid,
 * some of them walls, one goal. Actions 0 = up, 1 = right, 2 = down, 3 = left move one cell; a move
 * into a wall or off the grid leaves the agent where it is. Every step costs R = −1 (so the optimal
 * policy takes a shortest path), reaching the goal ends the episode. Episodes start in a uniformly
 * random free cell ("exploring starts"), so that a learner sees every state.
 *
 * <p>The state vector is the one-hot encoding of the cell index row·width + column. As a
 * {@link FiniteMdp} it can be solved exactly with {@link ValueIteration}; with γ = 1, V*(s) = −(number
 * of steps on a shortest path to the goal).
 */
public final class GridWorld implements Environment, FiniteMdp {
  /** Row and column offsets of the actions up, right, down, left. */
  private static final int[][] MOVES = {{-1, 0}, {0, 1}, {1, 0}, {0, -1}};
  /** Names of the actions, for printing policies. */
  public static final String[] ACTION_NAMES = {"up", "right", "down", "left"};

  private final int width, height, goal;
  private final boolean[] wall;
  private int position = -1;

  /**
   * @param width columns ≥ 1
   * @param height rows ≥ 1
   * @param goal the goal cell index row·width + column
   * @param walls wall cell indices (not the goal)
   */
  public GridWorld(int width, int height, int goal, int... walls) {
    if (width < 1 || height < 1 || width * height < 2) {
      throw new IllegalArgumentException("A GridWorld needs at least 2 cells. Got " + width + "x" + height + ".");
    }
    this.width = width;
    this.height = height;
    if (goal < 0 || goal >= width * height) {
      throw new IllegalArgumentException("The goal cell must be in [0, " + width * height + "). Got " + goal + ".");
    }
    this.goal = goal;
    this.wall = new boolean[width * height];
    for (int w : walls) {
      if (w < 0 || w >= width * height || w == goal) {
        throw new IllegalArgumentException("Wall cell " + w + " must be in [0, " + width * height
            + ") and not the goal " + goal + ".");
      }
      wall[w] = true;
    }
  }

  /**
   * The 4×4 grid of the tests and the demo: goal in the bottom-right corner (cell 15), walls at (1,1), (2,1)
   * and (2,2) (cells 5, 9, 10), so that some shortest paths must go around them.
   *
   * @return the grid
   */
  public static GridWorld small() {
    return new GridWorld(4, 4, 15, 5, 9, 10);
  }

  /**
   * The number of columns.
   *
   * @return the width
   */
  public int width() {
    return width;
  }

  /**
   * The number of rows.
   *
   * @return the height
   */
  public int height() {
    return height;
  }

  /**
   * Whether a cell is a wall.
   *
   * @param cell the cell index row·width + column
   * @return true for a wall
   */
  public boolean isWall(int cell) {
    return wall[cell];
  }

  /**
   * The one-hot state vector of a cell.
   *
   * @param cell the cell index row·width + column
   * @return a vector of width·height zeros with a 1 at {@code cell}
   */
  public double[] encode(int cell) {
    double[] s = new double[width * height];
    s[cell] = 1;
    return s;
  }

  @Override
  public int stateSize() {
    return width * height;
  }

  @Override
  public int actionCount() {
    return 4;
  }

  @Override
  public double[] reset(Random rng) {
    int free = 0;
    for (int c = 0; c < wall.length; c++) if (!wall[c] && c != goal) free++;
    int k = rng.nextInt(free);
    for (int c = 0; c < wall.length; c++) {
      if (wall[c] || c == goal) continue;
      if (k-- == 0) {
        position = c;
        break;
      }
    }
    return encode(position);
  }

  /**
   * Starts an episode in a given free cell (for evaluation).
   *
   * @param cell the start cell, neither a wall nor the goal
   * @return the state of that cell
   * @throws IllegalArgumentException when the cell is outside the grid, a wall or the goal
   */
  public double[] resetTo(int cell) {
    if (cell < 0 || cell >= wall.length || wall[cell] || cell == goal) {
      throw new IllegalArgumentException("Cell " + cell + " is not a free non-goal cell of this grid.");
    }
    position = cell;
    return encode(cell);
  }

  @Override
  public Transition step(int action) {
    if (position < 0) throw new IllegalStateException("Call reset before step.");
    if (position == goal) throw new IllegalStateException("The episode has ended (goal reached); call reset.");
    position = next(position, action);
    return new Transition(encode(position), -1.0, position == goal);
  }

  @Override
  public int stateCount() {
    return width * height;
  }

  @Override
  public int next(int state, int action) {
    if (action < 0 || action > 3) {
      throw new IllegalArgumentException("GridWorld actions are 0 (up), 1 (right), 2 (down), 3 (left). Got " + action
          + ".");
    }
    if (state == goal || wall[state]) return state;
    int r = state / width + MOVES[action][0], c = state % width + MOVES[action][1];
    if (r < 0 || r >= height || c < 0 || c >= width || wall[r * width + c]) return state;
    return r * width + c;
  }

  @Override
  public double reward(int state, int action) {
    return -1.0;
  }

  @Override
  public boolean isTerminal(int state) {
    return state == goal || wall[state];
  }

  @Override
  public String toString() {
    return "GridWorld " + width + "x" + height + ", goal " + goal + ", walls " + Arrays.toString(
        java.util.stream.IntStream.range(0, wall.length).filter(c -> wall[c]).toArray());
  }
}
