package org.mlmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No simple class name twice in the code base, nested types included (STYLE.md, "Naming"): every class, interface,
 * enum and record declared in any module's main or test sources. Run from mlmp-examples, which sits on top of the
 * other modules, it reads their sources from the checkout.
 */
class UniqueClassNamesTest {
  /** Nested model codecs, being replaced by one record ↔ JSON mapping in org.mlmp.io (issue 11 item 3). */
  private static final Set<String> BEING_REMOVED = Set.of("Codec");

  private static final Pattern COMMENT = Pattern.compile("//[^\n]*|/\\*.*?\\*/", Pattern.DOTALL);
  private static final Pattern STRING = Pattern.compile("\"\"\".*?\"\"\"|\"(?:\\\\.|[^\"\\\\\n])*\"|'(?:\\\\.|[^'\\\\\n])*'",
      Pattern.DOTALL);
  private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z]\\w*)");

  /** The simple names a source declares (comments and string literals removed first). */
  static List<String> declared(String source) {
    String code = STRING.matcher(COMMENT.matcher(source).replaceAll(" ")).replaceAll("\"\"");
    List<String> names = new ArrayList<>();
    Matcher m = DECLARATION.matcher(code);
    while (m.find()) names.add(m.group(1));
    return names;
  }

  @Test
  void declarationsAreFoundInCodeOnly() {
    assertEquals(List.of("A", "B", "C"), declared("""
        /** a class Foo in a comment */ public final class A { record B(int x) {} // class Bar
          String s = "enum Baz"; sealed interface C permits A {} }
        """));
  }

  @Test
  void noSimpleClassNameTwice() throws IOException {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    Map<String, List<String>> where = new TreeMap<>();
    int files = 0;
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/")
          && !p.toString().contains("/target/") && root.relativize(p).getName(0).toString().startsWith("mlmp-")).toList()) {
        files++;
        for (String n : declared(Files.readString(p))) {
          where.computeIfAbsent(n, k -> new ArrayList<>()).add(root.relativize(p).toString());
        }
      }
    }
    assertTrue(files > 100, "read only " + files + " sources under " + root);
    Map<String, List<String>> twice = new TreeMap<>();
    where.forEach((n, ps) -> {
      if (ps.size() > 1 && !BEING_REMOVED.contains(n)) twice.put(n, ps);
    });
    assertEquals(Map.of(), twice, "simple class names declared more than once; rename the less central one");
  }
}
