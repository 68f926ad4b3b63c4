package org.mlmp.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The IDX format of the MNIST files (LeCun et al.): a magic number {@code 0x0000TTDD} (T the element
 * type, D the number of dimensions), D big-endian 32-bit sizes, then the elements in row-major order.
 * Files may be gzip-compressed ({@code .gz}, detected by content). Every read validates the magic
 * number, the dimensions and the file length, and names the file in its error. The arrays are copied in
 * and out, so an IdxFile never changes.
 *
 * @param type element type code: 0x08 unsigned byte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double
 * @param dims sizes of the dimensions
 * @param data the elements, big-endian, row-major (exactly product(dims) × element size bytes)
 */
public record IdxFile(int type, int[] dims, byte[] data) {
  /** The element type code of unsigned bytes, the type of the MNIST files. */
  public static final int UBYTE = 0x08;

  /**
   * Checks the type and the data length, and copies the arrays.
   *
   * @param type element type code: 0x08 unsigned byte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double
   * @param dims sizes of the dimensions
   * @param data the elements, big-endian, row-major (exactly product(dims) × element size bytes)
   * @throws IllegalArgumentException for an unknown type code or a data length other than product(dims) ×
   *     element size
   */
  public IdxFile {
    int size = elementSize(type, "IdxFile");
    long n = count(dims);
    if (data.length != n * size) {
      throw new IllegalArgumentException("IdxFile: dims " + Arrays.toString(dims) + " need " + n * size
          + " bytes of data, got " + data.length + ".");
    }
    dims = dims.clone();
    data = data.clone();
  }

  /**
   * A copy of the dimensions.
   *
   * @return a new array
   */
  @Override
  public int[] dims() {
    return dims.clone();
  }

  /**
   * A copy of the elements (read it once, not per element).
   *
   * @return a new array
   */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /**
   * The number of elements.
   *
   * @return product(dims)
   */
  public long count() {
    return count(dims);
  }

  /**
   * Reads a raw or gzip IDX file.
   *
   * @param file the file (gzip detected by content)
   * @return its contents
   * @throws IOException when the file is missing or unreadable, or its magic number, dimensions or length are
   *     invalid (the file named)
   */
  public static IdxFile read(Path file) throws IOException {
    org.mlmp.api.InputFiles.requireFile("IDX", file);
    byte[] bytes;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      int b0 = raw.read(), b1 = raw.read();
      raw.reset();
      boolean gz = b0 == 0x1f && b1 == 0x8b;
      try (InputStream in = gz ? new GZIPInputStream(raw, 1 << 16) : raw) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        in.transferTo(bos);
        bytes = bos.toByteArray();
      } catch (ZipException | java.io.EOFException e) {
        throw new IOException("IDX file " + file + " is a corrupt or truncated gzip stream (" + e.getMessage() + ").", e);
      }
    }
    return parse(bytes, file.toString());
  }

  static IdxFile parse(byte[] bytes, String name) throws IOException {
    if (bytes.length < 4) {
      throw new IOException("IDX file " + name + " is too short: " + bytes.length + " bytes, expected at least a"
          + " 4-byte magic number.");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int magic = b.getInt();
    int type = (magic >>> 8) & 0xff, nd = magic & 0xff;
    if ((magic >>> 16) != 0 || nd < 1 || nd > 8 || !knownType(type)) {
      throw new IOException(String.format("IDX file %s has magic number 0x%08X; expected 0x0000TTDD with type TT in"
          + " {08,09,0B,0C,0D,0E} and 1-8 dimensions DD (e.g. 0x00000803 for images, 0x00000801 for labels).", name, magic));
    }
    if (bytes.length < 4 + 4 * nd) {
      throw new IOException("IDX file " + name + " is truncated in its header: " + nd + " dimensions need "
          + (4 + 4 * nd) + " bytes, the file has " + bytes.length + ".");
    }
    int[] dims = new int[nd];
    for (int i = 0; i < nd; i++) {
      dims[i] = b.getInt();
      if (dims[i] <= 0) {
        throw new IOException("IDX file " + name + ": dimension " + i + " is " + dims[i] + ", expected > 0.");
      }
    }
    long expected = count(dims) * elementSize(type, name);
    long found = bytes.length - 4L - 4L * nd;
    if (found != expected) {
      throw new IOException("IDX file " + name + " with dimensions " + Arrays.toString(dims) + " should have "
          + expected + " data bytes but has " + found + (found < expected ? " (truncated)." : " (trailing bytes)."));
    }
    return new IdxFile(type, dims, Arrays.copyOfRange(bytes, 4 + 4 * nd, bytes.length));
  }

  /**
   * Writes atomically; gzip-compressed when the name ends in .gz.
   *
   * @param file the file to write (replaced if present)
   * @throws IOException when it cannot be written
   */
  public void write(Path file) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".idx", ".tmp");
    try {
      try (OutputStream raw = Files.newOutputStream(tmp);
           OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
        ByteBuffer h = ByteBuffer.allocate(4 + 4 * dims.length);
        h.putInt((type << 8) | dims.length);
        for (int d : dims) h.putInt(d);
        out.write(h.array());
        out.write(data);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Unsigned bytes as ints 0..255 (type 0x08 only).
   *
   * @return the elements, one int each
   * @throws IllegalStateException when the type is not {@link #UBYTE}
   */
  public int[] unsignedBytes() {
    if (type != UBYTE) throw new IllegalStateException(String.format("IDX type is 0x%02X, not unsigned byte 0x08.", type));
    int[] out = new int[data.length];
    for (int i = 0; i < data.length; i++) out[i] = data[i] & 0xff;
    return out;
  }

  private static boolean knownType(int t) {
    return t == 0x08 || t == 0x09 || t == 0x0B || t == 0x0C || t == 0x0D || t == 0x0E;
  }

  private static int elementSize(int type, String name) {
    return switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default -> throw new IllegalArgumentException(name + ": unknown IDX element type 0x" + Integer.toHexString(type));
    };
  }

  private static long count(int[] dims) {
    long n = 1;
    for (int d : dims) n *= d;
    return n;
  }
}
