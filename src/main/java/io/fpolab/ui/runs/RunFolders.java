package io.fpolab.ui.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fpolab.config.ConfigIO;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.AtomicFiles;
import io.fpolab.train.Checkpoint;
import io.fpolab.train.IterationStats;
import io.fpolab.train.MetricsCsv;
import io.fpolab.train.RunFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Run folders in the layout of {@code fpo-lab train} ({@link RunFiles}): {@code config.json},
 * {@code metrics.csv}, {@code checkpoint.ckpt}, {@code summary.json}. An experiment folder holds one
 * run folder per run. Every file is written to a temporary sibling and renamed, so a crash never
 * leaves a half-written file. Called from background threads only.
 */
public final class RunFolders {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What one run folder holds; taken on the FX thread, written in the background. */
    public record Snapshot(String name, ExperimentConfig config, List<IterationStats> history, List<String> evalKeys,
            Checkpoint checkpoint, Map<String, Object> summary) {
    }

    /**
     * A run folder read back: the name is the one the lab kept in {@link #NAME_FILE}, else the folder's name.
     *
     * @param folder where it was read from (a rename in the lab is written back there)
     */
    public record Loaded(String name, ExperimentConfig config, List<IterationStats> history, Checkpoint checkpoint,
            Path folder) {
    }

    /**
     * The run's name in the lab, one line of UTF-8. A folder name cannot hold every name ("·", "/", case), and
     * the config's {@code name} is the experiment's, shared by all its runs; this file keeps the run's own.
     */
    public static final String NAME_FILE = "run-name.txt";
    /** Longest run name the lab keeps. */
    public static final int MAX_NAME_LENGTH = 200;

    private RunFolders() {
    }

    /** Writes one run folder. */
    public static void write(Path dir, Snapshot s) throws IOException {
        Files.createDirectories(dir);
        writeName(dir, s.name());
        AtomicFiles.write(dir.resolve(RunFiles.CONFIG), ConfigIO.toJson(s.config()));
        AtomicFiles.write(dir.resolve(RunFiles.METRICS), metricsCsv(s.history(), s.evalKeys()));
        if (s.checkpoint() != null) {
            s.checkpoint().write(dir.resolve(RunFiles.CHECKPOINT));
        }
        if (s.summary() != null) {
            AtomicFiles.write(dir.resolve(RunFiles.SUMMARY), JSON.writeValueAsString(s.summary()) + "\n");
        }
    }

    /** Writes the run's name into {@code dir}'s {@link #NAME_FILE} (atomically). */
    public static void writeName(Path dir, String name) throws IOException {
        AtomicFiles.write(dir.resolve(NAME_FILE), name + "\n");
    }

    /** The name kept in {@code dir}'s {@link #NAME_FILE}, or null when there is none (or it is empty). */
    static String readName(Path dir) throws IOException {
        Path file = dir.resolve(NAME_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String text;
        try {
            text = ConfigIO.readText(file, 4 * MAX_NAME_LENGTH, "run name");
        } catch (io.fpolab.config.ConfigException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.isEmpty() ? null : line;
    }

    /** Writes every run into its own sub-folder of {@code dir}, named after the run. */
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

    /** The metrics in the CLI's {@code metrics.csv} format. */
    public static String metricsCsv(List<IterationStats> history, List<String> evalKeys) {
        StringBuilder b = new StringBuilder(String.join(",", MetricsCsv.header(evalKeys))).append('\n');
        for (IterationStats s : history) {
            b.append(MetricsCsv.row(s, evalKeys)).append('\n');
        }
        return b.toString();
    }

    /** How deep below an opened folder run folders are looked for: a sweep's {@code <setting>/seed-<n>} is 2. */
    static final int SEARCH_DEPTH = 3;

    /**
     * Reads a run folder, or every run folder below a folder (an exported experiment, or a sweep's {@code --out}
     * with its {@code <setting>/seed-<n>} folders). Runs found below are named by their path from {@code dir},
     * so runs of different settings stay apart; a lone {@code seed-<n>} folder (one run of a sweep) is named as the
     * lab names a new run: "FPO · reacher-easy · seed 16".
     *
     * @throws IOException with a one-line message naming the folder or file that is not usable
     */
    public static List<Loaded> read(Path dir) throws IOException {
        if (isRun(dir)) {
            String name = String.valueOf(dir.getFileName());
            return List.of(readRun(dir, name.matches("seed-\\d+") ? null : name));
        }
        List<Path> found = List.of();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> below = Files.walk(dir, SEARCH_DEPTH)) {
                found = below.filter(p -> !p.equals(dir) && isRun(p)).sorted().toList();
            }
        }
        if (found.isEmpty()) {
            throw new IOException(dir + ": not a run folder (no " + RunFiles.CONFIG
                    + " in it or in the folders below it)");
        }
        List<Loaded> runs = new ArrayList<>();
        for (Path run : found) {
            runs.add(readRun(run, dir.relativize(run).toString().replace(File.separatorChar, '/')));
        }
        return runs;
    }

