package io.fpolab.cli;

import io.fpolab.analysis.Evaluators;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.ConfigException;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab evaluate}: evaluates the saved policy of finished runs again, optionally with other
 * evaluation settings (deterministic evaluation, another sampler, more episodes), and prints one CSV row
 * per run. Without {@code --set} the result repeats the run's final evaluation exactly: same start states
 * (they depend on the seed only), same sampling noise (seed and iteration).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate the saved policies of run folders (or of every run below a sweep folder) and print CSV.",
            "The config is the one saved in the checkpoint; a config.json edited since (other than name and "
                + "description) is refused unless --trust-config-file is given.",
            "With --untrained, evaluates the freshly initialised policy of a config or preset instead, per seed: "
                + "the floor a run of it has to beat.",
            "Exit code 0 on success, 2 for bad flags, folders that hold no run and edited configs."})
public final class EvaluateCommand implements Callable<Integer> {
    /** Settings that change how a trained policy is evaluated but not what was trained. */
    static final List<String> EVAL_KEYS = List.of("eval.episodes", "flow.evalSampler", "flow.evalZeroNoiseStart",
            "flow.steps", "flow.samplerNoise", "gaussian.evalMean");

    static final String HEADER = "run,algorithm,env,seed,env_steps,metric,mean,std,episodes";

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "DIR",
            description = "Run folders (config.json + checkpoint.ckpt) or folders holding runs, e.g. a sweep's --out.")
    private List<Path> dirs = new ArrayList<>();

    @Option(names = "--untrained", paramLabel = "FILE|PRESET",
            description = "Instead of run folders: the untrained policy of this config file or preset (its network as "
                    + "the seed initialises it), evaluated as a run of it is at the end (the same start states; "
                    + "the sampling noise of iteration 0). env_steps is 0.")
    private String untrained;

    @Option(names = "--seeds", paramLabel = "N,N,...",
            description = "With --untrained: the seeds to evaluate (default: the config's seed).")
    private List<String> seeds = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Evaluation setting to use instead of the saved one (repeatable): eval.episodes, "
                    + "flow.evalSampler, flow.evalZeroNoiseStart, flow.steps, flow.samplerNoise, gaussian.evalMean.")
    private List<String> overrides = new ArrayList<>();

    @Option(names = "--trust-config-file",
            description = "Evaluate with each run's config.json even where it was edited after training (the "
                    + "network's shape must still match the checkpoint); without it such a run is refused with "
                    + "exit code 2 naming the edited fields.")
    private boolean trustConfigFile;

    @Override
    public Integer call() {
        if ((untrained == null) == dirs.isEmpty()) {
            throw new ConfigException(untrained == null ? "DIR" : "--untrained", untrained == null
                    ? "missing; give run folders, or --untrained FILE|PRESET" : "cannot be combined with run folders; "
                    + "give either run folders or --untrained FILE|PRESET");
        }
        if (untrained == null && !seeds.isEmpty()) {
            throw new ConfigException("--seeds", "applies only with --untrained; a run folder has its own seed");
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            String key = eq > 0 ? o.substring(0, eq).trim() : o;
            if (eq > 0 && !EVAL_KEYS.contains(key)) {
                throw new ConfigException("--set", "'" + key + "' changes training, not evaluation; allowed: "
                        + String.join(", ", EVAL_KEYS));
            }
        }
        TrainCommand.resolve(ConfigSchema.defaults(), null, null, overrides); // bad values fail before any output
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (untrained != null) {
            ExperimentConfig base = TrainCommand.resolve(untrained, null, null, overrides);
            List<Long> list = seeds.isEmpty() ? List.of(base.seed()) : SweepCommand.parseSeeds(seeds);
            out.println(HEADER);
            for (long seed : list) {
                print(out, untrained, RunFolder.trainer(TrainCommand.resolve(base, seed, null, List.of())));
            }
            return 0;
        }
        List<Path> runs = new ArrayList<>();
        for (Path d : dirs) {
            runs.addAll(runsIn(d));
        }
        out.println(HEADER);
        for (int i = 0; i < runs.size(); i++) {
            Path run = runs.get(i);
            err.printf(Locale.ROOT, "[%d/%d] %s%n", i + 1, runs.size(), run);
            print(out, run.toString(), RunFolder.restore(run, "DIR", trustConfigFile,
                    cfg -> TrainCommand.resolve(cfg, null, null, overrides)));
        }
        return 0;
    }

    /** Evaluates {@code t}'s policy, prints its CSV row and closes its environment (native memory, for MuJoCo). */
    private static void print(PrintWriter out, String run, Trainer t) {
        Map<String, Double> m;
        try {
            m = Evaluators.create(t.config(), t.env()).evaluate(t);
        } finally {
            t.env().close();
        }
        ExperimentConfig c = t.config();
        String metric = m.containsKey("eval_return") ? "eval_return" : "success_rate";
        out.printf(Locale.ROOT, "%s,%s,%s,%d,%d,%s,%.6f,%.6f,%d%n", csv(run),
                c.algorithm().name().toLowerCase(Locale.ROOT), c.env().id(), c.seed(), t.envSteps(), metric,
                m.get(metric), m.getOrDefault("eval_return_std", Double.NaN), c.eval().episodes());
        out.flush();
    }

    /** {@code dir} itself when it is a run, else the runs below it (sorted); none is an error. */
    static List<Path> runsIn(Path dir) {
        if (RunFolder.canRestore(dir)) {
            return List.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("DIR", "'" + dir + "' is not a folder");
        }
        try (Stream<Path> s = Files.walk(dir, 4)) {
            List<Path> runs = s.filter(Files::isDirectory).filter(RunFolder::canRestore).sorted().toList();
            if (runs.isEmpty()) {
                throw new ConfigException("DIR", "'" + dir + "' holds no run folder (config.json + checkpoint.ckpt)");
            }
            return runs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
