package io.fpolab.cli;

import io.fpolab.analysis.ActionShape;
import io.fpolab.analysis.GridAnalysis;
import io.fpolab.config.ConfigSchema;
import io.fpolab.core.AtomicFiles;
import io.fpolab.core.ConfigException;
import io.fpolab.core.math.Rng;
import io.fpolab.env.control.ForkEasy;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab sample}: the action samples of a saved policy at one GridWorld cell or one control
 * state, as CSV, so the lab's action-distribution figures can be checked with other tools. For GridWorld
 * the actions are the policy's raw 2-D outputs (the env rounds each component to a move); for control
 * tasks they are the actions as the env receives them (after tanh where the env squashes). A one-line
 * summary goes to stderr: for GridWorld the y moves and the y-density peaks of {@link ActionShape}.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Print action samples of a saved policy at a GridWorld cell (--cell) or a control state (--state) as CSV.",
            "Exit code 0 on success, 2 for bad flags or folders that hold no run."})
public final class SampleCommand implements Callable<Integer> {
    static final int MAX_SAMPLES = 1_000_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run folder (config.json + checkpoint.ckpt).")
    private Path run;

    @Option(names = "--cell", paramLabel = "X,Y", description = "GridWorld cell (default: the saddle cell, grid centre).")
    private String cell;

    @Option(names = "--state", paramLabel = "A,B,…",
            description = "Control tasks: the observation the policy sees, as the env reports it (before normalization).")
    private String state;

    @Option(names = "--n", paramLabel = "N", defaultValue = "50000",
            description = "Number of samples, 1.." + MAX_SAMPLES + " (default ${DEFAULT-VALUE}).")
    private int n;

