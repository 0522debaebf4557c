package io.switchboard.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Package rules of the CLI (see ARCHITECTURE.md: one contract, two clients). */
@AnalyzeClasses(
    packages = "io.switchboard.cli",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule packagesDoNotDependOnEachOtherInCycles =
      slices().matching("io.switchboard.cli.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyTheApiContractIsUsedFromTheRestOfSwitchboard =
      noClasses()
          .that()
          .resideInAPackage("io.switchboard.cli..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.switchboard..")
                  .and(not(resideInAnyPackage("io.switchboard.cli..", "io.switchboard.api.."))));

  @ArchTest
  static final ArchRule onlyTheConnectionPackageSpeaksHttp =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.switchboard.cli.connection..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.springframework.web.client..", "java.net.http..");
}
