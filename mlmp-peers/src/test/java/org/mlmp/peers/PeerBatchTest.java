package org.mlmp.peers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerBatchTest {
  @TempDir Path dir;

  /** A version-1.0 .npy file as NumPy's {@code np.save} writes it: magic, header padded to 64 bytes, data. */
  private Path npy(String name, String descr, String shape, ByteBuffer data) throws IOException {
    String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    header += " ".repeat((64 - (10 + header.length() + 1) % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.limit()).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
    b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data.rewind());
    Path file = dir.resolve(name);
    Files.write(file, b.array());
    return file;
  }

  private static ByteBuffer floats(int n) {
    ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) b.putFloat(i / 1024f);
    return b;
  }

  private static ByteBuffer ints(int... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i : v) b.putInt(i);
    return b;
  }

  private PeerArgs lenet(Path x, Path y) {
    return PeerArgs.parse(List.of("lenet", "--batch", "2", "--x", x.toString(), "--y", y.toString()));
  }

  @Test
  void readsImagesAndLabelsInCOrder() throws IOException {
    Path x = npy("x.npy", "<f4", "(2, 1, 28, 28)", floats(2 * 784));
    Path y = npy("y.npy", "<i4", "(2,)", ints(7, 0));
    PeerBatch b = PeerBatch.read(lenet(x, y));
    assertArrayEquals(new long[] {2, 1, 28, 28}, b.shape());
    assertEquals(2 * 784, b.images().length);
    assertEquals(0f, b.images()[0]);
    assertEquals(1567 / 1024f, b.images()[1567]);
    assertArrayEquals(new int[] {7, 0}, b.labels());
  }

  @Test
  void namesTheFileAndWhatWasExpected() throws IOException {
    Path y = npy("y.npy", "<i4", "(2,)", ints(1, 2));
    Path small = npy("small.npy", "<f4", "(1, 1, 28, 28)", floats(784));
    assertEquals("The images " + small + " have shape [1, 1, 28, 28]; the lenet run with --batch 2 needs [2, 1, 28, 28]."
        + " Write the batch's images as float32 batch x C x H x W.", assertThrows(IOException.class,
            () -> PeerBatch.read(lenet(small, y))).getMessage());
    Path doubles = npy("d.npy", "<f8", "(2, 1, 28, 28)", floats(4 * 784));
    assertEquals("The images file " + doubles + " holds dtype '<f8'; a peer run reads '<f4' in C order.",
        assertThrows(IOException.class, () -> PeerBatch.read(lenet(doubles, y)))
            .getMessage());
    Path x = npy("x.npy", "<f4", "(2, 1, 28, 28)", floats(2 * 784));
    Path bad = npy("bad.npy", "<i4", "(2,)", ints(3, 10));
    assertEquals("Label 1 of " + bad + " is 10; the lenet run has 10 classes (0..9).",
        assertThrows(IOException.class, () -> PeerBatch.read(lenet(x, bad))).getMessage());
    Path missing = dir.resolve("none.npy");
    assertEquals("The labels file " + missing + " does not exist (--y of a peer run).",
        assertThrows(IOException.class, () -> PeerBatch.read(lenet(x, missing)))
            .getMessage());
    Path text = dir.resolve("text.npy");
    Files.writeString(text, "0,1,2\n3,4,5\n");
    assertEquals("The images file " + text + " is not a NumPy .npy file (no \\x93NUMPY magic; 12 bytes).",
        assertThrows(IOException.class, () -> PeerBatch.read(lenet(text, y)))
            .getMessage());
    ByteBuffer cut = floats(2 * 784 - 1);
    Path truncated = npy("cut.npy", "<f4", "(2, 1, 28, 28)", cut);
    assertEquals("The images file " + truncated + " should hold 1568 values of 4 bytes after its header (shape [2, 1, 28,"
        + " 28]); it holds 6268 bytes.", assertThrows(IOException.class,
            () -> PeerBatch.read(lenet(truncated, y))).getMessage());
  }
}
