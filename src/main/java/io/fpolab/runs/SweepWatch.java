package io.fpolab.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.ConfigException;
import io.fpolab.train.IterationStats;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A sweep folder read again and again while its runs train elsewhere (another process, a cluster's nodes): each
 * {@link #refresh} looks at the size and modification time of every file that says something about a run and reads
 * only those that changed — of a growing {@code metrics.csv} only the rows appended since — so following a large
 * sweep every few seconds costs a few {@code stat} calls per run. A run's state is {@link SweepRuns#status}'s, the
 * one {@code sweep --status} prints (without the scheduler's queue: a run with a log but no exit code is running).
 *
 * <p>A file that cannot be read (cut off, unreadable, edited) leaves what was read of that run before and is named
 * in {@link Snapshot#problems}; a run list that disappears keeps the whole previous snapshot. Not thread-safe: one
 * thread refreshes at a time (the lab's background executor). Nothing here touches a UI toolkit.
 */
public final class SweepWatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One planned run as last read.
     *
     * @param name     the run's name kept in its {@value RunFolder#NAME_FILE} (a rename in the lab), or null
     * @param config   the run folder's config, or null before the run has started
     * @param history  its iterations so far (an immutable list; the same instance while nothing changed)
     * @param summary  its {@code summary.json}, or null
     * @param problem  why a file of the run could not be read this time, or null
     */
    public record Run(SweepRuns.Planned planned, Path dir, SweepRuns.State state, String detail, Path log,
            String name, ExperimentConfig config, List<IterationStats> history, Map<String, Object> summary, String problem) {
    }

    /** Every planned run, in run-list order, and the problems met while reading them. */
    public record Snapshot(Path dir, List<Run> runs, List<String> problems) {
        /** Runs in state {@code s}. */
        public long count(SweepRuns.State s) {
            return runs.stream().filter(r -> r.state() == s).count();
        }

        /** True when every run has finished or failed: nothing left to follow. */
        public boolean settled() {
            return !runs.isEmpty() && runs.stream().allMatch(r -> r.state().settled());
        }

        /** "3 of 8 finished, 2 running, 1 failed, 2 pending" (parts that are zero left out, but for finished). */
        public String progress() {
            StringBuilder b = new StringBuilder(count(SweepRuns.State.FINISHED) + " of " + runs.size() + " finished");
            long running = count(SweepRuns.State.RUNNING);
            long failed = count(SweepRuns.State.FAILED);
            long pending = count(SweepRuns.State.PENDING) + count(SweepRuns.State.NOT_STARTED);
            if (running > 0) {
                b.append(", ").append(running).append(" running");
            }
            if (failed > 0) {
                b.append(", ").append(failed).append(" failed");
            }
            if (pending > 0) {
                b.append(", ").append(pending).append(" pending");
            }
            return b.toString();
        }
    }

    /** Size and modification time of a file; {@link #MISSING} when there is none. */
    private record Stamp(long size, long modified) {
        static final Stamp MISSING = new Stamp(-1, -1);

        static Stamp of(Path p) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                return a.isRegularFile() ? new Stamp(a.size(), a.lastModifiedTime().toMillis()) : MISSING;
            } catch (IOException e) {
                return MISSING;
            }
        }
    }

    /** What is known of one run folder between refreshes. */
    private static final class Tracked {
        final SweepRuns.Planned planned;
        final Path dir;
        List<Stamp> stamps = List.of();
        Stamp configStamp = Stamp.MISSING;
        Stamp summaryStamp = Stamp.MISSING;
        Stamp nameStamp = Stamp.MISSING;
        String name;
        ExperimentConfig config;
        Map<String, Object> summary;
        final MetricsTail metrics;
        Run last;

        Tracked(SweepRuns.Planned planned, Path dir) {
            this.planned = planned;
            this.dir = dir;
            metrics = new MetricsTail(dir.resolve(RunFolder.METRICS));
        }
    }

    private final Path dir;
    private Stamp listStamp = Stamp.MISSING;
    private Stamp jobsStamp = Stamp.MISSING;
    private List<String> jobIds = List.of();
    private final Map<String, Tracked> tracked = new HashMap<>();
    private List<Tracked> order = List.of();
    private Snapshot last;

    public SweepWatch(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** The last snapshot {@link #refresh} returned, or null before the first. */
    public Snapshot last() {
        return last;
    }

    /**
     * Reads what changed since the last call.
     *
     * @throws IOException one line, when the folder is gone or its run list cannot be read; the previous snapshot
     *                     stays {@link #last()}
     */
    public Snapshot refresh() throws IOException {
        Stamp list = Stamp.of(dir.resolve(SweepRuns.RUN_LIST));
        if (list == Stamp.MISSING) {
            throw new IOException(Files.isDirectory(dir) ? dir + ": its run list " + SweepRuns.RUN_LIST
                    + " is gone; the runs shown are kept" : dir + ": the sweep folder is gone (deleted, moved or "
                    + "unmounted); the runs shown are kept");
        }
        if (!list.equals(listStamp)) {
            List<SweepRuns.Planned> planned = SweepRuns.readRunList(dir);
            List<Tracked> next = new ArrayList<>();
            for (SweepRuns.Planned p : planned) {
                // A run list written again (a sweep submitted again with more seeds) keeps what is known of a folder.
                next.add(tracked.computeIfAbsent(p.folder() + "\n" + p.index(), k -> new Tracked(p, p.dir(dir))));
            }
            order = next;
            listStamp = list;
        }
        Stamp jobs = Stamp.of(dir.resolve(SweepRuns.JOBS));
        if (!jobs.equals(jobsStamp)) {
            jobIds = SweepRuns.jobIds(dir);
            jobsStamp = jobs;
        }
        List<Run> runs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Tracked t : order) {
            Run r = refresh(t);
            runs.add(r);
            if (r.problem() != null) {
                problems.add(r.problem());
            }
        }
        last = new Snapshot(dir, List.copyOf(runs), List.copyOf(problems));
        return last;
    }

    /** One run: nothing is read unless one of its files changed. */
    private Run refresh(Tracked t) {
        int index = t.planned.index();
        Path log = SweepRuns.latestLog(dir, index, jobIds);
        List<Stamp> stamps = List.of(Stamp.of(t.dir.resolve(RunFolder.CONFIG)), Stamp.of(t.dir.resolve(RunFolder.METRICS)),
                Stamp.of(t.dir.resolve(RunFolder.SUMMARY)), log == null ? Stamp.MISSING : Stamp.of(log),
                log == null ? Stamp.MISSING : Stamp.of(SweepRuns.exitFile(log)), jobsStamp,
                Stamp.of(t.dir.resolve(RunFolder.NAME_FILE)));
        if (t.last != null && stamps.equals(t.stamps) && Objects.equals(log, t.last.log())) {
            return t.last;
        }
        String problem = null;
        try {
            if (!stamps.get(0).equals(t.configStamp)) {
                t.config = stamps.get(0) == Stamp.MISSING ? null : RunFolder.readConfig(t.dir);
                t.configStamp = stamps.get(0);
            }
            if (!stamps.get(2).equals(t.summaryStamp)) {
                t.summary = stamps.get(2) == Stamp.MISSING ? null : readSummary(t.dir.resolve(RunFolder.SUMMARY));
                t.summaryStamp = stamps.get(2);
            }
            if (!stamps.get(6).equals(t.nameStamp)) {
                t.name = stamps.get(6) == Stamp.MISSING ? null : RunFolder.readName(t.dir);
                t.nameStamp = stamps.get(6);
            }
            t.metrics.refresh(stamps.get(1));
        } catch (IOException | ConfigException e) {
            problem = oneLine(e);
        }
        SweepRuns.State state;
        String detail;
        Path shownLog = log;
        try {
            Map<String, Object> finished = t.config != null ? t.summary : null;
            SweepRuns.Status s = SweepRuns.status(dir, index, t.dir, finished,
                    t.config == null ? SweepRuns.EVAL_RETURN : SweepRuns.metricName(t.config), jobIds, null);
            state = s.state();
            detail = s.detail();
            shownLog = s.log();
            int rows = t.metrics.rows().size();
            if (state == SweepRuns.State.RUNNING) {
                detail = (rows == 0 ? "started, no iteration yet" : rows + (rows == 1 ? " iteration" : " iterations"))
                        + "; " + detail;
            }
        } catch (IOException e) {
            problem = problem != null ? problem : oneLine(e);
            state = t.last == null ? SweepRuns.State.NOT_STARTED : t.last.state();
            detail = t.last == null ? "" : t.last.detail();
        }
        Run r = new Run(t.planned, t.dir, state, detail, shownLog, t.name, t.config, t.metrics.rows(), t.summary, problem);
        // A run whose files could not all be read is looked at again next time.
        t.stamps = problem == null ? stamps : List.of();
        t.last = r;
        return r;
    }

    private static Map<String, Object> readSummary(Path file) throws IOException {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = JSON.readValue(file.toFile(), LinkedHashMap.class);
            return m;
        } catch (IOException e) {
            throw new IOException(file + ": not a summary (" + oneLine(e) + ")");
        }
    }

    private static String oneLine(Exception e) {
        String m = e instanceof NoSuchFileException ? e.getMessage() + ": no such file" : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }

    /**
     * The rows of a {@code metrics.csv} that grows by appended rows: each refresh reads the bytes added since, up to
     * the last complete line (a row being written is read next time). A file that shrank was written anew and is
     * read from its start.
     */
    private static final class MetricsTail {
        private final Path file;
        private Stamp stamp = Stamp.MISSING;
        private String header;
        private long offset;
        private List<IterationStats> rows = List.of();

        MetricsTail(Path file) {
            this.file = file;
        }

        List<IterationStats> rows() {
            return rows;
        }

        void refresh(Stamp now) throws IOException {
            if (now.equals(stamp)) {
                return;
            }
            if (now == Stamp.MISSING || now.size() < offset) {
                header = null;
                offset = 0;
                rows = List.of();
            }
            if (now == Stamp.MISSING) {
                stamp = now;
                return;
            }
            if (now.size() > RunFolder.MAX_METRICS_BYTES) {
                throw new IOException(file + ": " + now.size() + " bytes; allowed: at most "
                        + RunFolder.MAX_METRICS_BYTES);
            }
            byte[] added;
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                long end = Math.min(f.length(), RunFolder.MAX_METRICS_BYTES);
                added = new byte[(int) Math.max(0, end - offset)];
                f.seek(offset);
                f.readFully(added);
            }
            int complete = added.length;
            while (complete > 0 && added[complete - 1] != '\n') {
                complete--;
            }
            if (complete > 0) {
                String text = new String(added, 0, complete, StandardCharsets.UTF_8);
                if (header == null) {
                    int nl = text.indexOf('\n');
                    header = text.substring(0, nl + 1);
                    text = text.substring(nl + 1);
                }
                List<IterationStats> more = MetricsCsv.parse(header + text, file.toString());
                if (!more.isEmpty()) {
                    List<IterationStats> all = new ArrayList<>(rows);
                    all.addAll(more);
                    rows = List.copyOf(all);
                }
                offset += complete;
            }
            stamp = now;
        }
    }
}
