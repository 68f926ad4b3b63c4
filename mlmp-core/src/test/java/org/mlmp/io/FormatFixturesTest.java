package org.mlmp.io;

import org.mlmp.api.ModelState;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlmp.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every model file checked in under {@code format-v1} ({@link FormatFixtures#DIRECTORY}) and {@code format-v2} still
 * loads with today's code and gives the outputs (and class labels) recorded when it was written (see
 * {@link FormatFixtureGenerator}).
 */
class FormatFixturesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<FormatFixtures.Fixture> fixtures() {
    return Stream.concat(FormatFixtures.all().stream(), FormatFixtures.v2().stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void checkedInFileLoadsAndGivesTheRecordedOutputs(FormatFixtures.Fixture f) throws Exception {
    Path file = resource(f, ".mlmp");
    assertEquals(f.version(), formatVersion(file), "the file's formatVersion must be its directory's");
    JsonNode expected;
    try (InputStream in = resource(f, ".expected.json").toUri().toURL().openStream()) {
      expected = JSON.readTree(in);
    }
    Model m = ModelFile.load(file);
    INDArray input = f.input();
    assertArrayEquals(values(expected.path("input")), input.castTo(DataType.DOUBLE).dup('c').data().asDouble(), 0,
        "the fixed input changed; it must stay what the file's outputs were recorded for");
    assertEquals(f.outputs().keySet(), fieldNames(expected.path("outputs")));
    for (var e : f.outputs().entrySet()) {
      JsonNode want = expected.path("outputs").path(e.getKey());
      INDArray got = e.getValue().apply(m, input.dup());
      assertArrayEquals(shape(want), got.shape(), f.name() + ": shape of " + e.getKey());
      assertArrayEquals(values(want), got.castTo(DataType.DOUBLE).dup('c').data().asDouble(), f.tolerance(),
          f.name() + ": " + e.getKey());
    }
    assertEquals(f.labels().keySet(), fieldNames(expected.path("labels")));
    for (var e : f.labels().entrySet()) {
      List<String> want = new ArrayList<>();
      expected.path("labels").path(e.getKey()).forEach(v -> want.add(v.asText()));
      assertEquals(want, e.getValue().apply(m, input.dup()), f.name() + ": " + e.getKey());
    }
  }

  /**
   * A loaded file saved again keeps its type, arrays and every configuration entry of the file: today's
   * writer writes format version 1 (it may add entries, e.g. trainer components version 1 left out).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void savingALoadedFileWritesTheSameConfigurationAndArrays(FormatFixtures.Fixture f, @TempDir Path dir)
      throws Exception {
    Path file = resource(f, ".mlmp");
    Path again = dir.resolve("again.mlmp");
    ModelFile.save(ModelFile.load(file), again);
    ModelState a = ModelFile.readState(file), b = ModelFile.readState(again);
    assertEquals(a.type(), b.type());
    a.config().fields().forEachRemaining(e -> assertEquals(e.getValue(), b.config().get(e.getKey()), e.getKey()));
    assertEquals(a.seed(), b.seed());
    assertEquals(a.arrays().keySet(), b.arrays().keySet());
    for (String k : a.arrays().keySet()) {
      INDArray x = a.arrays().get(k), y = b.arrays().get(k);
      assertEquals(x.dataType(), y.dataType(), k);
      assertArrayEquals(x.shape(), y.shape(), k);
      assertEquals(x, y, k);
    }
  }

  /** Each model type of mlmp-core has at least one checked-in file. */
  @Test
  void everyRegisteredModelTypeHasAFile() throws Exception {
    Set<String> covered = new HashSet<>();
    for (FormatFixtures.Fixture f : FormatFixtures.all()) covered.add(ModelFile.readState(resource(f.name() + ".mlmp")).type());
    List<String> missing = new ArrayList<>();
    for (ModelCodec codec : ServiceLoader.load(ModelCodec.class)) {
      if (codec.types().stream().noneMatch(covered::contains)) missing.add(codec.getClass().getName());
    }
    assertEquals(List.of(), missing, "codecs without a checked-in file of format version 1");
  }

  static Path resource(String name) throws Exception {
    return resourceAt(FormatFixtures.DIRECTORY + "/" + name);
  }

  private static Path resource(FormatFixtures.Fixture f, String suffix) throws Exception {
    return resourceAt(FormatFixtures.directory(f.version()) + "/" + f.name() + suffix);
  }

  private static Path resourceAt(String path) throws Exception {
    URL url = FormatFixturesTest.class.getClassLoader().getResource(path);
    assertNotNull(url, "missing test resource " + path);
    return Path.of(url.toURI());
  }

  private static int formatVersion(Path file) throws Exception {
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
      return JSON.readTree(z.getInputStream(z.getEntry("model.json"))).path("formatVersion").asInt();
    }
  }

  private static Set<String> fieldNames(JsonNode o) {
    Set<String> s = new java.util.LinkedHashSet<>();
    o.fieldNames().forEachRemaining(s::add);
    return s;
  }

  private static long[] shape(JsonNode o) {
    long[] s = new long[o.path("shape").size()];
    for (int i = 0; i < s.length; i++) s[i] = o.path("shape").get(i).asLong();
    return s;
  }

  private static double[] values(JsonNode o) {
    double[] v = new double[o.path("values").size()];
    for (int i = 0; i < v.length; i++) v[i] = o.path("values").get(i).asDouble();
    return v;
  }
}
