package io.fpolab.cli;

import io.fpolab.ui.Screenshots;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab screenshots}: trains the "Reproduce Figure 1" preset and a Gaussian PPO run briefly,
 * opens the lab window (headless when there is no display) and writes one PNG per view tab.
 */
@Command(name = "screenshots", mixinStandardHelpOptions = true,
        description = "Train Figure 1 (FPO and Gaussian PPO) briefly and save a PNG of the lab window per view tab.")
public final class ScreenshotsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs/screenshots",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "20000",
            description = "Training budget per run in env steps (default: ${DEFAULT-VALUE}).")
    private long steps;

    @Option(names = "--dark", description = "Use the dark theme.")
    private boolean dark;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (steps < 1) {
            err.println("error: --steps: " + steps + " is out of range; allowed 1..10000000000");
            return LabCommand.EXIT_USAGE;
        }
        OutputPaths.folder(out, "--out");
        try {
            Screenshots.capture(out, steps, dark, err);
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
