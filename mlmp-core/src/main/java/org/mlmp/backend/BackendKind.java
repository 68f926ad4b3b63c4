package org.mlmp.backend;

/** The ND4J backend that executes mlmp's array operations. */
public enum BackendKind {
  /** nd4j-native: OpenBLAS for BLAS/LAPACK, oneDNN for convolutions and matrix products. */
  CPU,
  /** nd4j-cuda-11.6: cuBLAS, cuSOLVER and cuDNN on an NVIDIA GPU. */
  CUDA
}
