/**
 * Export of trained networks to ONNX ({@link org.mlmp.nn.onnx.OnnxExport}, opset 13): the layers, the
 * fitted input scaling and the reshape of flat rows to NCHW, written with the ONNX protobuf classes that
 * nd4j-api bundles. Uses only the public API of {@link org.mlmp.nn}, never its engine.
 */
package org.mlmp.nn.onnx;
