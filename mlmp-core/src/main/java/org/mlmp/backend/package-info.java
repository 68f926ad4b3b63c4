/**
 * The only code that touches backend, native-build and device APIs: choosing CPU or CUDA at run time
 * ({@link org.mlmp.backend.Backends}, {@link org.mlmp.backend.BackendSelector}), probing GPUs and their
 * compute capability ({@link org.mlmp.backend.GpuProbe}, {@link org.mlmp.backend.CudaCompatibility}),
 * choosing the nd4j-native build for the processor ({@link org.mlmp.backend.NativeBuild}), checking the
 * OpenBLAS kernel ({@link org.mlmp.backend.OpenBlasKernel}, {@link org.mlmp.backend.LapackCheck}), and
 * the {@link org.mlmp.backend.BackendReport}.
 */
package org.mlmp.backend;
