package org.mlmp.nn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine is internal to org.mlmp.nn and depends on nothing of it (mlmp-core's main classes; the
 * benchmark and command-line modules reach the engine only through {@link TrainingSession} as well).
 */
class EngineBoundaryTest {
  static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.mlmp");

  @Test
  void onlyOrgMlmpNnUsesTheEngine() {
    noClasses().that().resideOutsideOfPackages("org.mlmp.nn", "org.mlmp.nn.engine")
        .should().dependOnClassesThat().resideInAPackage("org.mlmp.nn.engine")
        .because("the engine is internal: other packages train through org.mlmp.nn.TrainingSession")
        .check(MAIN);
  }

  @Test
  void theEngineDoesNotDependOnOrgMlmpNn() {
    noClasses().that().resideInAPackage("org.mlmp.nn.engine")
        .should().dependOnClassesThat().resideInAPackage("org.mlmp.nn")
        .because("dependencies point one way, nn -> nn.engine (the engine gets a Blueprint of its own types)")
        .check(MAIN);
  }
}
