/**
 * Linear models of the course: regression f(x) = w·x + w0 and linear classification f(x) &gt; 0 ⇒ class A.
 *
 * <p>Every regression trainer minimises the course's cost C(w, w0) = 1/(2N) Σ_j (w·x_j + w0 − y_j)²
 * plus a penalty on w (the intercept w0 is never penalised; {@code fitIntercept} defaults to true):
 * <ul>
 *   <li>{@link org.mlmp.linear.OrdinaryLeastSquares}: no penalty, closed form (Householder QR or
 *       well-conditioned Cholesky) — scikit-learn {@code LinearRegression};
 *   <li>{@link org.mlmp.linear.GradientDescent}: the same cost (optionally + λ‖w‖²) by batch or
 *       mini-batch gradient descent, with divergence detection;
 *   <li>{@link org.mlmp.linear.Ridge}: + λ‖w‖²₂ — scikit-learn {@code Ridge(alpha = 2Nλ)};
 *   <li>{@link org.mlmp.linear.Lasso}: + λ‖w‖₁ — scikit-learn {@code Lasso(alpha = λ)};
 *   <li>{@link org.mlmp.linear.ElasticNet}: + λ(a‖w‖₁ + (1 − a)‖w‖²₂) — scikit-learn
 *       {@code ElasticNet(alpha = λ(2 − a), l1_ratio = a/(2 − a))};
 *   <li>{@link org.mlmp.linear.BestSubset} (exact, ≤ 25 features) and
 *       {@link org.mlmp.linear.ForwardSelection} (greedy, approximate): + λ‖w‖₀.
 * </ul>
 * N is the number of training rows. All return a {@link org.mlmp.linear.LinearModel}.
 * {@link org.mlmp.linear.RegularizationPath} and {@link org.mlmp.linear.CrossValidation} fit and choose λ
 * over a grid; the command line draws both ({@code org.mlmp.cli.plots.PathPlots} in mlmp-examples).
 *
 * <p>Classifiers ({@link org.mlmp.linear.LeastSquaresClassifier}, {@link org.mlmp.linear.Perceptron},
 * {@link org.mlmp.linear.LogisticRegression}) encode two classes as t = ±1 (+1 = class A = the larger
 * label) and use one-vs-rest for more; they return a {@link org.mlmp.linear.LinearClassifierModel}.
 *
 * <p>With {@code standardize}, features are scaled by the training mean and 1/N standard deviation before
 * the fit, so the penalty acts on the standardised coefficients; models always report coefficients for
 * the raw columns and save the standardisation with them. Computation is in double precision by default;
 * every trainer but the L0 searches takes {@link org.mlmp.api.Precision#FLOAT} on request
 * ({@link org.mlmp.api.Precision}).
 *
 * <p>Speed: the trainers that work on the Gram matrix ({@link org.mlmp.linear.Ridge}, {@link org.mlmp.linear.Lasso},
 * {@link org.mlmp.linear.ElasticNet} fit and path, OLS, L0, full-batch gradient descent, the least-squares
 * classifier) read x once, in blocks of about 3 MB that stay in cache: each block is copied, shifted by the
 * first block's mean (so the centred Gram matrix loses no digits to cancellation) and added to XᵀX by one
 * symmetric rank-m update ({@code ?syrk}; on the CPU backend directly in OpenBLAS, elsewhere
 * {@code Nd4j.gemm}). x is never copied whole. Coordinate descent then works on the d×d Gram matrix
 * only, O(d) per changed weight.
 *
 * <p>Backends: every direct OpenBLAS call has a backend-generic ND4J equivalent, taken on any backend but
 * the CPU one; the tests force it on the CPU and check that both give the same models.
 *
 * <p>Reference: T. Hastie, R. Tibshirani, J. Friedman, The Elements of Statistical Learning, 2nd ed.
 * (Springer, 2009), chapters 3 and 4.
 */
package org.mlmp.linear;
