package io.fpolab;

import io.fpolab.cli.LabCommand;

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

    private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
}
