package io.fpolab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.IterationStats;
import io.fpolab.train.MemoryProbe;
import io.fpolab.train.TrainingRun;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab soak}: trains one experiment over and over for a fixed wall time, each run on its own
 * {@link TrainingRun} (so thread start/stop and workspace release are exercised too), and samples memory
 * at a fixed interval into a CSV. Ends with one JSON line: start/end/max RSS and its slope, to spot leaks
 * that a single short run hides.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Train continuously for N minutes (restarting finished runs), log memory to a CSV every few seconds,"
                + " and print a one-line JSON summary (start/end/max RSS, slope).")
public final class SoakCommand implements Callable<Integer> {
    private static final double MB = 1024.0 * 1024.0;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "Experiment file (.json/.yaml) or a preset name from sample-configs (e.g. gridworld-fpo).")
    private String config;

    @Option(names = "--minutes", required = true, paramLabel = "N", description = "Wall time to keep training (may be fractional).")
    private double minutes;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Memory samples, one row per interval.")
    private Path out;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between memory samples (default ${DEFAULT-VALUE}).")
    private double interval;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override any setting, e.g. --set ppo.totalSteps=20000 (repeatable).")
    private List<String> overrides = new ArrayList<>();

    /** One row of the CSV. */
    record Sample(double seconds, long envSteps, int runs, long heapBytes, long rssBytes, long javacppBytes) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!(minutes > 0) || minutes > 7 * 24 * 60) {
            throw new ParameterException(spec.commandLine(), "--minutes: " + minutes + " is outside (0, 10080]");
        }
        if (!(interval >= 0.5) || interval > 3600) {
            throw new ParameterException(spec.commandLine(), "--interval: " + interval + " is outside [0.5, 3600]");
        }
        ExperimentConfig base = TrainCommand.resolve(config, null, null, overrides);
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        long deadline = t0 + (long) (minutes * 60e9);
        long intervalNanos = (long) (interval * 1e9);
        AtomicLong finishedSteps = new AtomicLong();
        AtomicLong currentSteps = new AtomicLong();
        List<Sample> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int runs = 0;
        // Samples are appended as they are taken (a soak may be stopped at any time), so the path is
        // checked up front rather than written atomically at the end.
        OutputPaths.file(out, "--out");
        try (BufferedWriter csv = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            csv.write("seconds,env_steps,runs,heap_used_mb,rss_mb,javacpp_total_mb\n");
            TrainingRun run = null;
            // Sampling starts once the first iteration is done, so the baseline already includes ND4J's
            // native libraries and the first workspaces rather than an empty JVM.
            long nextSample = Long.MAX_VALUE;
            long sampleOrigin = t0;
            try {
                while (true) {
                    long now = System.nanoTime();
                    if (run != null && isOver(run.state())) {
                        if (run.state() != TrainingRun.State.FINISHED) {
                            problems.add("run " + runs + " ended " + run.state() + ": " + run.message());
                        }
                        run.close();
                        finishedSteps.addAndGet(currentSteps.getAndSet(0));
                        run = null;
                    }
                    if (run == null && now < deadline) {
                        run = startRun(base, ++runs, currentSteps);
                    }
                    if (nextSample == Long.MAX_VALUE && finishedSteps.get() + currentSteps.get() > 0) {
                        nextSample = now;
                        sampleOrigin = now;
                    }
                    if (now >= nextSample || now >= deadline) {
                        Sample s = sample(now - sampleOrigin, finishedSteps.get() + currentSteps.get(), runs);
                        samples.add(s);
                        csv.write(String.format(Locale.ROOT, "%.1f,%d,%d,%.1f,%.1f,%.1f%n", s.seconds(),
                                s.envSteps(), s.runs(), s.heapBytes() / MB, s.rssBytes() / MB, s.javacppBytes() / MB));
                        csv.flush();
                        err.println(String.format(Locale.ROOT, "[%.0f s] steps %,d  runs %d  heap %.0f MB  rss %.0f MB",
                                s.seconds(), s.envSteps(), runs, s.heapBytes() / MB, s.rssBytes() / MB));
                        nextSample += intervalNanos;
                    }
                    if (now >= deadline) {
                        break;
                    }
                    long wake = Math.min(nextSample, deadline);
                    Thread.sleep(Math.max(1, Math.min(200, (wake - System.nanoTime()) / 1_000_000)));
                }
            } finally {
                if (run != null) {
                    run.close();
                    finishedSteps.addAndGet(currentSteps.getAndSet(0));
                }
            }
        }
        spec.commandLine().getOut().println(new ObjectMapper().writeValueAsString(summary(samples, runs,
                finishedSteps.get(), problems)));
        problems.forEach(p -> err.println("error: " + p));
        return problems.isEmpty() ? 0 : 1;
    }

    private static boolean isOver(TrainingRun.State s) {
        return s == TrainingRun.State.FINISHED || s == TrainingRun.State.FAILED || s == TrainingRun.State.CANCELLED
                || s == TrainingRun.State.PAUSED;
    }

    /** Run k uses seed + k − 1, so restarts do not replay one trajectory but the whole soak stays reproducible. */
    private static TrainingRun startRun(ExperimentConfig base, int k, AtomicLong steps) {
        ExperimentConfig cfg = ConfigSchema.withOverride(base, "seed", Long.toString(base.seed() + k - 1));
        TrainingRun run = new TrainingRun("soak-" + k, () -> RunFolder.trainer(cfg));
        run.addListener(new TrainingRun.Listener() {
            @Override
            public void onIteration(IterationStats stats) {
                steps.set(stats.envSteps());
            }
        });
        run.start();
        return run;
    }

    private static Sample sample(long elapsedNanos, long steps, int runs) {
        long heap = MemoryProbe.heapUsedAfterGc();
        return new Sample(elapsedNanos / 1e9, steps, runs, heap, MemoryProbe.residentBytes(), MemoryProbe.javacppBytes());
    }

    static Map<String, Object> summary(List<Sample> samples, int runs, long envSteps, List<String> problems) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seconds", samples.isEmpty() ? 0 : round(samples.get(samples.size() - 1).seconds()));
        m.put("runs", runs);
        m.put("envSteps", envSteps);
        m.put("samples", samples.size());
        m.put("failures", problems.size());
        if (!samples.isEmpty()) {
            Sample first = samples.get(0);
            Sample last = samples.get(samples.size() - 1);
            double max = samples.stream().mapToLong(Sample::rssBytes).max().orElse(0);
            m.put("rssStartMb", round(first.rssBytes() / MB));
            m.put("rssEndMb", round(last.rssBytes() / MB));
            m.put("rssMaxMb", round(max / MB));
            m.put("rssGrowthMb", round((last.rssBytes() - first.rssBytes()) / MB));
            m.put("rssSlopeMbPerHour", round(slopePerHour(samples, 0)));
            // The first half holds JIT warm-up and workspace sizing; a leak shows as a slope that stays late.
            m.put("rssSlopeSecondHalfMbPerHour", round(slopePerHour(samples, samples.size() / 2)));
            m.put("heapStartMb", round(first.heapBytes() / MB));
            m.put("heapEndMb", round(last.heapBytes() / MB));
            m.put("heapMaxMb", round(samples.stream().mapToLong(Sample::heapBytes).max().orElse(0) / MB));
            m.put("javacppStartMb", round(first.javacppBytes() / MB));
            m.put("javacppEndMb", round(last.javacppBytes() / MB));
        }
        return m;
    }

    /** Least-squares slope of RSS over time from sample {@code from} on, in MB per hour (NaN with fewer than 2 points). */
    static double slopePerHour(List<Sample> samples, int from) {
        int n = samples.size() - from;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = from; i < samples.size(); i++) {
            mx += samples.get(i).seconds();
            my += samples.get(i).rssBytes() / MB;
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < samples.size(); i++) {
            double dx = samples.get(i).seconds() - mx;
            sxy += dx * (samples.get(i).rssBytes() / MB - my);
            sxx += dx * dx;
        }
        return sxx == 0 ? Double.NaN : sxy / sxx * 3600;
    }

    /** One decimal; null (JSON null) when undefined, e.g. a slope from a single sample. */
    private static Double round(double x) {
        return Double.isFinite(x) ? Math.round(x * 10) / 10.0 : null;
    }
}
