package io.fpolab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine (math, environments, configuration, training) never depends on the UI toolkit. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.fpolab");
    }

    @Test
    void onlyUiPackageUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("io.fpolab.ui..").and().doNotHaveFullyQualifiedName("io.fpolab.Main")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.sun.javafx..")
                .because("math and training code must run headless and be testable without a display")
                .check(classes);
    }

    @Test
    void onlyUiPackageUsesJFreeChart() {
        noClasses().that().resideOutsideOfPackage("io.fpolab.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jfree..")
                .because("charts and figure rendering belong to the UI layer")
                .check(classes);
    }

    @Test
    void engineDoesNotDependOnUiOrCli() {
        noClasses().that().resideInAnyPackage("io.fpolab.core..", "io.fpolab.env..", "io.fpolab.config..",
                        "io.fpolab.train..", "io.fpolab.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fpolab.ui..", "io.fpolab.cli..")
                .check(classes);
    }

    @Test
    void uiLeavesNetworkMathToTheEngine() {
        noClasses().that().resideInAPackage("io.fpolab.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.nd4j..")
                .because("probes that read networks live in io.fpolab.analysis; the UI paints the data they return")
                .check(classes);
    }
}
