/**
 * Data: the {@link org.mlmp.data.Dataset} value, CSV tables ({@link org.mlmp.data.CsvTable}), IDX files
 * and MNIST / Fashion-MNIST ({@link org.mlmp.data.IdxFile}, {@link org.mlmp.data.MnistData}), seeded
 * train / validation / test splits and k-fold cross-validation ({@link org.mlmp.data.Partition}), and
 * feature standardisation fitted on training data only ({@link org.mlmp.data.Standardization}).
 */
package org.mlmp.data;
