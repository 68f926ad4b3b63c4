package org.mlmp.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlmp.api.Trainer;
import org.mlmp.io.ConfigJson;

/**
 * A grid of trainer configurations: the Cartesian product of values for some components of one trainer
 * record (scikit-learn's {@code ParameterGrid}). A component is named as in the trainer's JSON
 * ({@link ConfigJson#writeComplete}): {@code lambda}, {@code c}, or a nested one with dots, {@code kernel.sigma}.
 * The first axis varies slowest: {@code lambda=0.1,1;kernel.sigma=1,2} gives (0.1, 1), (0.1, 2), (1, 1),
 * (1, 2). Each configuration is built through the record's canonical constructor, so a bad value gets the
 * trainer's own message.
 */
public final class Grid {
  private Grid() {}

  /**
   * Parses a grid written as {@code name=v1,v2,...;name2=w1,w2,...} (the form of {@code mlmp cv --grid}).
   *
   * @param spec e.g. {@code "lambda=0.1,1,10"} or {@code "c=1,10;kernel.sigma=0.5,1"}
   * @return the axes in the order written, each with its values as text
   * @throws IllegalArgumentException for an axis without '=', without values, or named twice
   */
  public static Map<String, List<String>> parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("A grid must name at least one component and its values, e.g."
          + " 'lambda=0.1,1,10'. Got " + (spec == null ? "null" : "'" + spec + "'") + " instead.");
    }
    Map<String, List<String>> axes = new LinkedHashMap<>();
    for (String axis : spec.split(";")) {
      int eq = axis.indexOf('=');
      String name = eq < 0 ? "" : axis.substring(0, eq).trim();
      List<String> values = new ArrayList<>();
      if (eq >= 0) for (String v : axis.substring(eq + 1).split(",", -1)) values.add(v.trim());
      if (values.size() > 1 && values.contains("")) {
        throw new IllegalArgumentException("The grid axis '" + axis.trim() + "' has an empty value (two commas in a row,"
            + " or one at an end); remove it, e.g. 'lambda=0.1,1,10'.");
      }
      if (name.isEmpty() || values.isEmpty() || values.get(0).isEmpty()) {
        throw new IllegalArgumentException("The grid axis '" + axis.trim() + "' must be name=value1,value2,...,"
            + " e.g. 'lambda=0.1,1,10'.");
      }
      if (axes.put(name, values) != null) {
        throw new IllegalArgumentException("The grid names '" + name + "' twice; give each component once with all"
            + " its values.");
      }
    }
    return axes;
  }

  /**
   * {@link #expand(Trainer, Map)} of {@link #parse(String)}.
   *
   * @param <T> the trainer type
   * @param base the trainer whose other components every configuration keeps
   * @param spec e.g. {@code "lambda=0.1,1,10"}
   * @return the configurations, first axis slowest
   * @throws IllegalArgumentException as {@link #parse} and {@link #expand(Trainer, Map)}
   */
  public static <T extends Trainer<?>> List<T> expand(T base, String spec) {
    return expand(base, parse(spec));
  }

  /**
   * The configurations of the grid: {@code base} with each combination of the axes' values.
   *
   * @param <T> the trainer type
   * @param base a trainer record whose other components every configuration keeps
   * @param axes component name (dotted for a nested one) → values as text: numbers for number components,
   *     true/false, names for enums and strings; at least one axis with at least one value
   * @return the configurations, first axis slowest
   * @throws IllegalArgumentException for an unknown component (listing the known ones), a value of the wrong
   *     kind, or a value the trainer refuses
   */
  @SuppressWarnings("unchecked")
  public static <T extends Trainer<?>> List<T> expand(T base, Map<String, List<String>> axes) {
    if (!(base instanceof Record r)) {
      throw new IllegalArgumentException("Grid.expand needs a trainer record; a " + base.getClass().getName()
          + " is not one.");
    }
    if (axes == null || axes.isEmpty()) {
      throw new IllegalArgumentException("Grid.expand needs at least one axis, e.g. lambda=0.1,1,10.");
    }
    ObjectNode json = ConfigJson.writeComplete(r);
    List<String> names = new ArrayList<>(axes.keySet());
    for (String name : names) {
      if (axes.get(name) == null || axes.get(name).isEmpty()) {
        throw new IllegalArgumentException("The grid axis '" + name + "' has no values.");
      }
      leaf(json, name, base); // fails early for unknown names
    }
    List<T> out = new ArrayList<>();
    int[] at = new int[names.size()];
    while (true) {
      ObjectNode point = json.deepCopy();
      for (int a = 0; a < names.size(); a++) set(point, names.get(a), axes.get(names.get(a)).get(at[a]), base);
      out.add((T) ConfigJson.read(point, r));
      int a = names.size() - 1;
      while (a >= 0 && ++at[a] == axes.get(names.get(a)).size()) at[a--] = 0;
      if (a < 0) return out;
    }
  }

  private static ObjectNode leaf(ObjectNode json, String path, Object base) {
    String[] parts = path.split("\\.");
    ObjectNode node = json;
    for (int i = 0; i < parts.length; i++) {
      if (!node.has(parts[i]) || (i < parts.length - 1 && !node.get(parts[i]).isObject())) {
        List<String> known = new ArrayList<>();
        node.fieldNames().forEachRemaining(known::add);
        throw new IllegalArgumentException("The grid names '" + path + "', but " + base.getClass().getSimpleName()
            + (i == 0 ? "" : "'s " + String.join(".", java.util.Arrays.copyOf(parts, i))) + " has no component '"
            + parts[i] + "'" + (i < parts.length - 1 && node.has(parts[i]) ? " holding components" : "")
            + "; its components are " + known + ".");
      }
      if (i < parts.length - 1) node = (ObjectNode) node.get(parts[i]);
    }
    return node;
  }

  private static void set(ObjectNode json, String path, String value, Object base) {
    ObjectNode parent = leaf(json, path, base);
    String key = path.substring(path.lastIndexOf('.') + 1);
    JsonNode old = parent.get(key);
    try {
      if (old.isIntegralNumber()) parent.put(key, Long.parseLong(value));
      else if (old.isNumber()) parent.put(key, Double.parseDouble(value));
      else if (old.isBoolean()) {
        if (!value.equals("true") && !value.equals("false")) throw new NumberFormatException(value);
        parent.put(key, Boolean.parseBoolean(value));
      } else if (old.isTextual()) parent.put(key, value);
      else {
        throw new IllegalArgumentException("The grid component '" + path + "' of " + base.getClass().getSimpleName()
            + " is " + old.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not a number, boolean or name;"
            + " grid one of its own components instead (e.g. '" + path + ".sigma').");
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("The grid value '" + value + "' for '" + path + "' of "
          + base.getClass().getSimpleName() + " must be " + (old.isIntegralNumber() ? "an integer"
          : old.isNumber() ? "a number" : "true or false") + ".");
    }
  }
}
