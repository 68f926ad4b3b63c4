package org.mlmp.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The one mapping between configuration records (trainers and their parts) and the JSON of model files.
 * Configuration records know nothing of JSON: a record is written as an object of its components, by
 * component name, recursively — numbers, booleans, strings, enums (by name), lists, nested records.
 *
 * <p>A component whose declared type is a sealed interface of records (a kernel, a layer, an optimiser,
 * an augmentation) carries a discriminator: the interface's {@link Polymorphic} says under which key and
 * with which name, e.g. {@code {"name": "gaussian", "sigma": 1.5}} or {@code {"type": "Dense", ...}}.
 * Families contribute those descriptions, and any record whose file layout predates this mapping
 * ({@link Shaping}), through a {@link Vocabulary} registered in
 * {@code META-INF/services/org.mlmp.io.ConfigJson$Vocabulary}, so this package depends on no family.
 *
 * <p>Reading builds the record through its canonical constructor, so every value is validated as if
 * given in code; a component missing from the JSON takes its value from a default record when one is
 * given ({@link #read(JsonNode, Record)}), and is an error naming it otherwise.
 */
public final class ConfigJson {
  private ConfigJson() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How the records of one sealed interface are told apart.
   *
   * @param type the sealed interface
   * @param key the discriminator's key, e.g. "type" or "name"
   * @param naming the discriminator's value for each permitted record (null for one that is never written)
   * @param whenAbsent the record meant when the key is absent (files that wrote none for it), or null
   * @param refusal the reason a permitted type cannot be written (e.g. it holds a Java function), or
   *     null when every permitted type is data; returns null for values that can be written
   */
  public record Polymorphic(Class<?> type, String key, Function<Class<?>, String> naming, Class<?> whenAbsent,
      Function<Object, String> refusal) {
    /**
     * Checks that {@code type} is sealed.
     *
     * @param type the sealed interface
     * @param key the discriminator's key, e.g. "type" or "name"
     * @param naming the discriminator's value for each permitted record (null for one that is never written)
     * @param whenAbsent the record meant when the key is absent (files that wrote none for it), or null
     * @param refusal the reason a permitted type cannot be written (e.g. it holds a Java function), or
     *     null when every permitted type is data; returns null for values that can be written
     * @throws IllegalArgumentException when it is not a sealed interface
     */
    public Polymorphic {
      if (!type.isSealed()) throw new IllegalArgumentException(type.getName() + " is not a sealed interface.");
    }

    /**
     * Discriminator key "type" with the record's simple name as its value.
     *
     * @param type the sealed interface
     * @return the description, with no default record and nothing refused
     * @throws IllegalArgumentException when {@code type} is not sealed
     */
    public static Polymorphic bySimpleName(Class<?> type) {
      return new Polymorphic(type, "type", Class::getSimpleName, null, null);
    }
  }

  /**
   * The JSON layout of a record where it differs from the generic one (kept so that files of format
   * version 1 still read): {@code written} turns the generic object into the file's, {@code read} the
   * file's into the generic one.
   *
   * @param type the record class whose layout differs
   * @param written turns the generic JSON object into the file's layout
   * @param read turns the file's layout into the generic JSON object
   */
  public record Shaping(Class<? extends Record> type, UnaryOperator<ObjectNode> written, UnaryOperator<ObjectNode> read) {}

  /** A family's sealed interfaces and record layouts; registered as a service. */
  public interface Vocabulary {
    /**
     * The family's sealed interfaces.
     *
     * @return how the records of each are told apart
     */
    List<Polymorphic> polymorphic();

    /**
     * The family's records whose file layout differs from the generic one.
     *
     * @return their shapings; none by default
     */
    default List<Shaping> shapings() {
      return List.of();
    }
  }

  private static final class Registry {
    static final Map<Class<?>, Polymorphic> POLYMORPHIC = new HashMap<>();
    static final Map<Class<?>, Shaping> SHAPINGS = new HashMap<>();

    static {
      for (Vocabulary v : ServiceLoader.load(Vocabulary.class, ConfigJson.class.getClassLoader())) {
        v.polymorphic().forEach(p -> POLYMORPHIC.put(p.type(), p));
        v.shapings().forEach(s -> SHAPINGS.put(s.type(), s));
      }
    }
  }

  /**
   * The record as a JSON object (with the discriminator if its class belongs to a registered sealed interface).
   *
   * @param value a configuration record
   * @return its JSON object
   * @throws UnsupportedOperationException with the reason, for a value that is not configuration data
   */
  public static ObjectNode write(Record value) {
    return (ObjectNode) write(value, polymorphicOf(value.getClass()).map(p -> (Type) p.type()).orElse(value.getClass()));
  }

  /**
   * A value of a registered sealed interface (a kernel, a layer, ...) as JSON with its discriminator.
   *
   * @param value a record permitted by a registered sealed interface
   * @return its JSON object, discriminator included
   * @throws UnsupportedOperationException with the reason, for a value that is not configuration data
   */
  public static ObjectNode writeAny(Object value) {
    if (!(value instanceof Record r)) {
      throw new UnsupportedOperationException("A " + value.getClass().getSimpleName() + " is not a configuration"
          + " record, so it cannot be saved to a model file.");
    }
    return write(r);
  }

  /**
   * Reads a record of exactly this class; every component must be present.
   *
   * @param <R> the record type
   * @param node the JSON object
   * @param type the record class
   * @return the record, validated by its canonical constructor
   * @throws IllegalArgumentException naming a missing or invalid component
   */
  public static <R extends Record> R read(JsonNode node, Class<R> type) {
    return type.cast(read(node, type, null, type.getSimpleName()));
  }

  /**
   * Reads a record of {@code defaults}' class; components missing from the JSON keep {@code defaults}' values.
   *
   * @param <R> the record type
   * @param node the JSON object
   * @param defaults the values of missing components
   * @return the record, validated by its canonical constructor
   * @throws IllegalArgumentException naming an invalid component
   */
  @SuppressWarnings("unchecked")
  public static <R extends Record> R read(JsonNode node, R defaults) {
    return (R) read(node, defaults.getClass(), defaults, defaults.getClass().getSimpleName());
  }

  /**
   * The record as {@link #write(Record)} writes it, plus every non-null component that the file layout leaves
   * out because it has its default (e.g. a network trainer's {@code learningRateDecay} = 1 and
   * {@code prefetch}), at every depth: a form that {@link #readAbsentAsNull} reads back to an equal record
   * without a record of defaults (e.g. to send a configuration to another process).
   *
   * @param value a configuration record
   * @return a new JSON object
   * @throws UnsupportedOperationException with the reason, for a value that is not configuration data
   */
  public static ObjectNode writeComplete(Record value) {
    ObjectNode o = write(value);
    complete(o, value);
    return o;
  }

  private static void complete(ObjectNode o, Record r) {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      Object v = get(c, r);
      if (v == null) continue;
      JsonNode n = o.get(c.getName());
      if (n == null) {
        o.set(c.getName(), write(v, c.getGenericType()));
      } else if (n.isObject() && v instanceof Record inner) {
        complete((ObjectNode) n, inner);
      } else if (n.isArray() && v instanceof List<?> list && list.size() == n.size()) {
        for (int i = 0; i < list.size(); i++) {
          if (n.get(i).isObject() && list.get(i) instanceof Record inner) complete((ObjectNode) n.get(i), inner);
        }
      }
    }
  }

  /**
   * Reads a record of exactly this class from {@link #writeComplete}'s form: a component absent from the JSON
   * is null (as the writers omit null components, e.g. a network trainer without augmentation), at every
   * depth; an absent number or boolean is an error naming it.
   *
   * @param <R> the record type
   * @param node the JSON object
   * @param type the record class
   * @return the record, built through its canonical constructor (so validated)
   * @throws IllegalArgumentException naming the component that is missing or malformed, or the constructor's message
   */
  public static <R extends Record> R readAbsentAsNull(JsonNode node, Class<R> type) {
    return type.cast(read(node, type, ABSENT_IS_NULL, type.getSimpleName()));
  }

  /** The "defaults" of {@link #readAbsentAsNull}: an absent object-typed component reads as null. */
  private static final Object ABSENT_IS_NULL = new Object();

  /**
   * Reads a value of a registered sealed interface, chosen by its discriminator.
   *
   * @param <T> the sealed interface type
   * @param node the JSON object, discriminator included
   * @param sealedInterface the registered sealed interface
   * @return the record the discriminator names
   * @throws IllegalArgumentException naming an unknown discriminator or an invalid component
   */
  public static <T> T readAny(JsonNode node, Class<T> sealedInterface) {
    return sealedInterface.cast(read(node, sealedInterface, null, sealedInterface.getSimpleName()));
  }

  /**
   * A fresh, empty JSON object.
   *
   * @return a new object node
   */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static java.util.Optional<Polymorphic> polymorphicOf(Class<?> c) {
    for (Class<?> i : c.getInterfaces()) {
      Polymorphic p = Registry.POLYMORPHIC.get(i);
      if (p != null) return java.util.Optional.of(p);
    }
    return java.util.Optional.empty();
  }

  private static JsonNode write(Object value, Type declared) {
    Class<?> raw = rawClass(declared);
    if (value instanceof Double d) return JSON.getNodeFactory().numberNode(d);
    if (value instanceof Float f) return JSON.getNodeFactory().numberNode(f);
    if (value instanceof Integer i) return JSON.getNodeFactory().numberNode(i);
    if (value instanceof Long l) return JSON.getNodeFactory().numberNode(l);
    if (value instanceof Boolean b) return JSON.getNodeFactory().booleanNode(b);
    if (value instanceof String s) return JSON.getNodeFactory().textNode(s);
    if (value instanceof Enum<?> e) return JSON.getNodeFactory().textNode(e.name());
    if (value instanceof double[] a) {
      ArrayNode n = JSON.createArrayNode();
      for (double v : a) n.add(v);
      return n;
    }
    if (value instanceof int[] a) {
      ArrayNode n = JSON.createArrayNode();
      for (int v : a) n.add(v);
      return n;
    }
    if (value instanceof List<?> list) {
      Type element = declared instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
      ArrayNode n = JSON.createArrayNode();
      for (Object o : list) n.add(write(o, element));
      return n;
    }
    Polymorphic poly = Registry.POLYMORPHIC.get(raw);
    if (poly != null && poly.refusal() != null) {
      String why = poly.refusal().apply(value);
      if (why != null) throw new UnsupportedOperationException(why);
    }
    if (value instanceof Record r) {
      ObjectNode o = JSON.createObjectNode();
      if (poly != null) o.put(poly.key(), poly.naming().apply(r.getClass()));
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        Object v = get(c, r);
        if (v != null) o.set(c.getName(), write(v, c.getGenericType()));
      }
      Shaping s = Registry.SHAPINGS.get(r.getClass());
      return s == null ? o : s.written().apply(o);
    }
    throw new UnsupportedOperationException("A " + value.getClass().getSimpleName() + " (" + value
        + ") is not configuration data (a record of numbers, strings, enums, lists and records), so it cannot be"
        + " saved to a model file.");
  }

  private static Object read(JsonNode node, Type declared, Object defaults, String where) {
    Class<?> raw = rawClass(declared);
    if (node == null || node.isMissingNode() || node.isNull()) {
      if (defaults == ABSENT_IS_NULL && !raw.isPrimitive()) return null;
      if (defaults != null && defaults != ABSENT_IS_NULL) return defaults;
      throw new IllegalArgumentException("The model file's configuration lacks '" + where + "'.");
    }
    if (raw == double.class || raw == Double.class) return number(node, where).doubleValue();
    if (raw == float.class || raw == Float.class) return number(node, where).floatValue();
    if (raw == int.class || raw == Integer.class) return number(node, where).intValue();
    if (raw == long.class || raw == Long.class) return number(node, where).longValue();
    if (raw == boolean.class || raw == Boolean.class) {
      if (!node.isBoolean()) throw bad(where, "true or false", node);
      return node.booleanValue();
    }
    if (raw == String.class) return node.asText();
    if (raw.isEnum()) return enumValue(raw, node.asText(), where);
    if (raw == double[].class || raw == int[].class) {
      if (!node.isArray()) throw bad(where, "an array of numbers", node);
      if (raw == int[].class) {
        int[] a = new int[node.size()];
        for (int i = 0; i < a.length; i++) a[i] = number(node.get(i), where).intValue();
        return a;
      }
      double[] a = new double[node.size()];
      for (int i = 0; i < a.length; i++) a[i] = number(node.get(i), where).doubleValue();
      return a;
    }
    if (List.class.isAssignableFrom(raw)) {
      if (!node.isArray()) throw bad(where, "an array", node);
      Type element = declared instanceof ParameterizedType pt ? pt.getActualTypeArguments()[0] : Object.class;
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) out.add(read(node.get(i), element, null, where + "[" + i + "]"));
      return List.copyOf(out);
    }
    if (!node.isObject()) throw bad(where, "an object", node);
    ObjectNode o = (ObjectNode) node;
    Polymorphic poly = Registry.POLYMORPHIC.get(raw);
    if (poly != null) raw = subtype(poly, o, where);
    if (!raw.isRecord()) {
      throw new IllegalArgumentException("'" + where + "' in the model file has type " + raw.getSimpleName()
          + ", which is not a configuration record.");
    }
    Shaping s = Registry.SHAPINGS.get(raw);
    if (s != null) o = s.read().apply(o.deepCopy());
    RecordComponent[] cs = raw.getRecordComponents();
    Object[] args = new Object[cs.length];
    Class<?>[] types = new Class<?>[cs.length];
    boolean withDefaults = defaults != null && raw.isInstance(defaults);
    for (int i = 0; i < cs.length; i++) {
      types[i] = cs[i].getType();
      Object def = withDefaults ? get(cs[i], (Record) defaults) : defaults == ABSENT_IS_NULL ? ABSENT_IS_NULL : null;
      JsonNode n = o.get(cs[i].getName());
      if ((n == null || n.isNull()) && withDefaults) {
        args[i] = def; // absent from the file: the default's value (which may be null, e.g. no augmentation)
        continue;
      }
      args[i] = read(n, cs[i].getGenericType(), def, where + "." + cs[i].getName());
    }
    try {
      Constructor<?> k = raw.getDeclaredConstructor(types);
      k.setAccessible(true);
      return k.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot construct " + raw.getName() + ": " + e, e);
    }
  }

  private static Class<?> subtype(Polymorphic poly, ObjectNode o, String where) {
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    for (Class<?> c : poly.type().getPermittedSubclasses()) {
      String name = poly.naming().apply(c);
      if (name != null && c.isRecord()) byName.put(name, c);
    }
    if (!o.has(poly.key())) {
      if (poly.whenAbsent() != null) return poly.whenAbsent();
      throw new IllegalArgumentException("'" + where + "' in the model file has no '" + poly.key() + "'; expected one of "
          + byName.keySet() + ".");
    }
    String name = o.path(poly.key()).asText();
    Class<?> c = byName.get(name);
    if (c == null) {
      List<String> known = List.copyOf(byName.keySet());
      throw new IllegalArgumentException("Unknown " + poly.type().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " '"
          + name + "'; expected one of " + String.join(", ", known) + ".");
    }
    return c;
  }

  private static Object enumValue(Class<?> type, String name, String where) {
    for (Object c : type.getEnumConstants()) if (((Enum<?>) c).name().equals(name)) return c;
    throw new IllegalArgumentException("Unknown " + type.getSimpleName() + " '" + name + "' for '" + where
        + "' in the model file; expected one of " + Arrays.toString(type.getEnumConstants()) + ".");
  }

  private static Number number(JsonNode node, String where) {
    if (node == null || !node.isNumber()) throw bad(where, "a number", node);
    return node.numberValue();
  }

  private static IllegalArgumentException bad(String where, String expected, JsonNode got) {
    return new IllegalArgumentException("'" + where + "' in the model file must be " + expected + ". Got " + got
        + " instead.");
  }

  private static Object get(RecordComponent c, Record r) {
    try {
      var m = c.getAccessor();
      m.setAccessible(true);
      return m.invoke(r);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException x) throw x;
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Cannot read " + c + ": " + e, e);
    }
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) return c;
    if (t instanceof ParameterizedType pt) return (Class<?>) pt.getRawType();
    return Object.class;
  }
}
