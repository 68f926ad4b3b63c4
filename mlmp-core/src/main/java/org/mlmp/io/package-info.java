/**
 * The single model file format of every family ({@link org.mlmp.io.ModelFile}): a zip of
 * {@code model.json} and NumPy {@code .npy} arrays, versioned, written atomically, readable from
 * Python. Families register a {@link org.mlmp.io.ModelCodec} per model type.
 */
package org.mlmp.io;
