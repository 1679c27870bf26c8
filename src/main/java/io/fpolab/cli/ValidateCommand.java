package io.fpolab.cli;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.ConfigException;
import io.fpolab.env.Envs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab validate FILE...}: checks experiment files without training, as far as {@code train}
 * checks them before it starts: the config, then its environment (a GridWorld layout file included). Prints
 * one line per file,
 * {@code ok: FILE (algorithm, env)} or {@code error: FILE: message} on stderr, and exits with
 * {@link LabCommand#EXIT_USAGE} if any file is invalid, so it can gate CI or a pre-commit hook.
 */
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check experiment config files (.json, .yaml, .yml) and report the first problem in each.")
public final class ValidateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Config files to check.")
    private List<Path> files;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            try {
                ExperimentConfig config = ConfigIO.read(file);
                String note;
                try {
                    note = Envs.check(config.env()); // what train checks next: the layout file, the env's options
                } catch (ConfigException e) {
                    throw e.inSource(file.toString());
                }
                out.println("ok: " + file + " (" + config.algorithm().name().toLowerCase(Locale.ROOT) + ", "
                        + config.env().id() + (note == null ? "" : "; " + note) + ")");
            } catch (ConfigException e) {
                // The message already starts with the file name (ConfigIO prefixes its source).
                err.println("error: " + e.getMessage());
                allValid = false;
            }
        }
        out.flush();
        err.flush();
        return allValid ? 0 : LabCommand.EXIT_USAGE;
    }
}
