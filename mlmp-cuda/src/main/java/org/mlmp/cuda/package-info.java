/**
 * CUDA wiring, no algorithms: with this module (and, for running, the {@code -Pcuda} natives) on the
 * class path, {@link org.mlmp.backend.Backends} can choose the nd4j-cuda-11.6 backend, and
 * {@link org.mlmp.cuda.CudaRuntimeProbe} reports GPUs and their compute capability through the CUDA
 * runtime before any kernel runs (see {@link org.mlmp.backend.CudaCompatibility} for the supported range).
 */
package org.mlmp.cuda;
