/**
 * Kernel methods built on {@link org.mlmp.kernel.Kernel}: {@link org.mlmp.kernelmethods.KernelRidge}
 * (kernel ridge regression by Cholesky, with forces through the kernel gradient), cross-validated
 * choice of (σ, λ) in {@link org.mlmp.kernelmethods.KernelRidgeSearch}, and
 * {@link org.mlmp.kernelmethods.LearningCurve} (table and PNG), and the soft-margin SVM
 * {@link org.mlmp.kernelmethods.Svm} (SMO).
 *
 * <p>Kernel ridge regression has two execution paths with the same results: on the CPU backend in double
 * precision, OpenBLAS/LAPACK called directly on host buffers (Gram pass of {@link org.mlmp.kernel.CpuGram},
 * {@code dposv}, from n = 1 000 a float Cholesky factor with preconditioned conjugate gradients in double);
 * on other backends (CUDA) and in {@link org.mlmp.api.Precision#FLOAT}, ND4J operations only
 * ({@code Nd4j.gemm}, {@code potrf}, {@code TriangularSolve}). The CUDA run of the generic path is
 * unverified (no GPU here); its tests run it on the CPU.
 *
 * <p>References: C. M. Bishop, <i>Pattern Recognition and Machine Learning</i> (2006), ch. 6; B.
 * Schölkopf and A. J. Smola, <i>Learning with Kernels</i> (2002); scikit-learn
 * {@code sklearn.kernel_ridge.KernelRidge}.
 */
package org.mlmp.kernelmethods;
