package io.fpolab.cli;

import io.fpolab.core.ConfigException;
import io.fpolab.core.EngineInfo;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fpo-lab} command line: headless subcommands that drive the same engine as the lab window. */
@Command(name = "fpo-lab",
        mixinStandardHelpOptions = true,
        versionProvider = LabCommand.Version.class,
        description = "FPO Lab: flow policy optimization experiments. Without arguments, opens the lab window.",
        subcommands = {TrainCommand.class, SweepCommand.class, EvaluateCommand.class, BenchCommand.class, ValidateCommand.class, SimulateCommand.class,
            FigureCommand.class, CurvesCommand.class, SampleCommand.class, RatioCheckCommand.class, ScreenshotsCommand.class, SoakCommand.class, CommandLine.HelpCommand.class})
public final class LabCommand implements Runnable {
    /**
     * Exit code for bad user input, found before any work starts: flags, config, layout and CSV files, run
     * folders, and output paths that cannot be written (empty, a file where a folder is wanted, under a
     * file, read-only, no permission).
     */
    public static final int EXIT_USAGE = 2;

    /**
     * Exit code for work that failed: the disk filled up or went read-only while writing, training
     * diverged, an unexpected error. Files are then complete or absent, never half-written.
     */
    public static final int EXIT_FAILED = 1;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the command line and returns the process exit code; never throws. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs with explicit output streams (used by tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new LabCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            err.println("Try 'fpo-lab " + ex.getCommandLine().getCommandName() + " --help'.");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof ConfigException ce) {
                err.println("error: " + ce.getMessage());
                return EXIT_USAGE;
            }
            IOException io = ex instanceof IOException e ? e
                    : ex instanceof java.io.UncheckedIOException u ? u.getCause() : null;
            if (io != null) {
                err.println("error: " + OutputPaths.describe(io));
                return EXIT_FAILED;
            }
            if (ex instanceof io.fpolab.train.DivergenceException) {
                err.println("error: " + ex.getMessage() + "; try a lower learning rate, e.g. --set ppo.lr=1e-4");
                return EXIT_FAILED;
            }
            err.println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return EXIT_FAILED;
        });
        return cli.execute(args);
    }

    /** Reads the version from the jar manifest. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"FPO Lab " + EngineInfo.version()};
        }
    }
}
