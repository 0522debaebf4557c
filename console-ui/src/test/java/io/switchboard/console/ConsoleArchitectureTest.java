package io.switchboard.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The console reaches the control plane only through control-plane-api. */
class ConsoleArchitectureTest {

  private static final JavaClasses CONSOLE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.switchboard.console");

  @Test
  void consoleNeverImportsControlPlaneInternalsOrTheRuntime() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.switchboard.controlplane..", "io.switchboard.runtime..")
        .check(CONSOLE);
  }
}
