package org.mlmp.data;

import org.mlmp.api.Dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxFileTest {
  @TempDir Path dir;

  static IdxFile images(int n) {
    byte[] px = new byte[n * 4 * 3];
    for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 7);
    return new IdxFile(IdxFile.UBYTE, new int[] {n, 4, 3}, px);
  }

  @ParameterizedTest
  @ValueSource(strings = {"images-idx3-ubyte", "images-idx3-ubyte.gz"})
  void roundTripRawAndGzip(String name) throws IOException {
    IdxFile a = images(5);
    Path f = dir.resolve(name);
    a.write(f);
    IdxFile b = IdxFile.read(f);
    assertEquals(a.type(), b.type());
    assertArrayEquals(a.dims(), b.dims());
    assertArrayEquals(a.data(), b.data());
    byte[] head = Arrays.copyOf(Files.readAllBytes(f), 2);
    assertEquals(name.endsWith(".gz"), head[0] == (byte) 0x1f && head[1] == (byte) 0x8b);
  }

  @Test
  void headerBytesFollowTheFormat() throws IOException {
    Path f = dir.resolve("x");
    images(2).write(f);
    byte[] b = Files.readAllBytes(f);
    // magic 0x00000803, then 2, 4, 3 as big-endian ints (LeCun's MNIST page), then 24 pixels
    assertArrayEquals(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 3}, Arrays.copyOf(b, 16));
    assertEquals(16 + 24, b.length);
  }

  @Test
  void truncatedDataNamesFileExpectedAndFound() throws IOException {
    Path f = dir.resolve("t");
    images(2).write(f);
    byte[] b = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(b, b.length - 5));
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("should have 24 data bytes but has 19 (truncated)"), e.getMessage());
  }

  @Test
  void trailingBytesAreAnError() throws IOException {
    Path f = dir.resolve("t");
    images(1).write(f);
    Files.write(f, new byte[] {1, 2}, java.nio.file.StandardOpenOption.APPEND);
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(f));
    assertTrue(e.getMessage().contains("but has 14 (trailing bytes)"), e.getMessage());
  }

  @Test
  void badMagicNumberIsNamed() throws IOException {
    Path f = dir.resolve("m");
    Files.write(f, new byte[] {0x1, 0x2, 0x3, 0x4, 0, 0, 0, 1});
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(f));
    assertTrue(e.getMessage().contains("magic number 0x01020304"), e.getMessage());
  }

  @Test
  void truncatedHeaderIsNamed() throws IOException {
    Path f = dir.resolve("h");
    Files.write(f, new byte[] {0, 0, 8, 3, 0, 0, 0, 2});
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(f));
    assertTrue(e.getMessage().contains("truncated in its header: 3 dimensions need 16 bytes, the file has 8"), e.getMessage());
  }

  @Test
  void emptyAndMissingFiles() throws IOException {
    Path f = dir.resolve("empty");
    Files.write(f, new byte[0]);
    assertTrue(assertThrows(IOException.class, () -> IdxFile.read(f)).getMessage().contains("too short: 0 bytes"));
    Path g = dir.resolve("nope");
    assertTrue(assertThrows(IOException.class, () -> IdxFile.read(g)).getMessage().contains("does not exist"));
  }

  @Test
  void corruptGzipIsNamed() throws IOException {
    Path f = dir.resolve("c.gz");
    images(50).write(f);
    byte[] b = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(b, b.length / 2));
    IOException e = assertThrows(IOException.class, () -> IdxFile.read(f));
    assertTrue(e.getMessage().contains("corrupt or truncated gzip"), e.getMessage());
  }

  @Test
  void mnistLoaderCombinesFilesAndChecksCounts() throws IOException {
    Path mnist = dir.resolve("mnist");
    Files.createDirectories(mnist);
    byte[] px = new byte[3 * 28 * 28];
    px[28 * 28 + 5] = (byte) 255;
    new IdxFile(IdxFile.UBYTE, new int[] {3, 28, 28}, px).write(mnist.resolve("train-images-idx3-ubyte"));
    new IdxFile(IdxFile.UBYTE, new int[] {3}, new byte[] {7, 1, 9}).write(mnist.resolve("train-labels-idx1-ubyte.gz"));
    new IdxFile(IdxFile.UBYTE, new int[] {1, 28, 28}, new byte[28 * 28]).write(mnist.resolve("t10k-images-idx3-ubyte"));
    new IdxFile(IdxFile.UBYTE, new int[] {2}, new byte[] {0, 1}).write(mnist.resolve("t10k-labels-idx1-ubyte"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MnistData.load(MnistData.Kind.MNIST, dir));
    assertTrue(e.getMessage().contains("MNIST test: 1 images but 2 labels"), e.getMessage());
    new IdxFile(IdxFile.UBYTE, new int[] {1}, new byte[] {4}).write(mnist.resolve("t10k-labels-idx1-ubyte"));
    MnistData.TrainAndTest s = MnistData.load(MnistData.Kind.MNIST, dir);
    assertArrayEquals(new int[] {7, 1, 9}, s.train().labels());
    Dataset d = s.train().toDataset();
    assertEquals(1.0, d.x().getDouble(1, 5), 0.0);
    assertEquals(784, d.nFeatures());
  }

  @Test
  void missingDataSetSaysHowToFetchIt() {
    IOException e = assertThrows(IOException.class, () -> MnistData.load(MnistData.Kind.MNIST, dir.resolve("none")));
    assertTrue(e.getMessage().contains("MNIST was not found") && e.getMessage().contains("./mlmp data fetch"), e.getMessage());
  }

  @Test
  void idxFileAndImageSetDoNotHandOutTheirArrays() {
    byte[] px = new byte[2 * 4 * 3];
    int[] dims = {2, 4, 3};
    IdxFile f = new IdxFile(IdxFile.UBYTE, dims, px);
    px[0] = 9;
    dims[0] = 7;
    f.data()[1] = 9;
    f.dims()[1] = 7;
    assertArrayEquals(new byte[24], f.data());
    assertArrayEquals(new int[] {2, 4, 3}, f.dims());

    int[] labels = {3, 4};
    ImageSet s = new ImageSet(px, labels, 4, 3);
    px[1] = 5;
    labels[0] = 8;
    s.pixels()[2] = 5;
    s.labels()[1] = 8;
    assertEquals(9, s.pixels()[0]);
    assertEquals(0, s.pixels()[1]);
    assertEquals(0, s.pixels()[2]);
    assertArrayEquals(new int[] {3, 4}, s.labels());
  }
}
