package io.switchboard.runtime.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** runtime-core stays framework-free so it runs deterministically anywhere, under a fake clock. */
@AnalyzeClasses(
    packages = "io.switchboard.runtime",
    importOptions = ImportOption.DoNotIncludeTests.class)
class RuntimeCoreArchitectureTest {

  @ArchTest
  static final ArchRule noSpring =
      noClasses()
          .that()
          .resideInAPackage("io.switchboard.runtime..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.springframework..")
          .because("runtime-core is framework-free");

  @ArchTest
  static final ArchRule noNetty =
      noClasses()
          .that()
          .resideInAPackage("io.switchboard.runtime..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.netty..")
          .because("runtime-core is framework-free; Netty belongs to runtime-node");
}
