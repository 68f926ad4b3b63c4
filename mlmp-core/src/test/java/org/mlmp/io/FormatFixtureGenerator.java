package org.mlmp.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mlmp.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes the checked-in model files of {@link FormatFixtures} of the current format version
 * ({@link ModelFile#FORMAT_VERSION}, {@link FormatFixtures#of(int)}) and their expected outputs. Disabled
 * unless run on purpose, into a directory that must not exist yet:
 *
 * <pre>
 * mvn -pl mlmp-core test -Dtest=FormatFixtureGenerator -Dmlmp.formatFixtures.out=/tmp/format-vN
 * </pre>
 *
 * <p>The files of format version 2 ({@code format-v2/}) were written so, on 2026-12-04, by the code of the commit
 * that introduced version 2, and copied into {@code src/test/resources/org/mlmp/io/format-v2/}.
 *
 * <p><b>Never regenerate the files of an existing format version</b> (in particular never after a change
 * of the format or of a model's file support): they are the proof that files written by that version
 * still load. The generator refuses to write into an existing directory. A new format version copies
 * this generator's output into a new {@code format-v<N>} directory beside the old ones.
 */
class FormatFixtureGenerator {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @EnabledIfSystemProperty(named = "mlmp.formatFixtures.out", matches = ".+")
  void generate() throws Exception {
    Path out = Path.of(System.getProperty("mlmp.formatFixtures.out"));
    if (Files.exists(out)) {
      throw new IllegalStateException(out + " exists; the model files of a format version are never regenerated."
          + " Give a new directory.");
    }
    Files.createDirectories(out);
    for (FormatFixtures.Fixture f : FormatFixtures.of(ModelFile.FORMAT_VERSION)) {
      Model m = f.fit().get();
      ModelFile.save(m, out.resolve(f.name() + ".mlmp"));
      ObjectNode expected = JSON.createObjectNode();
      expected.put("format", "expected outputs of " + f.name() + ".mlmp on 'input', computed by mlmp when the file"
          + " was written (format version " + ModelFile.FORMAT_VERSION + ")");
      expected.set("input", matrix(f.input()));
      ObjectNode outputs = expected.putObject("outputs");
      f.outputs().forEach((name, fn) -> outputs.set(name, matrix(fn.apply(m, f.input().dup()))));
      if (!f.labels().isEmpty()) {
        ObjectNode labels = expected.putObject("labels");
        f.labels().forEach((name, fn) -> fn.apply(m, f.input().dup()).forEach(labels.putArray(name)::add));
      }
      JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve(f.name() + ".expected.json").toFile(), expected);
    }
  }

  /** {"shape": [...], "values": [...row-major doubles...]}; Jackson writes doubles so they read back exactly. */
  private static ObjectNode matrix(INDArray a) {
    ObjectNode o = JSON.createObjectNode();
    var shape = o.putArray("shape");
    for (long s : a.shape()) shape.add(s);
    var values = o.putArray("values");
    for (double v : a.castTo(DataType.DOUBLE).dup('c').data().asDouble()) values.add(v);
    return o;
  }
}