    @Option(names = "--sampler", paramLabel = "rollout|eval", defaultValue = "rollout",
            description = "Sample as the rollouts do (default) or as evaluation does.")
    private String sampler;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the sampling noise (default 0).")
    private long seed;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Sampler setting to use instead of the saved one (repeatable): flow.sampler, flow.evalSampler, "
                    + "flow.evalZeroNoiseStart, flow.steps, flow.samplerNoise, gaussian.evalMean.")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV to FILE instead of standard output.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        if (n < 1 || n > MAX_SAMPLES) {
            throw new ConfigException("--n", n + " is out of range; allowed 1.." + MAX_SAMPLES);
        }
        boolean eval = switch (sampler) {
            case "rollout" -> false;
            case "eval" -> true;
            default -> throw new ConfigException("--sampler", "'" + sampler + "' is not one of: rollout, eval");
        };
        List<String> keys = new ArrayList<>(EvaluateCommand.EVAL_KEYS);
        keys.remove("eval.episodes");
        keys.add(0, "flow.sampler");
        for (String o : overrides) {
            int eq = o.indexOf('=');
            String key = eq > 0 ? o.substring(0, eq).trim() : o;
            if (eq > 0 && !keys.contains(key)) {
                throw new ConfigException("--set", "'" + key + "' is not a sampler setting; allowed: " + String.join(", ", keys));
            }
        }
        TrainCommand.resolve(ConfigSchema.defaults(), null, null, overrides); // bad values fail before any work
        if (out != null) {
            OutputPaths.file(out, "--out");
        }
        Trainer trainer = RunFolder.restore(run, "--run", false,
                cfg -> TrainCommand.resolve(cfg, null, null, overrides));
        Rng rng = new Rng(seed);
        StringBuilder csv = new StringBuilder();
        String summary;
        if (trainer.env() instanceof GridWorldVecEnv g) {
            if (state != null) {
                throw new ConfigException("--state", "this run trains GridWorld; pick a cell with --cell X,Y");
            }
            GridLayout layout = g.layout();
            int[] xy = cell == null ? new int[] {layout.width() / 2, layout.height() / 2}
                    : FigureCommand.parseCell(cell, layout);
            float[] a = new GridAnalysis(trainer).actionSamples(xy[0], xy[1], n, eval, rng);
            csv.append("x,y\n");
            appendRows(csv, a, 2);
            summary = gridSummary(xy, a);
        } else {
            if (cell != null) {
                throw new ConfigException("--cell", "this run trains " + trainer.config().env().id()
                        + ", not GridWorld; give an observation with --state");
            }
            if (state == null) {
                throw new ConfigException("--state", "required for " + trainer.config().env().id() + ": "
                        + trainer.env().spec().obsDim() + " comma-separated observation values");
            }
            float[] obs = parseState(state, trainer.env().spec().obsDim());
            int d = trainer.env().spec().actDim();
            float[] rows = new float[n * obs.length];
            for (int r = 0; r < n; r++) {
                System.arraycopy(obs, 0, rows, r * obs.length, obs.length);
            }
            float[] a = trainer.envActions(trainer.policy().sample(trainer.normalize(rows, n), n, rng, eval, null));
            List<String> header = new ArrayList<>();
            for (int k = 0; k < d; k++) {
                header.add("a" + k);
            }
            csv.append(String.join(",", header)).append('\n');
            appendRows(csv, a, d);
            summary = String.format(Locale.ROOT, "%d samples of %d-D actions at the given state", n, d);
            if (trainer.env() instanceof ForkEasy) {
                // The fork task's measure reads the density of the x force (ForkEvaluator): its peaks left and right.
                ActionShape.Modes m = ActionShape.density(a, d, 0).modes();
                summary += String.format(Locale.ROOT, "; x-density peaks: left %.3f at %s, right %.3f at %s, valley %s (%s)",
                        m.peakDown(), fmt(m.peakDownAt()), m.peakUp(), fmt(m.peakUpAt()), fmt(m.valley()),
                        m.twoPeaks() ? "two peaks" : "not two peaks");
            }
        }
        if (out == null) {
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.print(csv);
            stdout.flush();
        } else {
            AtomicFiles.write(out, csv.toString());
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println(summary);
        err.flush();
        return 0;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "none" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static void appendRows(StringBuilder csv, float[] a, int dims) {
        for (int i = 0; i < a.length; i += dims) {
            for (int k = 0; k < dims; k++) {
                if (k > 0) {
                    csv.append(',');
                }
                csv.append(a[i + k]);
            }
            csv.append('\n');
        }
    }

    /** "cell (12, 12): y moves up … stay … down …; y-density peaks …; two peaks: yes|no". */
    static String gridSummary(int[] xy, float[] a) {
        GridAnalysis.MoveDistribution m = GridAnalysis.yMoves(a);
        ActionShape.Modes modes = ActionShape.yModes(a);
        return String.format(Locale.ROOT,
                "cell (%d, %d): y moves up %.3f, stay %.3f, down %.3f; y-density peaks %.3f at %+.2f and %.3f at %+.2f, "
                        + "valley %.3f; two peaks: %s",
                xy[0], xy[1], m.plus(), m.stay(), m.minus(), modes.peakUp(), modes.peakUpAt(), modes.peakDown(),
                modes.peakDownAt(), modes.valley(), modes.twoPeaks() ? "yes" : "no");
    }

    private static float[] parseState(String text, int dims) {
        String[] parts = text.split(",", -1);
        if (parts.length != dims) {
            throw new ConfigException("--state", "'" + text + "' has " + parts.length + " values; this task's observation has "
                    + dims);
        }
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
            try {
                v[i] = Float.parseFloat(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("--state", "value " + (i + 1) + " '" + parts[i].trim() + "' is not a number");
            }
            if (!Float.isFinite(v[i]) || Math.abs(v[i]) > 1e6) {
                throw new ConfigException("--state", "value " + (i + 1) + " '" + parts[i].trim()
                        + "' is out of range; allowed finite numbers within ±1e6");
            }
        }
        return v;
    }
}
