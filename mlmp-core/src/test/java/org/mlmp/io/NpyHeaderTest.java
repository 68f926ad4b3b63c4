package org.mlmp.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** The .npy header parser shared by {@link Npy} and the benchmark peers, and its error messages. */
class NpyHeaderTest {
  /** A version 1.0 file: magic, version, header length, the header, then {@code data} bytes. */
  private static byte[] file(String header, int data) {
    byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(10 + h.length + data).order(ByteOrder.LITTLE_ENDIAN);
    b.put(NpyHeader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h);
    return b.array();
  }

  @Test
  void readsTheHeaderNpyWrites() throws IOException {
    byte[] bytes = Npy.write(Nd4j.rand(DataType.FLOAT, 2, 3, 4));
    NpyHeader h = NpyHeader.parse(bytes, "x.npy");
    assertEquals("<f4", h.descr());
    assertFalse(h.fortranOrder());
    assertArrayEquals(new long[] {2, 3, 4}, h.shape());
    assertEquals(24, h.elements());
    assertEquals(bytes.length - 24 * 4, h.dataStart());
    assertEquals(0, h.dataStart() % 64, "NumPy aligns the data to 64 bytes");
    h.requireData(bytes.length, 4, "x.npy");
    assertArrayEquals(new long[] {5}, NpyHeader.parse(file("{'descr': '<i4', 'fortran_order': False, 'shape': (5,), }",
        20), "y.npy").shape());
  }

  @Test
  void badFilesAreNamedWithWhatTheyHold() {
    assertEquals("f.npy is not a NumPy .npy file (no \\x93NUMPY magic; 12 bytes).", assertThrows(IOException.class,
        () -> NpyHeader.parse("hello world\n".getBytes(StandardCharsets.US_ASCII), "f.npy")).getMessage());
    byte[] cut = Arrays.copyOf(file("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 8), 30);
    assertEquals("f.npy is truncated: its header says 57 bytes, the file has 30.", assertThrows(IOException.class,
        () -> NpyHeader.parse(cut, "f.npy")).getMessage());
    byte[] v2 = Arrays.copyOf(file("{}", 0), 11);
    v2[6] = 2;
    assertEquals("f.npy is truncated: 11 bytes, too few for a version 2 header length.", assertThrows(IOException.class,
        () -> NpyHeader.parse(v2, "f.npy")).getMessage());
    assertEquals("f.npy has an unreadable .npy header: {'descr': '<f4', 'shape': (2,), }", assertThrows(
        IOException.class, () -> NpyHeader.parse(file("{'descr': '<f4', 'shape': (2,), }\n", 8), "f.npy"))
        .getMessage());
    byte[] short8 = file("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 20);
    assertEquals("f.npy should hold 6 values of 4 bytes after its header (shape [2, 3]); it holds 20 bytes.",
        assertThrows(IOException.class, () -> NpyHeader.parse(short8, "f.npy").requireData(short8.length, 4, "f.npy"))
            .getMessage());
  }

  @Test
  void npyNamesWhatItCannotRead() {
    assertEquals("m.zip!a.npy: Fortran-ordered .npy arrays are not supported.", assertThrows(IOException.class,
        () -> Npy.read(file("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", 8), "m.zip!a.npy"))
        .getMessage());
    assertEquals("m.zip!a.npy: unsupported .npy dtype '<f2'.", assertThrows(IOException.class,
        () -> Npy.read(file("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }", 4), "m.zip!a.npy"))
        .getMessage());
    assertEquals("m.zip!a.npy: big-endian .npy arrays are not supported.", assertThrows(IOException.class,
        () -> Npy.read(file("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", 8), "m.zip!a.npy"))
        .getMessage());
  }
}
