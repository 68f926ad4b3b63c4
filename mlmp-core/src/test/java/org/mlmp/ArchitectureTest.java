package org.mlmp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The architecture written down in docs/architecture.md, enforced on mlmp-core's main classes (byte code,
 * so Javadoc links do not count): the package layers, no cycles between packages, the native-call boundary
 * and the engine's privacy. A failing rule names the class, the member and the line of each violation.
 */
class ArchitectureTest {
  static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.mlmp");

  /** The model families: each may use the layers below and other families along a cycle-free graph. */
  static final String[] FAMILIES = {"org.mlmp.linear..", "org.mlmp.kernel..", "org.mlmp.kernelmethods..",
      "org.mlmp.molecular..", "org.mlmp.nn..", "org.mlmp.density..", "org.mlmp.cluster..",
      "org.mlmp.decomposition..", "org.mlmp.rl..", "org.mlmp.baseline..", "org.mlmp.selection..",
      "org.mlmp.pipeline.."};

  /** backend at the bottom; then api (and the entry point org.mlmp.Mlmp); then data and io; then the families. */
  static ArchRule layers() {
    return layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("backend").definedBy("org.mlmp.backend..")
        .layer("entry").definedBy("org.mlmp")
        .layer("api").definedBy("org.mlmp.api..")
        .layer("data").definedBy("org.mlmp.data..")
        .layer("io").definedBy("org.mlmp.io..")
        .layer("families").definedBy(FAMILIES)
        .whereLayer("families").mayOnlyBeAccessedByLayers("families")
        .whereLayer("data").mayOnlyBeAccessedByLayers("io", "families")
        .whereLayer("io").mayOnlyBeAccessedByLayers("data", "families")
        .whereLayer("api").mayOnlyBeAccessedByLayers("data", "io", "families")
        .whereLayer("entry").mayOnlyBeAccessedByLayers("api", "data", "io", "families")
        .whereLayer("backend").mayNotAccessAnyLayer();
  }

  @Test
  void packagesFormLayers() {
    layers().check(MAIN);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.mlmp.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void dataAndIoDoNotDependOnEachOther() {
    // data (loaders) and io (model files) sit side by side: neither needs the other
    noClasses().that().resideInAPackage("org.mlmp.data..").should().dependOnClassesThat()
        .resideInAPackage("org.mlmp.io..").check(MAIN);
    noClasses().that().resideInAPackage("org.mlmp.io..").should().dependOnClassesThat()
        .resideInAPackage("org.mlmp.data..").check(MAIN);
  }

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

  @Test
  void nativeCallsStayBehindTheBackend() {
    noClasses().that().resideOutsideOfPackages("org.mlmp.backend..")
        .should().dependOnClassesThat().resideInAnyPackage("org.bytedeco.openblas..", "org.bytedeco.dnnl..",
            "org.bytedeco.javacpp..", "org.nd4j.nativeblas..", "org.nd4j.linalg.cpu..", "org.nd4j.linalg.jcublas..")
        .because("org.mlmp.backend is the only code that touches native APIs (HostBlas, HostLapack, HostDoubles,"
            + " HostFloats, HostConvolution); see docs/architecture.md")
        .check(MAIN);
  }

  @Test
  void theRulesSeeTheCode() {
    // a rule over an empty or partial import passes vacuously: prove the importer sees every layer
    for (String p : new String[] {"org.mlmp.backend", "org.mlmp.api", "org.mlmp.data", "org.mlmp.io",
        "org.mlmp.kernel", "org.mlmp.nn", "org.mlmp.nn.engine"}) {
      assertTrue(MAIN.containPackage(p), "ArchUnit imported no class of " + p);
    }
    // and that a rule of this form does fail on a dependency that exists (kernel ridge uses the kernels)
    assertTrue(noClasses().that().resideInAPackage("org.mlmp.kernelmethods..").should().dependOnClassesThat()
        .resideInAPackage("org.mlmp.kernel..").evaluate(MAIN).hasViolation());
    assertTrue(classes().that().resideInAPackage("org.mlmp.backend..").should().dependOnClassesThat()
        .resideInAPackage("org.mlmp.api..").evaluate(MAIN).hasViolation());
  }
}
