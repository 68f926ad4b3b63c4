package org.mlmp.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy {@code .npy} file (versions 1.0 to 3.0): its dtype, order and shape, and where its data start.
 * Plain Java, no ND4J: {@link Npy} reads arrays with it, and the benchmark peers (module mlmp-peers), whose processes
 * must not load ND4J's natives beside their own engine, read their training batch with it.
 *
 * @param descr the dtype as written, e.g. {@code <f4}
 * @param fortranOrder whether the data are in Fortran (column-major) order
 * @param shape the array's shape
 * @param dataStart the offset of the first data byte in the file
 */
public record NpyHeader(String descr, boolean fortranOrder, long[] shape, int dataStart) {
  static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  /**
   * Parses the header of a {@code .npy} file.
   *
   * @param bytes the file's bytes
   * @param what the file as error messages name it, e.g. "The images file /tmp/x.npy"
   * @return the header
   * @throws IOException when the bytes do not start with the {@code .npy} magic, the header runs past the end, or it
   *     lacks a dtype, order or shape (the message names {@code what} and what it holds)
   */
  public static NpyHeader parse(byte[] bytes, String what) throws IOException {
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
      throw new IOException(what + " is not a NumPy .npy file (no \\x93NUMPY magic; " + bytes.length + " bytes).");
    }
    int major = bytes[6];
    int at = major == 1 ? 10 : 12; // version 1: a 2-byte header length, later versions 4 bytes
    if (bytes.length < at) {
      throw new IOException(what + " is truncated: " + bytes.length + " bytes, too few for a version " + major
          + " header length.");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : Integer.toUnsignedLong(b.getInt(8));
    if (at + headerLength > bytes.length) {
      throw new IOException(what + " is truncated: its header says " + headerLength + " bytes, the file has "
          + bytes.length + ".");
    }
    String header = new String(bytes, at, (int) headerLength, StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header), o = ORDER.matcher(header), s = SHAPE.matcher(header);
    if (!d.find() || !o.find() || !s.find()) {
      throw new IOException(what + " has an unreadable .npy header: " + header.strip());
    }
    long[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(t -> !t.isEmpty())
        .mapToLong(Long::parseLong).toArray();
    return new NpyHeader(d.group(1), o.group(1).equals("True"), shape, at + (int) headerLength);
  }

  /**
   * The number of values.
   *
   * @return the product of the shape (1 for a scalar)
   */
  public long elements() {
    return Arrays.stream(shape).reduce(1, Math::multiplyExact);
  }

  /**
   * Checks that the data after the header are exactly {@link #elements()} values of {@code size} bytes.
   *
   * @param fileLength the file's length in bytes
   * @param size the bytes per value of the dtype
   * @param what the file as error messages name it
   * @throws IOException when they are not (truncated or corrupt: the message gives both sizes)
   */
  public void requireData(long fileLength, int size, String what) throws IOException {
    long n = elements();
    if (fileLength - dataStart != n * size) {
      throw new IOException(what + " should hold " + n + " values of " + size + " bytes after its header (shape "
          + Arrays.toString(shape) + "); it holds " + (fileLength - dataStart) + " bytes.");
    }
  }
}
