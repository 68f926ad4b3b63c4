package org.mlmp.io;

import org.mlmp.api.ModelState;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.mlmp.Mlmp;
import org.mlmp.api.Model;
import org.mlmp.backend.Backends;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one model file format of every family: a zip holding {@code model.json} and one NumPy
 * {@code .npy} file per array, so other tools (Python: {@code zipfile} + {@code numpy.load}) can read it.
 *
 * <pre>
 * model.json   {"format": "mlmp-model", "formatVersion": 2, "type": "linear.ridge",
 *               "config": {...hyper-parameters...},
 *               "arrays": {"coef": "arrays/0.npy", "input.mean": "arrays/1.npy", ...},
 *               "provenance": {"library": "mlmp 0.1.0", "backend": "cpu", "dtype": "double",
 *                              "seed": 0, "created": "2026-11-24T08:00:00Z"}}
 * arrays/N.npy little-endian, C order, float64/float32/int64/int32
 * </pre>
 *
 * <p>Format versions: 1, the first; 2 adds class labels that came as text: a classifier's {@code config} holds
 * {@code "classNames"}, the name of each value of its {@code classes} array (see {@link org.mlmp.api.ClassLabels}).
 * Files of version 1 read as before (numeric labels); version 2 is written so that an mlmp that knows only
 * version 1 refuses a file whose predictions it would give as numbers instead of names.
 *
 * <p>Written atomically: to a temporary file in the target directory, flushed to disk, then renamed over
 * the target, so a crash never leaves a half-written model. A file that is not a zip, lacks
 * {@code model.json} or an array, is truncated, or has a newer {@code formatVersion} gets an
 * {@link IOException} that says which.
 */
public final class ModelFile {
  private ModelFile() {}

  /** The value of {@code model.json}'s "format" key. */
  public static final String FORMAT = "mlmp-model";
  /** The version written; files up to it are read. 2: class names of text labels (see the class comment). */
  public static final int FORMAT_VERSION = 2;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Writes {@code model} to {@code file}, atomically.
   *
   * @param model the fitted model
   * @param file the model file to write (replaced if present)
   * @throws IOException when the file cannot be written
   * @throws UnsupportedOperationException with the reason, when the model cannot be written (e.g. a kernel
   *     given as a user function)
   */
  public static void save(Model model, Path file) throws IOException {
    save(model, file, null);
  }

  /**
   * As {@link #save(Model, Path)}, also recording the names of the feature columns the model was
   * fitted on (so that {@code mlmp predict} can match a CSV's columns by name).
   *
   * @param model the fitted model
   * @param file the model file to write (replaced if present)
   * @param featureNames one name per feature, or null for none
   * @throws IOException when the file cannot be written
   * @throws UnsupportedOperationException with the reason, when the model cannot be written
   */
  public static void save(Model model, Path file, java.util.List<String> featureNames) throws IOException {
    ModelState state = model.toState(); // may throw UnsupportedOperationException with the reason
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("formatVersion", FORMAT_VERSION);
    root.put("type", state.type());
    root.set("config", state.config());
    ObjectNode arrays = root.putObject("arrays");
    Map<String, String> entries = new LinkedHashMap<>();
    int i = 0;
    for (String name : state.arrays().keySet()) {
      String entry = "arrays/" + (i++) + ".npy";
      arrays.put(name, entry);
      entries.put(name, entry);
    }
    if (featureNames != null) {
      var names = root.putArray("featureNames");
      featureNames.forEach(names::add);
    }
    ObjectNode prov = root.putObject("provenance");
    prov.put("library", "mlmp " + Mlmp.version());
    prov.put("backend", Backends.report().backend().name().toLowerCase(java.util.Locale.ROOT));
    prov.put("dtype", state.arrays().values().stream().findFirst()
        .map(a -> a.dataType().name().toLowerCase(java.util.Locale.ROOT)).orElse("none"));
    prov.put("seed", state.seed());
    prov.put("created", Instant.now().toString());

    AtomicFile.write(file, out -> {
      try (ZipOutputStream zip = new ZipOutputStream(out)) {
        zip.putNextEntry(new ZipEntry("model.json"));
        zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        zip.closeEntry();
        for (var e : entries.entrySet()) {
          zip.putNextEntry(new ZipEntry(e.getValue()));
          zip.write(Npy.write(state.arrays().get(e.getKey())));
          zip.closeEntry();
        }
      }
    });
  }

  /**
   * The feature names recorded at save time, or null if none were.
   *
   * @param file the model file
   * @return the names, or null
   * @throws IOException when the file is missing, not a model file, or corrupt (the message says which)
   */
  public static java.util.List<String> readFeatureNames(Path file) throws IOException {
    JsonNode names = readRoot(file, readEntries(file)).path("featureNames");
    if (!names.isArray()) return null;
    java.util.List<String> out = new java.util.ArrayList<>();
    names.forEach(n -> out.add(n.asText()));
    return out;
  }

