package io.fpolab.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fpolab.analysis.Evaluators;
import io.fpolab.analysis.RunSummary;
import io.fpolab.config.ConfigIO;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.AtomicFiles;
import io.fpolab.core.ConfigException;
import io.fpolab.core.TextFiles;
import io.fpolab.env.Envs;
import io.fpolab.env.VecEnv;
import io.fpolab.train.Checkpoint;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A run folder, the one form a run takes on disk, and the one way from a config to a trainer. {@code train} and
 * {@code sweep} write run folders as they train ({@link #create}), the lab's export writes them from a snapshot
 * ({@link #write}); {@code evaluate}, {@code sample}, {@code figure} restore them into a trainer ({@link #restore}),
 * {@code curves} and the lab's "Open run folder" read them whole ({@link #read}). Keeping all of it here keeps the
 * files both sides write and read the same:
 *
 * <ul>
 *   <li>{@value #CONFIG}: the experiment ({@link ConfigIO#toJson});</li>
 *   <li>{@value #METRICS}: one row per iteration ({@link MetricsCsv});</li>
 *   <li>{@value #CHECKPOINT}: the trainer's state ({@link Checkpoint}), with a copy of the config it trained;</li>
 *   <li>{@value #SUMMARY}: the final metrics ({@link RunSummary}), indented JSON and a newline;</li>
 *   <li>{@value #NAME_FILE}: the run's name in the lab (exports and renames only).</li>
 * </ul>
 *
 * Every file but the streamed {@value #METRICS} is written to a temporary sibling and renamed, so a crash never
 * leaves a half-written file. Nothing here touches a UI toolkit: call it from a background or trainer thread.
 */
public final class RunFolder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINT = "checkpoint.ckpt";
    public static final String SUMMARY = "summary.json";
    /**
     * The run's name in the lab, one line of UTF-8. A folder name cannot hold every name ("·", "/", case), and
     * the config's {@code name} is the experiment's, shared by all its runs; this file keeps the run's own.
     */
    public static final String NAME_FILE = "run-name.txt";
    /** Longest run name the lab keeps. */
    public static final int MAX_NAME_LENGTH = 200;
    /** How deep below an opened folder run folders are looked for: a sweep's {@code <setting>/seed-<n>} is 2. */
    static final int SEARCH_DEPTH = 3;
    /** Largest {@value #METRICS} a run folder may have (a 60M-step run of small batches is tens of MB). */
    static final int MAX_METRICS_BYTES = 256 * 1024 * 1024;

    private RunFolder() {
    }

    // ---- Trainers ----------------------------------------------------------------------------------------------

    /** A new trainer of {@code cfg} with its environment and evaluator, on the calling thread (which owns it). */
    public static Trainer trainer(ExperimentConfig cfg) {
        return trainer(cfg, Envs.create(cfg.env()));
    }

    /** A new trainer of {@code cfg} on {@code env} (built from {@code cfg.env()}), with the evaluator it gets. */
    public static Trainer trainer(ExperimentConfig cfg, VecEnv env) {
        Trainer t = new Trainer(cfg, env);
        t.setEvaluator(Evaluators.create(cfg, env));
        return t;
    }

    /** The evaluation metrics {@code t} reports, in the order of the {@value #METRICS} columns. */
    public static List<String> evaluationKeys(Trainer t) {
        return List.copyOf(Evaluators.keys(t.env()));
    }

    // ---- Writing -----------------------------------------------------------------------------------------------

    /**
     * What one run folder holds, taken where the run lives (the lab's FX thread) and written in the background.
     *
     * @param checkpoint null writes no {@value #CHECKPOINT}
     * @param summary    null writes no {@value #SUMMARY}
     */
    public record Snapshot(String name, ExperimentConfig config, List<IterationStats> history, List<String> evalKeys,
            Checkpoint checkpoint, Map<String, Object> summary) {
    }

    /** Writes one run folder, its name included. */
    public static void write(Path dir, Snapshot s) throws IOException {
        Files.createDirectories(dir);
        writeName(dir, s.name());
        AtomicFiles.write(dir.resolve(CONFIG), ConfigIO.toJson(s.config()));
        AtomicFiles.write(dir.resolve(METRICS), metricsCsv(s.history(), s.evalKeys()));
        writeEnd(dir, s.checkpoint(), s.summary());
    }

    /** Writes every run into its own sub-folder of {@code dir}, named after the run ({@link #folderName}). */
    public static List<Path> writeExperiment(Path dir, List<Snapshot> runs) throws IOException {
        Files.createDirectories(dir);
        Set<String> used = new HashSet<>();
        List<Path> written = new ArrayList<>();
        for (Snapshot s : runs) {
            String base = folderName(s.name());
            String name = base;
            for (int i = 2; !used.add(name); i++) {
                name = base + "-" + i;
            }
            Path runDir = dir.resolve(name);
            write(runDir, s);
            written.add(runDir);
        }
        return written;
    }

    /** Writes the run's name into {@code dir}'s {@value #NAME_FILE} (atomically). */
    public static void writeName(Path dir, String name) throws IOException {
        AtomicFiles.write(dir.resolve(NAME_FILE), name + "\n");
    }

    /**
     * Starts the run folder of a run about to train: writes {@value #CONFIG} and the header of {@value #METRICS}.
     * The caller appends each iteration and {@link Writer#finish finishes} with the checkpoint and summary.
     *
     * @param evalKeys the evaluation columns ({@link #evaluationKeys})
     */
    public static Writer create(Path dir, ExperimentConfig cfg, List<String> evalKeys) throws IOException {
        Files.createDirectories(dir);
        String configJson = ConfigIO.toJson(cfg);
        AtomicFiles.write(dir.resolve(CONFIG), configJson);
        return new Writer(dir, configJson, evalKeys);
    }

    /**
     * A run folder written while its run trains. Each {@value #METRICS} row is flushed as it comes, so a killed run
     * keeps everything up to its last iteration.
     */
    public static final class Writer implements AutoCloseable {
        private final Path dir;
        private final String configJson;
        private final List<String> evalKeys;
        private final SequenceWriter metrics;

        private Writer(Path dir, String configJson, List<String> evalKeys) throws IOException {
            this.dir = dir;
            this.configJson = configJson;
            this.evalKeys = List.copyOf(evalKeys);
            this.metrics = MetricsCsv.open(Files.newBufferedWriter(dir.resolve(METRICS), StandardCharsets.UTF_8),
                    this.evalKeys);
        }

        /** Appends one iteration's row to {@value #METRICS}. */
        public void append(IterationStats s) throws IOException {
            metrics.write(MetricsCsv.row(s, evalKeys));
        }

        /**
         * Closes {@value #METRICS} and writes the trainer's {@value #CHECKPOINT} and {@value #SUMMARY} (call on the
         * trainer's thread, after its last iteration).
         *
         * @param last the last iteration's metrics, or null if none ran
         * @return the content of {@value #SUMMARY}
         */
        public Map<String, Object> finish(Trainer trainer, IterationStats last) throws IOException {
            metrics.close();
            Map<String, Object> summary = RunSummary.of(trainer, last);
            writeEnd(dir, Checkpoint.capture(trainer, configJson), summary);
            return summary;
        }

        @Override
        public void close() throws IOException {
            metrics.close();
        }
    }

    private static void writeEnd(Path dir, Checkpoint checkpoint, Map<String, Object> summary) throws IOException {
        if (checkpoint != null) {
            checkpoint.write(dir.resolve(CHECKPOINT));
        }
        if (summary != null) {
            AtomicFiles.write(dir.resolve(SUMMARY), summaryJson(summary) + "\n");
        }
    }

    /** {@code summary} as {@value #SUMMARY} holds it (indented JSON, without the file's final newline). */
    public static String summaryJson(Map<String, Object> summary) throws IOException {
        return JSON.writeValueAsString(summary);
    }

    /** The metrics in the {@value #METRICS} format (also what the lab's "Export metrics as CSV" writes). */
    public static String metricsCsv(List<IterationStats> history, List<String> evalKeys) {
        return MetricsCsv.text(history, evalKeys);
    }

    /** A file-system friendly folder name for a run ("FPO · gridworld · seed 0" → "fpo-gridworld-seed-0"). */
    public static String folderName(String runName) {
        String s = runName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "run" : s;
    }

    // ---- Reading -----------------------------------------------------------------------------------------------

    /**
     * A run folder read back: the name is the one the lab kept in {@value #NAME_FILE}, else the folder's name.
     *
     * @param checkpoint null when the folder has none (a run exported before its first iteration)
     * @param folder     where it was read from (a rename in the lab is written back there)
     */
    public record Loaded(String name, ExperimentConfig config, List<IterationStats> history, Checkpoint checkpoint,
            Path folder) {
    }

    /** Whether {@code dir} is a run folder: it holds a {@value #CONFIG}. */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG));
    }

    /** Whether {@code dir} holds a run's config and checkpoint, so that it {@link #restore restores} into a trainer. */
    public static boolean canRestore(Path dir) {
        return isRun(dir) && Files.isRegularFile(dir.resolve(CHECKPOINT));
    }

    /**
     * Reads a run folder, or every run folder below a folder (an exported experiment, or a sweep's {@code --out}
     * with its {@code <setting>/seed-<n>} folders). Runs found below are named by their path from {@code dir},
     * so runs of different settings stay apart; a lone {@code seed-<n>} folder (one run of a sweep) is named as the
     * lab names a new run of its config.
     *
     * @param unnamed the name of a run whose folder says nothing (given its config)
     * @throws IOException     with a one-line message naming the folder or file that is not usable
     * @throws ConfigException when a file breaks the input policy, or the config was edited after training
     */
    public static List<Loaded> read(Path dir, Function<ExperimentConfig, String> unnamed) throws IOException {
        if (isRun(dir)) {
            String name = String.valueOf(dir.getFileName());
            return List.of(readRun(dir, name.matches("seed-\\d+") ? null : name, unnamed));
        }
        List<Path> found = List.of();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> below = Files.walk(dir, SEARCH_DEPTH)) {
                found = below.filter(p -> !p.equals(dir) && isRun(p)).sorted().toList();
            }
        }
        if (found.isEmpty()) {
            throw new IOException(dir + ": not a run folder (no " + CONFIG + " in it or in the folders below it)");
        }
        List<Loaded> runs = new ArrayList<>();
        for (Path run : found) {
            runs.add(readRun(run, dir.relativize(run).toString().replace(File.separatorChar, '/'), unnamed));
        }
        return runs;
    }

    /** @param name the run's name, or null for {@code unnamed}'s name of its config */
    private static Loaded readRun(Path dir, String name, Function<ExperimentConfig, String> unnamed)
            throws IOException {
        String kept = readName(dir);
        if (kept != null) {
            name = kept;
        }
        Path ckpt = dir.resolve(CHECKPOINT);
        Checkpoint checkpoint = Files.isRegularFile(ckpt) ? Checkpoint.read(ckpt) : null;
        ExperimentConfig config = Checkpoint.runConfig(dir.resolve(CONFIG), checkpoint, false);
        if (name == null) {
            name = unnamed.apply(config);
        }
        Path metrics = dir.resolve(METRICS);
        List<IterationStats> history = Files.isRegularFile(metrics)
                ? parseMetrics(readMetrics(metrics), metrics.toString()) : List.of();
        return new Loaded(name, config, history, checkpoint, dir);
    }

    /** The name kept in {@code dir}'s {@value #NAME_FILE}, or null when there is none (or it is empty). */
    static String readName(Path dir) throws IOException {
        Path file = dir.resolve(NAME_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String text;
        try {
            text = TextFiles.read(file, 4 * MAX_NAME_LENGTH, "run name");
        } catch (ConfigException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.isEmpty() ? null : line;
    }

    /** {@value #METRICS} under the input policy of every file the lab reads ({@link TextFiles#read}). */
    private static String readMetrics(Path metrics) {
        try {
            return TextFiles.read(metrics, MAX_METRICS_BYTES, "metrics");
        } catch (ConfigException e) {
            throw e.inSource(metrics.toString());
        }
    }

    /**
     * Parses the text of a {@value #METRICS}: columns by name, in any order, so files written before a column
     * existed still load (that column is NaN throughout).
     *
     * @param source names the file in messages
     * @throws IOException one line naming {@code source} and the line of the first row or cell it cannot use
     */
    public static List<IterationStats> parseMetrics(String text, String source) throws IOException {
        return MetricsCsv.parse(text, source);
    }

    /**
     * The trainer of the run in {@code dir}, at its checkpoint, on the calling thread. The config is the one
     * the checkpoint was trained with; a {@value #CONFIG} edited since (other than the display fields) is
     * refused, or used when {@code trustConfigFile} is set and the network shapes still match the checkpoint.
     *
     * @param flag            the command-line flag naming the folder, for error messages
     * @param trustConfigFile use an edited {@value #CONFIG} instead of refusing it
     * @param adjust          changes to the saved config that do not touch the saved state (e.g. evaluation settings)
     * @throws ConfigException when the folder is not a run, its files cannot be read or do not agree
     */
    public static Trainer restore(Path dir, String flag, boolean trustConfigFile,
            UnaryOperator<ExperimentConfig> adjust) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(flag, "'" + dir + "' is not a folder");
        }
        if (!canRestore(dir)) {
            throw new ConfigException(flag, "'" + dir + "' has no " + CONFIG + " and " + CHECKPOINT
                    + " (write one with 'fpo-lab train --out DIR')");
        }
        Path checkpoint = dir.resolve(CHECKPOINT);
        Checkpoint saved;
        try {
            saved = Checkpoint.read(checkpoint);
        } catch (IOException | Checkpoint.CheckpointException e) {
            throw new ConfigException(flag, "cannot load " + checkpoint + ": " + e.getMessage());
        }
        ExperimentConfig trained;
        try {
            trained = Checkpoint.runConfig(dir.resolve(CONFIG), saved, trustConfigFile);
        } catch (Checkpoint.DriftException e) {
            throw new ConfigException("", e.getMessage() + "; --trust-config-file uses the edited file");
        }
        Trainer trainer = trainer(adjust.apply(trained));
        try {
            saved.restoreInto(trainer);
        } catch (Checkpoint.CheckpointException e) {
            throw new ConfigException(flag, "cannot load " + checkpoint + (trustConfigFile
                    ? " with the edited " + CONFIG : "") + ": " + e.getMessage());
        }
        return trainer;
    }

    /** The config in {@code dir}'s {@value #CONFIG}, as written (not checked against the checkpoint). */
    public static ExperimentConfig readConfig(Path dir) {
        return ConfigIO.read(dir.resolve(CONFIG));
    }

    /**
     * The summary of a run of {@code cfg} that already finished in {@code dir} (its {@value #CONFIG} is
     * {@code cfg}'s and it has a {@value #SUMMARY}), or null: a sweep run again into the same folder skips it.
     */
    public static Map<String, Object> finishedSummary(Path dir, ExperimentConfig cfg) {
        try {
            Path summary = dir.resolve(SUMMARY);
            Path config = dir.resolve(CONFIG);
            if (Files.exists(summary) && Files.exists(config) && Files.readString(config).equals(ConfigIO.toJson(cfg))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = JSON.readValue(summary.toFile(), LinkedHashMap.class);
                return m;
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
