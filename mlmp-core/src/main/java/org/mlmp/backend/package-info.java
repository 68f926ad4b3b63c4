/**
 * The only code that touches backend, native-build and device APIs: choosing CPU or CUDA at run time
 * ({@link org.mlmp.backend.Backends}, {@link org.mlmp.backend.BackendSelector}), probing GPUs and their
 * compute capability ({@link org.mlmp.backend.GpuProbe}, {@link org.mlmp.backend.CudaCompatibility}),
 * choosing the nd4j-native build for the processor ({@link org.mlmp.backend.NativeBuild}), checking the
 * OpenBLAS kernel ({@link org.mlmp.backend.OpenBlasKernel}, {@link org.mlmp.backend.LapackCheck}), and
 * the {@link org.mlmp.backend.BackendReport}.
 *
 * <p>The host BLAS/LAPACK facade of the CPU fast paths (linear fits, kernel ridge, the neural-network
 * engine's fused Adam): {@link org.mlmp.backend.HostBlas} and {@link org.mlmp.backend.HostLapack} (one
 * OpenBLAS call per method) on {@link org.mlmp.backend.HostDoubles} / {@link org.mlmp.backend.HostFloats}
 * buffers, the one host-memory decision {@link org.mlmp.backend.HostBlas#hostMemory()} and the one test
 * switch {@link org.mlmp.backend.HostBlas#forceGeneric()}. No public method outside this package takes
 * or returns a JavaCPP pointer.
 */
package org.mlmp.backend;
