package io.switchboard.runtime.node;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Feature packages of the node stay independent of each other's cycles and of the node root. */
@AnalyzeClasses(
    packages = "io.switchboard.runtime.node",
    importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeNodeArchitectureTest {

  @ArchTest
  static final ArchRule featurePackagesAreFreeOfCycles =
      slices().matching("io.switchboard.runtime.node.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule onlyTheRootAssemblesTheNode =
      noClasses()
          .that()
          .resideInAnyPackage("io.switchboard.runtime.node.*..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.switchboard.runtime.node")
          .because("RuntimeNode composes the feature packages, never the other way round");

  @ArchTest
  static final ArchRule noSpring =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.springframework..")
          .because("a node is a plain Netty process that the control plane embeds");
}
