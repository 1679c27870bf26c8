package io.fpolab.cli;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.ConfigException;
import io.fpolab.env.Envs;
import io.fpolab.env.VecEnv;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab train}: trains one experiment headless and writes a run directory
 * ({@code config.json}, {@code metrics.csv}, {@code checkpoint.ckpt}, {@code summary.json}) that the
 * lab window can open too.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an experiment headless and write config, metrics, checkpoint and summary to a folder.")
public final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Experiment file (.json/.yaml) or a preset name from sample-configs (e.g. gridworld-fpo).")
    private String config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created if missing).")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Override the config's seed.")
    private Long seed;

    @Option(names = "--steps", paramLabel = "N", description = "Override the training budget in env steps (ppo.totalSteps).")
    private Long steps;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override any setting, e.g. --set ppo.lr=1e-4 (repeatable; see docs/config-reference.md).")
    private List<String> overrides = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
    private boolean quiet;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads of the update (default: ppo.threads, whose 0 means every core); results do not "
                    + "depend on it.")
    private Integer threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        ExperimentConfig cfg = resolve(config, seed, steps, overrides);
        int n = threads == null ? 0 : threads;
        if (threads != null && (n < 1 || n > 256)) {
            throw new ConfigException("--threads", n + " is out of range; allowed 1..256");
        }
        VecEnv env = Envs.create(cfg.env()); // a refused environment or layout file leaves no folder behind
        OutputPaths.folder(out, "--out");
        Map<String, Object> summary = trainInto(cfg, env, out, n,
                quiet ? (t, s) -> { } : (t, s) -> err.println(progressLine(t, s)));
        stdout.println(RunFolder.summaryJson(summary));
        return 0;
    }

    /**
     * Trains {@code cfg} on the calling thread (which then owns all of the run's ND4J work) and writes its run
     * folder {@code out} as it goes ({@link RunFolder#create}). Shared by {@code train} and {@code sweep}. Nothing
     * is written when the environment cannot be built (e.g. a refused layout file).
     *
     * @param threads     threads of the update ({@link Trainer#setUpdateThreads}); 0 keeps {@code ppo.threads}
     * @param onIteration called after every iteration on the calling thread
     * @return the content of {@code summary.json}
     */
    static Map<String, Object> trainInto(ExperimentConfig cfg, Path out, int threads,
            BiConsumer<Trainer, IterationStats> onIteration) throws IOException {
        return trainInto(cfg, Envs.create(cfg.env()), out, threads, onIteration);
    }

    private static Map<String, Object> trainInto(ExperimentConfig cfg, VecEnv env, Path out, int threads,
            BiConsumer<Trainer, IterationStats> onIteration) throws IOException {
        Trainer trainer = RunFolder.trainer(cfg, env);
        if (threads > 0) {
            trainer.setUpdateThreads(threads);
        }
        IterationStats last = null;
        try (env; RunFolder.Writer folder = RunFolder.create(out, cfg, RunFolder.evaluationKeys(trainer))) {
            while (!trainer.isDone()) {
                last = trainer.iterate();
                folder.append(last);
                onIteration.accept(trainer, last);
            }
            return folder.finish(trainer, last);
        }
    }

    /** Loads a config file or preset and applies CLI overrides. */
    static ExperimentConfig resolve(String config, Long seed, Long steps, List<String> overrides) {
        return resolve(load(config), seed, steps, overrides);
    }

    /**
     * Applies CLI overrides (seed, budget, {@code --set KEY=VALUE} items) to {@code cfg}, all at once: the rules
     * between fields are checked on the result, so the order of the {@code --set} items does not matter.
     */
    static ExperimentConfig resolve(ExperimentConfig cfg, Long seed, Long steps, List<String> overrides) {
        java.util.LinkedHashMap<String, String> values = new java.util.LinkedHashMap<>();
        if (seed != null) {
            values.put("seed", Long.toString(seed));
        }
        if (steps != null) {
            values.put("ppo.totalSteps", Long.toString(steps));
        }
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set", "'" + o + "' is not KEY=VALUE (e.g. ppo.lr=1e-4)");
            }
            String key = o.substring(0, eq).trim();
            values.remove(key); // a repeated key: the last one wins, in its own place
            values.put(key, o.substring(eq + 1).trim());
        }
        return values.isEmpty() ? cfg : ConfigSchema.withOverrides(cfg, values);
    }

    private static ExperimentConfig load(String config) {
        Path p = Path.of(config);
        if (Files.exists(p)) {
            return ConfigIO.read(p);
        }
        String preset = config.endsWith(".json") ? config : config + ".json";
        if (!config.contains("/") && ConfigIO.class.getResource("/sample-configs/" + preset) != null) {
            return ConfigIO.loadResource("/sample-configs/" + preset);
        }
        throw new ConfigException("--config", "'" + config + "' is neither a file nor a preset in sample-configs");
    }

    private static String progressLine(Trainer t, IterationStats s) {
        double remaining = (t.totalIterations() - t.iteration()) * s.wallSeconds() / Math.max(1, t.iteration());
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "[%d/%d] steps %,d  return %.2f  %,.0f steps/s  eta %s", t.iteration(), t.totalIterations(),
                s.envSteps(), s.returnMean(), s.stepsPerSecond(), duration(remaining)));
        s.evaluation().forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %s %.3g", k, v)));
        return b.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