    private static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFiles.CONFIG));
    }

    /** @param name the run's name, or null for the lab's default name of its config */
    private static Loaded readRun(Path dir, String name) throws IOException {
        String kept = readName(dir);
        if (kept != null) {
            name = kept;
        }
        Path ckpt = dir.resolve(RunFiles.CHECKPOINT);
        Checkpoint checkpoint = Files.isRegularFile(ckpt) ? Checkpoint.read(ckpt) : null;
        ExperimentConfig config = Checkpoint.runConfig(dir.resolve(RunFiles.CONFIG), checkpoint, false);
        if (name == null) {
            name = Labels.defaultRunName(config);
        }
        Path metrics = dir.resolve(RunFiles.METRICS);
        List<IterationStats> history = Files.isRegularFile(metrics)
                ? parseMetrics(readMetrics(metrics), metrics.toString()) : List.of();
        return new Loaded(name, config, history, checkpoint, dir);
    }

    /** Largest {@code metrics.csv} a run folder may have (a 60M-step run of small batches is tens of MB). */
    static final int MAX_METRICS_BYTES = 256 * 1024 * 1024;

    /** {@code metrics.csv} under the input policy of every file the lab reads ({@link ConfigIO#readText}). */
    private static String readMetrics(Path metrics) {
        try {
            return ConfigIO.readText(metrics, MAX_METRICS_BYTES, "metrics");
        } catch (io.fpolab.config.ConfigException e) {
            throw e.inSource(metrics.toString());
        }
    }

    /**
     * Parses {@code metrics.csv} by column name: the {@link IterationStats#COLUMNS} in any order, then evaluation
     * columns. Empty cells are NaN (scalars) or absent (evaluation); a scalar column the file does not have (a run
     * written before the column existed) is NaN throughout.
     *
     * @throws IOException naming the file, line and column of the first bad cell, a repeated column, or a missing
     *                     {@code iteration}/{@code env_steps} column
     */
    public static List<IterationStats> parseMetrics(String text, String source) throws IOException {
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || lines[0].isBlank()) {
            return List.of();
        }
        String[] header = lines[0].split(",", -1);
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            if (at.put(header[i], i) != null) {
                throw new IOException(source + ": line 1: column '" + header[i] + "' appears twice");
            }
        }
        int n = IterationStats.COLUMNS.length;
        int[] index = new int[n];
        for (int c = 0; c < n; c++) {
            index[c] = at.getOrDefault(IterationStats.COLUMNS[c], -1);
        }
        for (String required : List.of("iteration", "env_steps")) {
            if (!at.containsKey(required)) {
                throw new IOException(source + ": line 1: no '" + required + "' column (header: " + lines[0] + ")");
            }
        }
        Set<String> scalar = Set.of(IterationStats.COLUMNS);
        List<Integer> evalColumns = new ArrayList<>();
        for (int i = 0; i < header.length; i++) {
            if (!scalar.contains(header[i])) {
                evalColumns.add(i);
            }
        }
        List<IterationStats> out = new ArrayList<>();
        for (int li = 1; li < lines.length; li++) {
            if (lines[li].isBlank()) {
                continue;
            }
            String[] cells = lines[li].split(",", -1);
            if (cells.length != header.length) {
                throw new IOException(source + ": line " + (li + 1) + ": " + cells.length + " cells, expected "
                        + header.length);
            }
            double[] v = new double[n];
            for (int c = 0; c < n; c++) {
                v[c] = index[c] < 0 ? Double.NaN : cell(cells[index[c]], source, li, index[c]);
            }
            Map<String, Double> eval = new LinkedHashMap<>();
            for (int i : evalColumns) {
                if (!cells[i].isEmpty()) {
                    eval.put(header[i], cell(cells[i], source, li, i));
                }
            }
            out.add(IterationStats.of(v, eval));
        }
        return out;
    }

    private static double cell(String s, String source, int line, int column) throws IOException {
        if (s.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IOException(source + ": line " + (line + 1) + ", column " + (column + 1) + ": '" + s
                    + "' is not a number");
        }
    }

    /** A file-system friendly folder name for a run ("FPO · gridworld · seed 0" → "fpo-gridworld-seed-0"). */
    public static String folderName(String runName) {
        String s = runName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
                .replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "run" : s;
    }
}
