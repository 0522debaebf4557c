package io.switchboard.controlplane;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * The control plane's feature packages are Spring Modulith application modules: each exposes only
 * its top-level package, internals stay internal, and modules form no cycles.
 */
class ModularityTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.switchboard.controlplane");

  @Test
  void applicationModulesAreWellFormed() {
    ApplicationModules.of(SwitchboardApplication.class).verify();
  }

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("io.switchboard.controlplane.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void onlyTheSecurityModuleKnowsTheConsoleLoginView() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.switchboard.controlplane.security..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.switchboard.console..")
        .check(CLASSES);
  }
}
