package io.fpolab;

import io.fpolab.cli.LabCommand;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Entry point of {@code fpo-lab.jar}. With no arguments it opens the lab window; with arguments it
 * runs a headless subcommand ({@code train}, {@code figure}, {@code bench}, ...).
 *
 * <p>This class deliberately does not extend {@code javafx.application.Application}: a launcher that
 * does would make {@code java -jar} refuse to start when JavaFX sits on the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        OptionalInt relaunched = relaunchWithVectorModule(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        configureNativeMemory();
        if (args.length == 0) {
            io.fpolab.ui.LabApp.launchLab(args);
            return;
        }
        System.exit(LabCommand.run(args));
    }

    /**
     * Turns off JavaCPP's physical-memory check, which reads /proc on every native allocation (~6 % of a
     * training iteration here). Off-heap use is bounded by workspaces instead. Must run before ND4J loads;
     * an explicit {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes} wins.
     */
    static void configureNativeMemory() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }

    /**
     * Runs the program again in a child JVM that has the Vector API module, when {@code java -jar} started
     * this one without it: the SiLU kernels ({@code core.nn.VectorKernels}, ~2× faster FPO updates) need
     * {@code --add-modules jdk.incubator.vector}, which a jar manifest cannot ask for. The child gets the
     * same JVM options, class path, arguments, console and exit code. Not done for {@code --help} or
     * {@code --version}, when the runtime lacks the module, or with {@code -Dfpolab.relaunch=false}; the
     * program then runs here on ND4J's slower SiLU.
     *
     * @return the child's exit code, or empty when this JVM should run the program itself
     */
    static OptionalInt relaunchWithVectorModule(String[] args) {
        boolean infoOnly = args.length > 0 && args[0].startsWith("-");
        if (infoOnly || ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent()
                || "false".equalsIgnoreCase(System.getProperty(RELAUNCH))
                || ModuleFinder.ofSystem().find(VECTOR_MODULE).isEmpty()) {
            return OptionalInt.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        if (java.isEmpty()) {
            return OptionalInt.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("--add-modules", VECTOR_MODULE, "-D" + RELAUNCH + "=false",
                "-D" + io.fpolab.ui.LabApp.LAUNCHED_AT + "=" + ManagementFactory.getRuntimeMXBean().getStartTime(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        // If this JVM is stopped (Ctrl+C, kill), the child goes with it.
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        while (true) {
            try {
                return OptionalInt.of(child.waitFor());
            } catch (InterruptedException e) {
                // keep waiting: the child owns the work
            }
        }
    }

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String RELAUNCH = "fpolab.relaunch";
    private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
}