  /**
   * Reads the state without decoding it into a model.
   *
   * @param file the model file
   * @return its type, configuration, arrays and seed
   * @throws IOException when the file is missing, not a model file, corrupt, or of a newer format version
   */
  public static ModelState readState(Path file) throws IOException {
    Map<String, byte[]> content = readEntries(file);
    JsonNode root = readRoot(file, content);
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.path("arrays").fields(); it.hasNext(); ) {
      var e = it.next();
      byte[] bytes = content.get(e.getValue().asText());
      if (bytes == null) {
        throw new IOException("Model file " + file + " lacks the entry " + e.getValue().asText() + " for array '"
            + e.getKey() + "' (truncated or corrupt).");
      }
      arrays.put(e.getKey(), Npy.read(bytes, file + "!" + e.getValue().asText()));
    }
    JsonNode config = root.path("config");
    return new ModelState(root.path("type").asText(),
        config.isObject() ? (ObjectNode) config : JSON.createObjectNode(), arrays,
        root.path("provenance").path("seed").asLong(-1));
  }

  private static Map<String, byte[]> readEntries(Path file) throws IOException {
    org.mlmp.api.InputFiles.requireFile("Model", file);
    if (Files.size(file) == 0) throw new IOException("Model file " + file + " is empty.");
    Map<String, byte[]> content = new HashMap<>();
    try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) content.put(e.getName(), Npy.readAll(zip));
    } catch (ZipException | java.io.EOFException e) {
      throw new IOException("Model file " + file + " is truncated or corrupt (" + e.getMessage() + ").", e);
    }
    return content;
  }

  private static JsonNode readRoot(Path file, Map<String, byte[]> content) throws IOException {
    byte[] meta = content.get("model.json");
    if (meta == null) {
      throw new IOException(file + " is not an mlmp model file: it has no model.json entry"
          + (content.isEmpty() ? " (it is not a zip file, or is truncated)." : "."));
    }
    JsonNode root;
    try {
      root = JSON.readTree(meta);
    } catch (IOException e) {
      throw new IOException("Model file " + file + ": model.json is not valid JSON (" + e.getMessage() + ").", e);
    }
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IOException(file + " is not an mlmp model file (format '" + root.path("format").asText() + "').");
    }
    int version = root.path("formatVersion").asInt(-1);
    if (version > FORMAT_VERSION) {
      throw new IOException("Model file " + file + " has format version " + version + ", newer than this mlmp "
          + Mlmp.version() + " reads (up to " + FORMAT_VERSION + "). Upgrade mlmp to load it.");
    }
    if (version < 1) throw new IOException("Model file " + file + " has no valid formatVersion.");
    return root;
  }

  /**
   * Reads a model of any registered family.
   *
   * @param file the model file
   * @return the model
   * @throws IOException when the file cannot be read, or no module on the class path reads its type
   */
  public static Model load(Path file) throws IOException {
    ModelState state = readState(file);
    ModelCodec codec = codec(state.type()).orElseThrow(() -> new IOException("Model file " + file
        + " holds a model of type '" + state.type() + "', which no module on the class path reads."));
    try {
      return codec.fromState(state);
    } catch (RuntimeException e) {
      throw new IOException("Model file " + file + " (type " + state.type() + ") could not be decoded: "
          + e.getMessage(), e);
    }
  }

  /**
   * Decodes a state with the codec registered for its type, as {@link #load(Path)} does for a file's: for a model
   * held inside another one's state (the steps of a pipeline).
   *
   * @param state a model's state, e.g. one nested in a pipeline's file
   * @return the fitted model
   * @throws IllegalArgumentException if no codec on the class path reads {@code state.type()} (the type named), or
   *     the codec's own error for a state it cannot decode
   */
  public static Model fromState(ModelState state) {
    return codec(state.type()).orElseThrow(() -> new IllegalArgumentException("No module on the class path reads"
        + " models of type '" + state.type() + "'; add the module that wrote it.")).fromState(state);
  }

  private static java.util.Optional<ModelCodec> codec(String type) {
    for (ModelCodec codec : ServiceLoader.load(ModelCodec.class, ModelFile.class.getClassLoader())) {
      if (codec.types().contains(type)) return java.util.Optional.of(codec);
    }
    return java.util.Optional.empty();
  }

  /**
   * Loads and checks the model's class.
   *
   * @param <M> the expected model type
   * @param file the model file
   * @param type the expected model class
   * @return the model
   * @throws IOException when the file cannot be read or holds another kind of model
   */
  public static <M extends Model> M load(Path file, Class<M> type) throws IOException {
    Model m = load(file);
    if (!type.isInstance(m)) {
      throw new IOException("Model file " + file + " holds a " + m.getClass().getSimpleName() + ", not a "
          + type.getSimpleName() + ".");
    }
    return type.cast(m);
  }

  /**
   * A fresh JSON object for {@link ModelState#config()}.
   *
   * @return a new, empty object node
   */
  public static ObjectNode newConfig() {
    return JSON.createObjectNode();
  }
}
