package io.fpolab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.fpolab.train.Checkpoint;
import io.fpolab.train.Trainer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine (math, environments, configuration, training, run folders) never depends on the UI toolkit, and run
 * folders have one owner.
 */
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
                        "io.fpolab.train..", "io.fpolab.analysis..", "io.fpolab.runs..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fpolab.ui..", "io.fpolab.cli..")
                .check(classes);
    }

    @Test
    void onlyRunsPackageReadsAndWritesRunFolders() {
        noClasses().that().resideOutsideOfPackage("io.fpolab.runs..")
                .should().callMethod(Checkpoint.class, "read", Path.class)
                .orShould().callMethod(Checkpoint.class, "write", Path.class)
                .orShould().callMethod(Checkpoint.class, "runConfig", Path.class, Checkpoint.class, boolean.class)
                .orShould().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson.dataformat.csv..")
                .because("io.fpolab.runs.RunFolder alone writes and reads run folders, so 'train', 'sweep', the lab's "
                        + "export and every reader agree on their files")
                .check(classes);
    }

    @Test
    void onlyRunsPackageGivesTrainersTheirEvaluator() {
        noClasses().that().resideOutsideOfPackage("io.fpolab.runs..")
                .should().callMethod(Trainer.class, "setEvaluator", Trainer.Evaluator.class)
                .because("RunFolder.trainer is the one way from a config to a trainer that evaluates as 'train' does")
                .check(classes);
    }

    @Test
    void uiLeavesNetworkMathToTheEngine() {
        noClasses().that().resideInAPackage("io.fpolab.ui..")
                .should().dependOnClassesThat().resideInAPackage("org.nd4j..")
                .because("probes that read networks live in io.fpolab.analysis; the UI paints the data they return")
                .check(classes);
    }

    @Test
    void coreDependsOnNoConfig() {
        noClasses().that().resideInAPackage("io.fpolab.core..")
                .should().dependOnClassesThat().resideInAPackage("io.fpolab.config..")
                .because("config describes experiments in core's terms (config depends on core, not the reverse); "
                        + "train.PolicyFactory turns an ExperimentConfig into a policy")
                .check(classes);
    }

    @Test
    void uiPartsDoNotReachBackIntoTheMainWindow() {
        noClasses().that().resideInAPackage("io.fpolab.ui.(*)..")
                .should().dependOnClassesThat().resideInAPackage("io.fpolab.ui")
                .because("the window (io.fpolab.ui: MainWindowView, RunListView, their view model) is built from the "
                        + "parts in ui's subpackages and hands them what they need; a part that used the window would "
                        + "tie the packages in a cycle")
                .check(classes);
    }
}
