package org.mlmp.nn;

/**
 * The cost C minimised in training, averaged over the B samples of a mini-batch; a is the network's
 * output, y the target (one-hot for classes).
 *
 * <ul>
 *   <li>{@link #SQUARED_ERROR}: C = (1/B) Σ_n ½ Σ_k (a_nk − y_nk)², the course's quadratic cost
 *       (PyTorch: {@code 0.5 * K * MSELoss()} for K outputs). Any output activation.
 *   <li>{@link #CROSS_ENTROPY}: with a {@link Activation#SOFTMAX} output, C = −(1/B) Σ_n Σ_k y_nk ln a_nk
 *       (PyTorch: {@code CrossEntropyLoss} on the logits); with a single {@link Activation#SIGMOID} output unit,
 *       the binary form C = −(1/B) Σ_n [y ln a + (1 − y) ln(1 − a)] ({@code BCEWithLogitsLoss}). In both
 *       cases ∂C/∂z = (a − y)/B at the output layer, which is how it is computed (no division by a).
 * </ul>
 */
public enum Loss {
  /** C = (1/B) Σ_n ½ Σ_k (a_nk − y_nk)², for regression; any output activation. */
  SQUARED_ERROR,
  /** C = −(1/B) Σ_n Σ_k y_nk ln a_nk (or its binary form), for classification; SOFTMAX or one SIGMOID output. */
  CROSS_ENTROPY
}
