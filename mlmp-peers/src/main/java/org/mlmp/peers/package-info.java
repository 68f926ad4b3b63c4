/**
 * The Java peers of {@code mlmp compare nn}, each run in its own JVM by the compare command: DJL with its PyTorch
 * engine ({@link org.mlmp.peers.DjlPeer}) and libtorch 2.x through JavaCPP ({@link org.mlmp.peers.LibtorchPeer}).
 * Same networks as mlmp's benchmarks (LeNet-5 as {@code MnistTrainBench}, the MLP 784-512-256-10, torchvision's
 * AlexNet), synthetic MNIST-shaped or 3×224×224 batches (uniform pixels, random labels, one fixed batch as the
 * PyTorch script uses), softmax cross-entropy, Adam 1e-3, float32, the thread count given; and AlexNet's conv1–5
 * timed one by one as torch_bench.py's "alexconv". Each prints one JSON object on its last line: {@code img_per_s}
 * (or, for "alexconv", {@code forward_gflops} and {@code forward_backward_gflops} with their times) and
 * {@code config} (what the engine reports: threads, inter-op threads, BLAS; a {@code summary} line for the table).
 *
 * <p>Built only with {@code mvn -Ppeers}; no module depends on this one.
 */
package org.mlmp.peers;
