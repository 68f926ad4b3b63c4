/**
 * Data: the {@link org.mlmp.api.Dataset} value, CSV tables ({@link org.mlmp.data.CsvTable}, read as
 * {@link org.mlmp.data.CsvOptions} say), IDX files and MNIST / Fashion-MNIST ({@link org.mlmp.data.IdxFile},
 * {@link org.mlmp.data.MnistData}), image folders and IDX images for networks
 * ({@link org.mlmp.data.LabeledImages}, {@link org.mlmp.data.ImagePreprocessing}), seeded
 * train / validation / test splits and k-fold cross-validation ({@link org.mlmp.data.Partition}), and
 * feature standardisation fitted on training data only ({@link org.mlmp.data.Standardization}).
 */
package org.mlmp.data;

import org.mlmp.api.Dataset;
