package io.fpolab.cli;

import io.fpolab.config.ConfigException;
import io.fpolab.core.math.Rng;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;
import io.fpolab.env.control.ControlSuite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab simulate}: runs one control-suite environment under a constant action and writes env
 * 0's trajectory as CSV, {@code step,reward,obs0..,state0..}. Row 0 is the state after reset (empty
 * reward); row t is the state after step t. When an episode ends, its row already shows the next
 * episode's first observation and state, as {@link VecEnv#step} returns them.
 */
@Command(name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Steps a control environment under a constant action and prints env 0's trajectory as CSV.")
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--env", required = true, paramLabel = "ID", completionCandidates = EnvIds.class,
            description = "Environment id, one of: ${COMPLETION-CANDIDATES}.")
    private String env;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Steps to run (default ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the reset randomness (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--action", paramLabel = "a1,a2,...",
            description = "Constant action, one value per action dimension (default: zeros).")
    private String action;

    @Option(names = "--out", paramLabel = "FILE", description = "CSV output file (default: standard output).")
    private Path out;

    @Override
    public Integer call() {
        if (!ControlSuite.ids().contains(env)) {
            throw new ConfigException("--env", "unknown environment '" + env + "'; allowed: "
                    + String.join(", ", ControlSuite.ids()));
        }
        if (steps < 1) {
            throw new ConfigException("--steps", "must be at least 1, got " + steps);
        }
        VecEnv vecEnv = ControlSuite.create(env, 1);
        float[] constant = parseAction(vecEnv.spec().actDim());
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            simulate(vecEnv, constant, w);
            w.flush();
            return 0;
        }
        try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             PrintWriter w = new PrintWriter(file)) {
            simulate(vecEnv, constant, w);
            if (w.checkError()) {
                throw new IOException("write failed");
            }
        } catch (IOException e) {
            throw new ConfigException("--out", "cannot write '" + out + "': " + e.getMessage());
        }
        return 0;
    }

    private void simulate(VecEnv vecEnv, float[] constant, PrintWriter w) {
        int obsDim = vecEnv.spec().obsDim();
        Rng rng = new Rng(seed);
        float[] obs = vecEnv.reset(rng);
        StringBuilder header = new StringBuilder("step,reward");
        for (int j = 0; j < obsDim; j++) {
            header.append(",obs").append(j);
        }
        for (int j = 0; j < vecEnv.state(0).length; j++) {
            header.append(",state").append(j);
        }
        w.println(header);
        writeRow(w, 0, "", obs, obsDim, vecEnv.state(0));
        for (int t = 1; t <= steps; t++) {
            StepResult r = vecEnv.step(constant, rng);
            writeRow(w, t, Float.toString(r.reward[0]), r.obs, obsDim, vecEnv.state(0));
        }
    }

    private static void writeRow(PrintWriter w, int step, String reward, float[] obs, int obsDim, double[] state) {
        StringBuilder row = new StringBuilder().append(step).append(',').append(reward);
        for (int j = 0; j < obsDim; j++) {
            row.append(',').append(obs[j]);
        }
        for (double s : state) {
            row.append(',').append(s);
        }
        w.println(row);
    }

    private float[] parseAction(int actDim) {
        float[] a = new float[actDim];
        if (action == null) {
            return a;
        }
        String[] parts = action.split(",", -1);
        if (parts.length != actDim) {
            throw new ConfigException("--action", env + " takes " + actDim + " comma-separated value"
                    + (actDim == 1 ? "" : "s") + ", got " + parts.length + " in '" + action + "'");
        }
        for (int j = 0; j < actDim; j++) {
            try {
                a[j] = Float.parseFloat(parts[j].trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("--action", "'" + parts[j].trim() + "' in '" + action + "' is not a number");
            }
            if (!Float.isFinite(a[j])) {
                throw new ConfigException("--action", "'" + parts[j].trim() + "' in '" + action + "' is not finite");
            }
        }
        return a;
    }

    /** The known environment ids, for picocli's help text. */
    static final class EnvIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ControlSuite.ids().iterator();
        }
    }
}
