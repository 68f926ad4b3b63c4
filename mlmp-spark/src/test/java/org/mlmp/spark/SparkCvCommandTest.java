package org.mlmp.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Regressor;
import org.mlmp.data.CsvOptions;
import org.mlmp.data.CsvTable;
import org.mlmp.io.ModelFile;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code mlmp spark cv}: mlmp cv's options, its JSON character for character and its model file; bad input named. */
class SparkCvCommandTest {
  static SparkTrainCommandTest.MlmpRun mlmp(String... args) {
    return SparkTrainCommandTest.mlmp(args);
  }

  @Test
  void printsWhatMlmpCvPrintsAndSavesTheSameModel(@TempDir Path dir) throws Exception {
    Path train = SparkKrrCommandTest.csv(dir, "train.csv", 50, 4);
    Path local = dir.resolve("local.mlmp"), spark = dir.resolve("spark.mlmp");
    String[] common = {"--model", "krr", "--grid", "lambda=1e-3,0.1", "--grid", "kernel.sigma=0.4,1.5", "--data",
        train.toString(), "--target", "y", "--folds", "3", "--seed", "8"};
    SparkTrainCommandTest.MlmpRun cv = mlmp(SparkKrrCommandTest.concat(new String[] {"cv", "--save", local.toString()},
        common));
    assertEquals(0, cv.code(), cv.err());
    SparkTrainCommandTest.MlmpRun onSpark = mlmp(SparkKrrCommandTest.concat(new String[] {"spark", "cv", "--master",
        "local[2]", "--save", spark.toString()}, common));
    assertEquals(0, onSpark.code(), onSpark.err());
    assertTrue(cv.out().contains("\"configurations\""), cv.out());
    assertEquals(cv.out(), onSpark.out(), "the same JSON, every score bitwise");
    INDArray x = CsvTable.readWithTarget(train, CsvOptions.DEFAULT, "y").toDataset("y").x();
    assertArrayEquals(((Regressor) ModelFile.load(local)).predict(x).toDoubleVector(),
        ((Regressor) ModelFile.load(spark)).predict(x).toDoubleVector(), 0.0, "the same refitted model");
  }

  @Test
  void badInputIsNamed(@TempDir Path dir) throws Exception {
    String data = SparkKrrCommandTest.csv(dir, "train.csv", 6, 1).toString();
    SparkTrainCommandTest.MlmpRun folds = mlmp("spark", "cv", "--master", "local[1]", "--model", "ridge", "--grid",
        "lambda=1", "--data", data, "--target", "y", "--folds", "7");
    assertEquals(1, folds.code());
    assertTrue(folds.err().contains("--folds 7 is more than the 6 rows of " + data + "; use --folds <= 6."),
        folds.err());
    SparkTrainCommandTest.MlmpRun grid = mlmp("spark", "cv", "--master", "local[1]", "--model", "ridge", "--grid",
        "lambda=1", "--grid", "ridge=1", "--data", data, "--target", "y");
    assertEquals(1, grid.code());
    assertTrue(grid.err().contains("--grid: The grid names 'ridge', but Ridge has no component 'ridge'"), grid.err());
    SparkTrainCommandTest.MlmpRun partitions = mlmp("spark", "cv", "--master", "local[1]", "--partitions", "2",
        "--model", "ridge", "--grid", "lambda=1", "--data", data, "--target", "y");
    assertEquals(1, partitions.code());
    assertTrue(partitions.err().contains("--partitions does not apply to mlmp spark cv: it runs one task per"
        + " configuration and fold (the whole data set broadcast to each). Drop --partitions."), partitions.err());
  }
}
