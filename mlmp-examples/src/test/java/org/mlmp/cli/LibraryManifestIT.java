package org.mlmp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packaged jars as a dependency user gets them (after {@code package}, run by failsafe): every mlmp
 * jar names its Java module in its manifest (org.mlmp.core, ...), mlmp-core has its -sources and
 * -javadoc jars, and no test library ships in the application's lib/.
 */
class LibraryManifestIT {
  private static Path jar() {
    String jar = System.getProperty("mlmp.jar");
    assumeTrue(jar != null, "run by failsafe (mvn verify)");
    return Path.of(jar);
  }

  private static String moduleName(Path jar) throws IOException {
    try (JarFile j = new JarFile(jar.toFile())) {
      assertNotNull(j.getManifest(), jar + " has no manifest");
      return j.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
    }
  }

  @Test
  void everyMlmpJarNamesItsModule() throws IOException {
    Path app = jar();
    assertEquals("org.mlmp.examples", moduleName(app), app.toString());
    List<Path> mlmpJars;
    try (Stream<Path> s = Files.list(app.resolveSibling("lib"))) {
      mlmpJars = s.filter(p -> p.getFileName().toString().matches("mlmp-[a-z]+-\\d.*\\.jar")).toList();
    }
    assertTrue(mlmpJars.stream().anyMatch(p -> p.getFileName().toString().startsWith("mlmp-core-")), mlmpJars.toString());
    for (Path p : mlmpJars) {
      String artifact = p.getFileName().toString().replaceFirst("-\\d.*$", "");
      assertEquals("org.mlmp." + artifact.substring("mlmp-".length()), moduleName(p), p.toString());
    }
  }

  @Test
  void coreHasSourcesAndJavadocJars() throws IOException {
    Path coreTarget = jar().getParent().resolve("../../mlmp-core/target").normalize();
    String version = org.mlmp.Mlmp.version();
    try (JarFile sources = new JarFile(coreTarget.resolve("mlmp-core-" + version + "-sources.jar").toFile());
         JarFile javadoc = new JarFile(coreTarget.resolve("mlmp-core-" + version + "-javadoc.jar").toFile())) {
      assertNotNull(sources.getEntry("org/mlmp/Mlmp.java"), "sources jar without org/mlmp/Mlmp.java");
      // javadoc documents the jar as its automatic module: pages under org.mlmp.core/
      assertNotNull(javadoc.getEntry("org.mlmp.core/org/mlmp/Mlmp.html"), "javadoc jar without org/mlmp/Mlmp.html");
      assertNotNull(javadoc.getEntry("org.mlmp.core/org/mlmp/data/DataSets.html"), "javadoc jar without DataSets.html");
    }
  }

  @Test
  void noTestLibraryInTheApplicationsLib() throws IOException {
    try (Stream<Path> s = Files.list(jar().resolveSibling("lib"))) {
      List<String> banned = s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("(junit|opentest4j|hamcrest|apiguardian).*")).toList();
      assertTrue(banned.isEmpty(), "test libraries in lib/: " + banned);
    }
  }
}
