package io.fpolab.runs;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The files a sweep folder holds besides its run folders, and what they say about each run: the run list
 * ({@value #RUN_LIST}), which every sweep writes before its first run starts, and each run's task log and exit code in
 * {@value #LOGS}/. {@code sweep --status} and the lab's sweep view both read a run's state here ({@link #status}), so
 * the command line and the window always agree on what "running" or "failed" means.
 *
 * <p>Log names: a Slurm array task writes {@code logs/run-<i>_job-<id>.log} (Slurm names it) and {@code .exit}
 * beside it; the local executor writes {@code logs/run-<i>.log} and {@code logs/run-<i>.exit} the same way. A run
 * has started when it has a log, and ended when the log has its exit code.
 */
public final class SweepRuns {
    /** The run list: a header, then one line per run. */
    public static final String RUN_LIST = "runs.tsv";
    /** The folder of the task logs and exit codes. */
    public static final String LOGS = "logs";
    /** Slurm's job ids, one line each (the Slurm executor writes them). */
    public static final String JOBS = "jobs.tsv";
    /** Summary metric of GridWorld, as in {@code summary.json}. */
    public static final String SUCCESS_RATE = "success_rate";
    /** Summary metric of control tasks, as in {@code summary.json}. */
    public static final String EVAL_RETURN = "eval_return_mean";
    /** Largest run list read (a million runs fit). */
    private static final long MAX_RUN_LIST_BYTES = 64L * 1024 * 1024;

    private SweepRuns() {
    }

    /**
     * One run of a sweep as the run list names it.
     *
     * @param folder    the run folder relative to the sweep folder, with '/' separators
     * @param overrides the setting's {@code KEY=VALUE} items that {@code train --set} takes
     */
    public record Planned(int index, String setting, long seed, String folder, List<String> overrides) {
        public Planned {
            overrides = List.copyOf(overrides);
        }

        /** The run folder inside {@code sweepDir}. */
        public Path dir(Path sweepDir) {
            return sweepDir.resolve(folder);
        }
    }

    /** What a run is doing, read from its run folder, its task's log and exit code, and the queue if known. */
    public enum State {
        FINISHED("finished"), RUNNING("running"), PENDING("pending"), FAILED("failed"), NOT_STARTED("not started");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** Lower-case name as {@code sweep --status} prints it. */
        public String label() {
            return label;
        }

        /** True once the run will not change any more: finished or failed. */
        public boolean settled() {
            return this == FINISHED || this == FAILED;
        }
    }

    /** A task in the scheduler's queue (the command line asks {@code squeue}). */
    public interface Queued {
        String jobId();

        /** Waiting for resources rather than running. */
        boolean pending();

        /** The node it runs on. */
        String node();

        /** Why it waits. */
        String reason();
    }

    /**
     * A run's state, with the detail {@code sweep --status} prints beside it (the metric of a finished run, the
     * exit code, last error line and log of a failed one).
     *
     * @param log the run's latest task log, or null
     */
    public record Status(State state, String detail, Path log) {
    }

    /** Whether {@code dir} is a sweep folder: it holds a {@value #RUN_LIST}. */
    public static boolean isSweep(Path dir) {
        return Files.isRegularFile(dir.resolve(RUN_LIST));
    }

    /** The metric a sweep's table reports for runs of {@code cfg}. */
    public static String metricName(ExperimentConfig cfg) {
        return "gridworld".equals(cfg.env().id()) ? SUCCESS_RATE : EVAL_RETURN;
    }

    // ---- The run list ------------------------------------------------------------------------------------------

    /**
     * The run list: a header, then per run its index, setting, seed, run folder (relative to the sweep folder) and
     * the setting's {@code KEY=VALUE} items, separated by tabs.
     *
     * @throws ConfigException naming {@code --set} when a field holds a tab or line break
     */
    public static String runList(List<Planned> runs) {
        StringBuilder b = new StringBuilder("# index\tsetting\tseed\trun folder\tsettings (train --set)\n");
        for (Planned r : runs) {
            List<String> fields = new ArrayList<>(List.of(Integer.toString(r.index()), r.setting(),
                    Long.toString(r.seed()), r.folder()));
            fields.addAll(r.overrides());
            for (String f : fields) {
                if (f.contains("\t") || f.contains("\n") || f.contains("\r")) {
                    throw new ConfigException("--set", "'" + f + "' holds a tab or line break, which the sweep's run "
                            + "list cannot carry");
                }
            }
            b.append(String.join("\t", fields)).append('\n');
        }
        return b.toString();
    }

    /**
     * Reads the run list of {@code sweepDir}.
     *
     * @throws IOException one line naming the file and, for a line it cannot use, the line and what it expected
     */
    public static List<Planned> readRunList(Path sweepDir) throws IOException {
        Path file = sweepDir.resolve(RUN_LIST);
        if (!Files.isDirectory(sweepDir)) {
            throw new IOException(sweepDir + ": the sweep folder is gone (deleted, moved or unmounted)");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(sweepDir + ": not a sweep folder (no " + RUN_LIST + "; sweep --out DIR writes it)");
        }
        if (Files.size(file) > MAX_RUN_LIST_BYTES) {
            throw new IOException(file + ": " + Files.size(file) + " bytes; allowed: at most " + MAX_RUN_LIST_BYTES);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<Planned> runs = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].endsWith("\r") ? lines[n].substring(0, lines[n].length() - 1) : lines[n];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 4 || !f[0].matches("\\d{1,9}") || !f[2].matches("\\d{1,19}") || f[3].isBlank()) {
                throw new IOException(file + ": line " + (n + 1) + ": '" + (line.length() > 80 ? line.substring(0, 80)
                        + "…" : line) + "' is not index<TAB>setting<TAB>seed<TAB>run folder[<TAB>KEY=VALUE…]");
            }
            Path folder = Path.of(f[3]).normalize();
            if (folder.isAbsolute() || folder.startsWith("..")) {
                throw new IOException(file + ": line " + (n + 1) + ": run folder '" + f[3] + "' is outside the sweep "
                        + "folder; allowed: a path below it");
            }
            runs.add(new Planned(Integer.parseInt(f[0]), f[1], Long.parseLong(f[2]), f[3],
                    List.of(f).subList(4, f.length)));
        }
        return runs;
    }

    // ---- A run's state -----------------------------------------------------------------------------------------

    /** A result as the sweep's table shows it: one decimal from 10 up, three below, "–" when not finite. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        return Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * The state of run {@code index}: its run folder first (a summary means finished), then the queue, then its
     * latest task's log and exit code.
     *
     * @param summary the run's summary when its run folder holds a finished run of the planned config, else null
     * @param metric  the summary's metric to name ({@link #metricName})
     * @param jobIds  the Slurm job ids submitted for the sweep, oldest first (empty for a local sweep)
     * @param queued  the queued and running tasks by array index, or null when the queue is not known (then a
     *                started run without an exit code counts as running)
     */
    public static Status status(Path sweepDir, int index, Path runDir, Map<String, Object> summary, String metric,
            List<String> jobIds, Map<Integer, ? extends Queued> queued) throws IOException {
        Path log = latestLog(sweepDir, index, jobIds);
        Queued task = queued == null ? null : queued.get(index);
        if (summary != null) {
            Object value = summary.get(metric);
            String shown = value instanceof Number n ? number(n.doubleValue()) : String.valueOf(value);
            return new Status(State.FINISHED, metric + " " + shown, log);
        }
        if (task != null && task.pending()) {
            return new Status(State.PENDING, "job " + task.jobId() + "_" + index + ", waiting (" + task.reason() + ")",
                    log);
        }
        if (task != null) {
            return new Status(State.RUNNING, "job " + task.jobId() + "_" + index + " on " + task.node() + ", log "
                    + slurmLog(sweepDir, index, task.jobId()), log);
        }
        if (log == null) {
            return new Status(State.NOT_STARTED, "no task has run it", null);
        }
        Path exit = exitFile(log);
        String code = Files.isRegularFile(exit) ? Files.readString(exit).strip() : null;
        if (code == null && queued == null) {
            return new Status(State.RUNNING, "no exit code yet, log " + log, log);
        }
        String why = code == null ? "stopped without an exit code (cancelled, out of time or its node failed)"
                : "0".equals(code) ? "exit code 0 but no summary of this config in " + runDir
                : "exit code " + code + errorLine(log).map(e -> ", " + e).orElse("");
        return new Status(State.FAILED, why + "; log " + log, log);
    }

    /** The log of run {@code index} in Slurm job {@code jobId}. */
    public static Path slurmLog(Path sweepDir, int index, String jobId) {
        return sweepDir.resolve(LOGS).resolve("run-" + index + "_job-" + jobId + ".log");
    }

    /** The log of run {@code index} trained by the local executor. */
    public static Path localLog(Path sweepDir, int index) {
        return sweepDir.resolve(LOGS).resolve("run-" + index + ".log");
    }

    /** The exit-code file beside a task log. */
    public static Path exitFile(Path log) {
        return Path.of(log.toString().replaceFirst("\\.log$", ".exit"));
    }

    /** The newest log of run {@code index}: the last Slurm job that ran it, else the local executor's, or null. */
    public static Path latestLog(Path sweepDir, int index, List<String> jobIds) {
        for (int j = jobIds.size() - 1; j >= 0; j--) {
            Path p = slurmLog(sweepDir, index, jobIds.get(j));
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        Path local = localLog(sweepDir, index);
        return Files.isRegularFile(local) ? local : null;
    }

    /** The Slurm job ids submitted for {@code sweepDir}, oldest first; none for a local sweep. */
    public static List<String> jobIds(Path sweepDir) throws IOException {
        Path f = sweepDir.resolve(JOBS);
        if (!Files.isRegularFile(f)) {
            return List.of();
        }
        return Files.readAllLines(f).stream().map(l -> l.split("\t")[0].strip()).filter(s -> s.matches("\\d+"))
                .toList();
    }

    /**
     * What a failed task said last: its last {@code error:} line (the command line's one-line message), else its
     * last line that is not the JVM's notice about incubator modules.
     */
    static Optional<String> errorLine(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("error: ")) {
                return Optional.of(lines.get(i));
            }
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("WARNING: Using incubator") && !l.startsWith("[task] ")
                    && !l.startsWith("[sweep] ")) {
                return Optional.of(l.length() > 300 ? l.substring(0, 300) + "…" : l);
            }
        }
        return Optional.empty();
    }
}
