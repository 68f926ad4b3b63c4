/**
 * The shared workload definitions: the same networks written with mlmp ({@link org.mlmp.workloads.MlmpNets},
 * {@link org.mlmp.workloads.AlexNet}) and with plain Deeplearning4j ({@link org.mlmp.workloads.Dl4jNets}), and
 * the MNIST batches they train on ({@link org.mlmp.workloads.MnistBatches}). The JMH benchmarks
 * ({@code mlmp-benchmarks}) and {@code ./mlmp compare} ({@code mlmp-examples}) both run them; this module has
 * no JMH dependency, so the command line does not carry the benchmark harness.
 */
package org.mlmp.workloads;
