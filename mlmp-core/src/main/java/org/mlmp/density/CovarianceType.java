package org.mlmp.density;

import java.util.Locale;

/** The form of each mixture component's covariance matrix Σ_k (scikit-learn's {@code covariance_type}). */
public enum CovarianceType {
  /** Each component has its own general symmetric positive-definite Σ_k: d(d+1)/2 parameters. */
  FULL("full"),
  /** Each Σ_k is diagonal, diag(σ²_k1, …, σ²_kd): axis-aligned ellipsoids, d parameters. */
  DIAGONAL("diag");

  private final String label;

  CovarianceType(String label) {
    this.label = label;
  }

  /**
   * The short name, as scikit-learn and the command line spell it.
   *
   * @return "full" or "diag"
   */
  public String label() {
    return label;
  }

  /**
   * Parses "full" or "diag" (case-insensitive, surrounding blanks ignored).
   *
   * @param s the text
   * @return the covariance type
   * @throws IllegalArgumentException for any other text, or null
   */
  public static CovarianceType parse(String s) {
    for (CovarianceType t : values()) {
      if (t.label.equalsIgnoreCase(s == null ? "" : s.trim())) return t;
    }
    throw new IllegalArgumentException("The covariance type must be 'full' or 'diag'. Got '" + s + "' instead.");
  }

  @Override
  public String toString() {
    return label.toUpperCase(Locale.ROOT).charAt(0) + label.substring(1);
  }
}
