package org.mlmp.io;

import org.mlmp.api.ModelState;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlmp.api.Model;
import org.mlmp.baseline.MeanModel;
import org.mlmp.baseline.MeanRegressor;
import org.mlmp.api.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {
  @TempDir Path dir;

  MeanModel model() {
    return MeanRegressor.of().fit(Dataset.of(new double[][] {{1, 2}, {3, 4}, {5, 7}}, new double[] {1, 2, 6}));
  }

  @Test
  void saveLoadRoundTripWithFeatureNamesAndProvenance() throws IOException {
    Path f = dir.resolve("m.mlmp");
    ModelFile.save(model(), f, List.of("a", "b"));
    MeanModel back = ModelFile.load(f, MeanModel.class);
    assertArrayEquals(new double[] {3}, back.mean(), 0);
    assertEquals(List.of("a", "b"), ModelFile.readFeatureNames(f));
    try (ZipFile z = new ZipFile(f.toFile())) {
      String json = new String(z.getInputStream(z.getEntry("model.json")).readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(json.contains("\"formatVersion\" : 2") && json.contains("\"backend\" : \"cpu\"")
          && json.contains("\"library\" : \"mlmp "), json);
      assertTrue(z.getEntry("arrays/0.npy") != null);
    }
    assertFalse(Files.list(dir).anyMatch(p -> p.toString().endsWith(".tmp")), "temporary file left behind");
  }

  @Test
  void npyRoundTripAllTypesAndNumpyHeader() throws IOException {
    for (INDArray a : List.of(Nd4j.createFromArray(new double[][] {{1.5, -2}, {3, 4e-300}}),
        Nd4j.createFromArray(new float[] {1f, 2.5f, -3f}), Nd4j.createFromArray(new long[] {1, -2, 3}),
        Nd4j.createFromArray(new int[][] {{1, 2, 3}}))) {
      byte[] b = Npy.write(a);
      assertEquals(0, (b.length - a.length() * a.dataType().width()) % 64, "header padded to 64 bytes");
      INDArray back = Npy.read(b, "t");
      assertEquals(a.dataType(), back.dataType());
      assertArrayEquals(a.shape(), back.shape());
      assertEquals(a, back);
    }
    String header = new String(Npy.write(Nd4j.createFromArray(new double[] {1, 2})), 10, 60, StandardCharsets.US_ASCII);
    assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }"), header);
  }

  @Test
  void truncatedFileIsReportedAsSuch() throws IOException {
    Path f = dir.resolve("m.mlmp");
    ModelFile.save(model(), f);
    byte[] b = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(b, b.length / 2));
    IOException e = assertThrows(IOException.class, () -> ModelFile.load(f));
    assertTrue(e.getMessage().contains(f.toString()) && (e.getMessage().contains("truncated") || e.getMessage().contains("corrupt")),
        e.getMessage());
  }

  @Test
  void notAModelFile() throws IOException {
    Path f = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
    IOException e = assertThrows(IOException.class, () -> ModelFile.load(f));
    assertTrue(e.getMessage().contains("is not an mlmp model file"), e.getMessage());
    Path empty = Files.write(dir.resolve("e"), new byte[0]);
    assertTrue(assertThrows(IOException.class, () -> ModelFile.load(empty)).getMessage().contains("is empty"));
  }

  /** Version 2 is the newest this code reads; a file of version 3 is refused with the upgrade message. */
  @Test
  void newerFormatVersionAsksForUpgrade() throws IOException {
    assertEquals(2, ModelFile.FORMAT_VERSION);
    Path f = dir.resolve("future.mlmp");
    try (OutputStream o = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(o)) {
      z.putNextEntry(new ZipEntry("model.json"));
      z.write("{\"format\":\"mlmp-model\",\"formatVersion\":3,\"type\":\"baseline.mean\"}".getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    IOException e = assertThrows(IOException.class, () -> ModelFile.load(f));
    assertEquals("Model file " + f + " has format version 3, newer than this mlmp " + org.mlmp.Mlmp.version()
        + " reads (up to 2). Upgrade mlmp to load it.", e.getMessage());
  }

  @Test
  void missingArrayEntryIsNamed() throws IOException {
    Path f = dir.resolve("m.mlmp");
    try (OutputStream o = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(o)) {
      z.putNextEntry(new ZipEntry("model.json"));
      z.write(("{\"format\":\"mlmp-model\",\"formatVersion\":1,\"type\":\"baseline.mean\","
          + "\"arrays\":{\"mean\":\"arrays/0.npy\"}}").getBytes(StandardCharsets.UTF_8));
      z.closeEntry();
    }
    IOException e = assertThrows(IOException.class, () -> ModelFile.load(f));
    assertTrue(e.getMessage().contains("lacks the entry arrays/0.npy for array 'mean'"), e.getMessage());
  }

  @Test
  void modelThatCannotBeWrittenFailsBeforeWritingAnything() {
    Model unsaveable = new Model() {
      @Override
      public int nFeatures() {
        return 1;
      }

      @Override
      public ModelState toState() {
        throw new UnsupportedOperationException("a kernel given as a user function cannot be saved");
      }
    };
    Path f = dir.resolve("u.mlmp");
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> ModelFile.save(unsaveable, f));
    assertTrue(e.getMessage().contains("cannot be saved"));
    assertFalse(Files.exists(f));
  }

  @Test
  void failedSaveKeepsThePreviousFile() throws IOException {
    Path f = dir.resolve("keep.mlmp");
    ModelFile.save(model(), f);
    byte[] before = Files.readAllBytes(f);
    Model broken = new Model() {
      @Override
      public int nFeatures() {
        return 1;
      }

      @Override
      public ModelState toState() {
        // an array type the format cannot hold: the write fails half-way
        return new ModelState("x", ModelFile.newConfig(), java.util.Map.of("b", Nd4j.create(DataType.BOOL, 2)), -1);
      }
    };
    assertThrows(IllegalArgumentException.class, () -> ModelFile.save(broken, f));
    assertArrayEquals(before, Files.readAllBytes(f), "the old model must survive a failed save");
  }
}
