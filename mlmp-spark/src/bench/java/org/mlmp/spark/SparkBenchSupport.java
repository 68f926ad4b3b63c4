package org.mlmp.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What the Spark benchmarks share: {@code key=value} arguments, the load average and peak memory of the machine
 * and process, one JSON line per measurement on standard output (the raw log the benchmark script keeps), and the
 * benchmarks' Spark context. Benchmark code (profile {@code spark-bench}), not part of the library.
 */
final class SparkBenchSupport {
  private SparkBenchSupport() {}

  /**
   * Parses {@code key=value} arguments.
   *
   * @param args the command line
   * @return the values by key, in order
   * @throws IllegalArgumentException for an argument without '='
   */
  static Map<String, String> arguments(String[] args) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("Benchmark arguments are key=value; got '" + a + "'. Example: master=local[2]");
      }
      out.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return out;
  }

  /** The 1-, 5- and 15-minute load averages from /proc/loadavg, or "unknown". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The process's peak resident memory (VmHWM) in MB, or -1 where /proc/self/status has none. */
  static long peakResidentMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    } catch (IOException e) {
      return -1;
    }
    return -1;
  }

  /** The size of {@code o} in Java serialisation, the form Spark's JavaSerializer sends (before compression). */
  static int serializedBytes(java.io.Serializable o) {
    return org.apache.commons.lang3.SerializationUtils.serialize(o).length;
  }

  /**
   * Prints one measurement as a JSON line: the given fields, then the load average and a UTC time stamp.
   *
   * @param fields name, value, name, value, ... (strings are quoted, numbers are not)
   */
  static void emit(Object... fields) {
    StringBuilder s = new StringBuilder("{");
    for (int i = 0; i < fields.length; i += 2) {
      s.append('"').append(fields[i]).append("\":");
      Object v = fields[i + 1];
      if (v instanceof Number n) {
        s.append(n instanceof Double d && !Double.isFinite(d) ? "null" : n.toString());
      } else {
        s.append('"').append(String.valueOf(v).replace("\"", "'")).append('"');
      }
      s.append(',');
    }
    s.append("\"load\":\"").append(loadAverage()).append("\",\"utc\":\"").append(java.time.Instant.now()).append("\"}");
    System.out.println(s);
    System.out.flush();
  }

  /** The median of {@code v}. */
  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** A context on {@code master} as {@code mlmp spark train} makes it ({@link SparkJobSettings}), Spark's INFO lines off. */
  static JavaSparkContext context(String master, String name) {
    SparkRun.quietSpark();
    return new JavaSparkContext(SparkJobSettings.of(master).withAppName(name).toSparkConf());
  }
}
