package org.mlmp.linear;

import org.mlmp.api.Precision;

/**
 * How a closed-form least-squares (or ridge) problem min 1/(2N)‖t − Zw‖² + λ‖w‖² is solved.
 *
 * <ul>
 *   <li>{@link #QR}: Householder QR of Z (or of [Z; √(2Nλ) I] for ridge), backward stable — the error
 *       grows like cond(Z)·ε. Used for the NIST StRD certified results. Costs 2Nd² flops in plain Java.
 *   <li>{@link #CHOLESKY}: the normal equations (ZᵀZ + 2Nλ I) w = Zᵀt by one symmetric rank-N update
 *       ({@code dsyrk}) and a Cholesky factorisation: fast, but the error grows like cond(Z)²·ε.
 *   <li>{@link #AUTO} (default): Cholesky when the estimated condition number of the column-scaled
 *       system is at most {@link #AUTO_MAX_CONDITION} (cond(Z) ≲ 100, so at most ~4 digits lost;
 *       measured on NIST Wampler1, cond(ZᵀZ) ≈ 2.7·10⁶: Cholesky 6.3 correct digits, QR 9.0),
 *       Householder QR otherwise.
 * </ul>
 * With {@link Precision#FLOAT}, AUTO uses Cholesky whenever the (single-precision) Gram matrix is
 * positive definite. The explicit inverse is never formed.
 */
public enum LeastSquaresSolver {
  /** Cholesky when the column-scaled system is well conditioned (see {@link #AUTO_MAX_CONDITION}), else QR. */
  AUTO,
  /** Householder QR of the design matrix: backward stable, error ∝ cond(Z)·ε. */
  QR,
  /** Cholesky factorisation of the normal equations: fast, error ∝ cond(Z)²·ε. */
  CHOLESKY;

  /** The largest cond(D(ZᵀZ + 2NλI)D), D the diagonal column scaling, for which AUTO uses Cholesky. */
  public static final double AUTO_MAX_CONDITION = 1e4;
}
