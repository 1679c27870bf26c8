package io.fpolab.cli;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.AtomicFiles;
import io.fpolab.core.ConfigException;
import io.fpolab.core.nn.Workspaces;
import io.fpolab.runs.RunFolder;
import io.fpolab.runs.SweepRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fpo-lab sweep}: trains the grid of settings × seeds — the cartesian product of the
 * {@code --set key=v1,v2,…} lists — on {@code --jobs} parallel runs, each in its own folder written
 * exactly as {@code train --out} writes one ({@code DIR/<setting>/seed-<n>/}), then summarises the final
 * evaluation per setting in {@code DIR/sweep.csv} and {@code DIR/sweep.md}.
 *
 * <p>Every run gets a fresh thread that owns its trainer and all of its ND4J work (the trainer thread
 * of {@code train}); threads are not reused, because ND4J crashed natively on reused trainer threads.
 * A finished run whose folder already holds the same {@code config.json} and a {@code summary.json} is
 * not trained again, so an interrupted sweep continues where it stopped.
 *
 * <p>With {@code --executor slurm} the same grid becomes one Slurm job array whose task {@code i} runs {@code train}
 * for run {@code i} with the flags this command would train it with, so the run folders and the table are the
 * local executor's ({@link SlurmSweep}); {@code --status}, {@code --collect} and {@code --resubmit-failed} rebuild
 * the grid from the sweep folder with {@link #plan} and write the table with {@link #writeSummary}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train a grid of settings x seeds in parallel and summarise the final evaluation per setting.",
            "With --executor slurm the grid runs as one Slurm job array; --status, --collect and --resubmit-failed "
                + "take its folder.",
            "Exit code 0 when every run finished, 1 when some failed (the table counts them), 2 for bad flags."})
public final class SweepCommand implements Callable<Integer> {
    /** Summary metric of control tasks, as in {@code summary.json}. */
    static final String EVAL_RETURN = SweepRuns.EVAL_RETURN;
    /** Summary metric of GridWorld, as in {@code summary.json}. */
    static final String SUCCESS_RATE = SweepRuns.SUCCESS_RATE;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Experiment file (.json/.yaml) or a preset name from sample-configs (required for a new "
                    + "sweep).")
    private String config;

    @Option(names = "--set", paramLabel = "KEY=V1,V2,...",
            description = "A setting and the values to sweep (repeatable; the grid is the product of all lists). "
                    + "List values keep their brackets: --set critic.hidden=[64,64],[256,256].")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--seeds", paramLabel = "N,N,...", description = "Seeds of every setting (default: the config's seed).")
    private List<String> seedLists = new ArrayList<>();

    private List<Long> seeds = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (created if missing; required for a new sweep).")
    private Path out;

    @Option(names = "--jobs", paramLabel = "N",
            description = "Runs trained at once (default: the number of cores; Slurm: every run of the array).")
    private Integer jobs;

    @Option(names = "--steps", paramLabel = "N", description = "Override the training budget in env steps (ppo.totalSteps).")
    private Long steps;

    /** One point of the grid: the swept settings' values, in {@code --set} order. */
    record Setting(LinkedHashMap<String, String> values, String label, String dirName) {
    }

    /**
     * One run of the grid, with its resolved config, and its summary once done (null if it failed).
     * {@code overrides} are the setting's {@code KEY=VALUE} items that {@code train --set} takes.
     */
    static final class Run {
        final int index;
        final Setting setting;
        final long seed;
        final List<String> overrides;
        final ExperimentConfig cfg;
        final Path dir;
        volatile Map<String, Object> summary;
        volatile String error;

        Run(int index, Setting setting, long seed, List<String> overrides, ExperimentConfig cfg, Path dir) {
            this.index = index;
            this.setting = setting;
            this.seed = seed;
            this.overrides = List.copyOf(overrides);
            this.cfg = cfg;
            this.dir = dir;
        }
    }

    @Option(names = "--executor", paramLabel = "local|slurm",
            description = "Where the runs train: local (this machine, the default) or slurm (one Slurm job array "
                    + "submitted with sbatch; task i trains run i with `train` into its run folder).")
    private String executor = LOCAL;

    @Option(names = "--slurm-opt", paramLabel = "OPT",
            description = "An sbatch option for the job array (repeatable; attach it: --slurm-opt=--partition=gpu).")
    private List<String> slurmOpts = new ArrayList<>();

    @Option(names = "--wait", description = "Slurm: wait for the job array, print its progress, then write the table.")
    private boolean waitForJob;

    @Option(names = "--status", paramLabel = "DIR",
            description = "Print the state of every run of a Slurm sweep folder and the scheduler's view.")
    private Path statusDir;

    @Option(names = "--collect", paramLabel = "DIR",
            description = "Write sweep.csv and sweep.md of a Slurm sweep folder from its finished runs.")
    private Path collectDir;

    @Option(names = "--resubmit-failed", paramLabel = "DIR",
            description = "Submit the failed and unstarted runs of a Slurm sweep folder again (with --wait: and wait).")
    private Path resubmitDir;

    static final String LOCAL = "local";
    static final String SLURM = "slurm";

    /** The grid of a sweep: the {@code --set} keys and values, the settings and every run, in run-index order. */
    record Plan(List<String> keys, List<List<String>> values, List<Setting> grid, List<Run> runs) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Path folderMode = folderMode();
        if (folderMode != null) {
            SlurmSweep.Spec recorded = SlurmSweep.readSpec(folderMode, modeFlag());
            config = recorded.config();
            sets = new ArrayList<>(recorded.sets());
            seedLists = recorded.seeds().isEmpty() ? new ArrayList<>()
                    : List.of(String.join(",", recorded.seeds().stream().map(String::valueOf).toList()));
            steps = recorded.steps();
            out = folderMode;
            Plan plan = plan(recorded.configFile() == null ? config : recorded.configFile());
            SlurmSweep sweep = new SlurmSweep(folderMode, recorded, plan, spec.commandLine().getOut(), err);
            if (statusDir != null) {
                return sweep.status();
            }
            if (collectDir != null) {
                return sweep.collect(this);
            }
            return sweep.resubmitFailed(waitForJob, this);
        }
        if (config == null || out == null) {
            throw new ConfigException(config == null ? "--config" : "--out", "missing; a new sweep needs --config "
                    + "and --out (--status, --collect and --resubmit-failed take a sweep folder instead)");
        }
        if (!LOCAL.equals(executor) && !SLURM.equals(executor)) {
            throw new ConfigException("--executor", "'" + executor + "' is not an executor; allowed: local (this "
                    + "machine, the default) or slurm (a Slurm job array submitted with sbatch)");
        }
        if (LOCAL.equals(executor) && (waitForJob || !slurmOpts.isEmpty())) {
            throw new ConfigException(waitForJob ? "--wait" : "--slurm-opt", "applies to --executor slurm only");
        }
        int workers = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (workers < 1) {
            throw new ConfigException("--jobs", workers + " is out of range; allowed: 1 or more");
        }
        Path jar = null;
        if (SLURM.equals(executor)) {
            SlurmSweep.requireSbatch("--executor");
            jar = SlurmSweep.ownJar();
        }
        Plan plan = plan(config);
        List<Run> runs = plan.runs();
        OutputPaths.folder(out, "--out");
        if (SLURM.equals(executor)) {
            String configFile = Files.exists(Path.of(config)) ? Path.of(config).toAbsolutePath().normalize().toString()
                    : null;
            int atOnce = jobs == null ? runs.size() : jobs;
            SlurmSweep.Spec recorded = new SlurmSweep.Spec(config, configFile, sets, seeds, steps, atOnce, slurmOpts,
                    SlurmSweep.ownJava(), jar.toString(), SlurmSweep.cpusPerTask(plan));
            err.printf(Locale.ROOT, "sweep: %d settings x %d seeds = %d runs as a Slurm job array, %d at a time -> %s%n",
                    plan.grid().size(), runs.size() / plan.grid().size(), runs.size(), atOnce, out);
            return new SlurmSweep(out, recorded, plan, spec.commandLine().getOut(), err).submitNew(waitForJob, this);
        }
        if (workers > 1 && System.getenv("OMP_NUM_THREADS") == null) {
            err.println("sweep: warning: OMP_NUM_THREADS is not set, so each of the " + workers + " runs may use every "
                    + "core for its math; set OMP_NUM_THREADS=1 for even, faster runs");
        }
        err.printf(Locale.ROOT, "sweep: %d settings x %d seeds = %d runs on %d workers -> %s%n", plan.grid().size(),
                runs.size() / plan.grid().size(), runs.size(), workers, out);
        // The run list and the runs' logs let `fpo-lab` (the lab window) follow the sweep while it trains.
        Files.createDirectories(out.resolve(SweepRuns.LOGS));
        AtomicFiles.write(out.resolve(SweepRuns.RUN_LIST), runList(out, plan));
        execute(runs, workers, err);
        return writeSummary(plan, err);
    }

    /** The folder of {@code --status}, {@code --collect} or {@code --resubmit-failed}, checked; null without one. */
    private Path folderMode() {
        List<Path> given = new ArrayList<>();
        for (Path p : new Path[] {statusDir, collectDir, resubmitDir}) {
            if (p != null) {
                given.add(p);
            }
        }
        if (given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            throw new ConfigException("", "--status, --collect and --resubmit-failed take one sweep folder each; "
                    + "give one of them");
        }
        var parsed = spec.commandLine().getParseResult();
        for (String flag : List.of("--config", "--set", "--seeds", "--out", "--steps", "--jobs", "--executor",
                "--slurm-opt")) {
            if (parsed.hasMatchedOption(flag)) {
                throw new ConfigException(flag, "not used with " + modeFlag() + ", which reads the sweep's settings "
                        + "from the folder's " + SlurmSweep.SPEC);
            }
        }
        if (waitForJob && resubmitDir == null) {
            throw new ConfigException("--wait", "applies to a new Slurm sweep and to --resubmit-failed only");
        }
        return given.get(0);
    }

    private String modeFlag() {
        return statusDir != null ? "--status" : collectDir != null ? "--collect" : "--resubmit-failed";
    }

    /**
     * Resolves every run before training any, so a bad key or value fails at once with exit code 2.
     *
     * @param configSource the config file or preset to load ({@code --config}, or its absolute path)
     */
    Plan plan(String configSource) {
        seeds = parseSeeds(seedLists);
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new ConfigException("--seeds", seeds + " lists a seed twice; each seed is one run folder");
        }
        List<String> keys = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw new ConfigException("--set", "'" + s + "' is not KEY=V1,V2,... (e.g. ppo.lr=1e-4,3e-4)");
            }
            String key = s.substring(0, eq).trim();
            if (keys.contains(key)) {
                throw new ConfigException("--set", key + " is given twice; list all its values in one --set");
            }
            keys.add(key);
            values.add(splitValues(s.substring(eq + 1), s));
        }
        List<Setting> grid = grid(keys, values);
        List<Run> runs = new ArrayList<>();
        for (Setting setting : grid) {
            List<String> overrides = new ArrayList<>();
            setting.values().forEach((k, v) -> overrides.add(k + "=" + v));
            ExperimentConfig base = resolve(configSource, setting, overrides, null);
            checkEnvironment(setting, base);
            List<Long> seedList = seeds.isEmpty() ? List.of(base.seed()) : seeds;
            for (long seed : seedList) {
                ExperimentConfig cfg = resolve(configSource, setting, overrides, seed);
                runs.add(new Run(runs.size(), setting, seed, overrides, cfg,
                        out.resolve(setting.dirName()).resolve("seed-" + seed)));
            }
        }
        return new Plan(keys, values, grid, runs);
    }

    /**
     * Writes {@code sweep.csv} and {@code sweep.md} from the runs' summaries (a run without one counts as failed)
     * and prints the table; shared by the local executor and the collection of a Slurm sweep.
     *
     * @return 0 when every run finished, 1 otherwise
     */
    int writeSummary(Plan plan, PrintWriter err) throws IOException {
        List<Run> runs = plan.runs();
        List<Row> rows = summarise(plan.grid(), runs);
        List<String> swept = new ArrayList<>();
        List<String> fixed = new ArrayList<>();
        for (int k = 0; k < plan.keys().size(); k++) {
            (plan.values().get(k).size() > 1 ? swept : fixed).add(plan.keys().get(k) + "=" + plan.values().get(k).get(0));
        }
        AtomicFiles.write(out.resolve("sweep.csv"), csv(swept.stream().map(p -> p.substring(0, p.indexOf('='))).toList(), rows));
        String table = markdown(rows, runs, fixed);
        AtomicFiles.write(out.resolve("sweep.md"), table);
        spec.commandLine().getOut().print(table);
        spec.commandLine().getOut().flush();
        long failed = runs.stream().filter(r -> r.summary == null).count();
        err.printf(Locale.ROOT, "sweep: %d of %d runs finished; table in %s%n", runs.size() - failed, runs.size(),
                out.resolve("sweep.md"));
        return failed == 0 ? 0 : 1;
    }

    /** The seeds of {@code --seeds} values such as "0,1,2"; an empty item is an error, not "the config's seed". */
    static List<Long> parseSeeds(List<String> values) {
        List<Long> out = new ArrayList<>();
        for (String value : values) {
            for (String item : value.split(",", -1)) {
                String t = item.strip();
                if (!t.matches("\\d{1,16}")) {
                    throw new ConfigException("--seeds", "'" + t + "' in '" + value + "' is not a seed; allowed: "
                            + "comma-separated whole numbers 0.." + (1L << 53) + ", e.g. 0,1,2");
                }
                out.add(Long.parseLong(t));
            }
        }
        return out;
    }

    /** Builds the setting's environment once, so a refused layout file fails before any run starts. */
    private static void checkEnvironment(Setting setting, ExperimentConfig cfg) {
        try {
            io.fpolab.env.Envs.create(cfg.env()).close();
        } catch (ConfigException e) {
            throw setting.values().isEmpty() ? e : e.inSource("--set " + setting.label());
        }
    }

    private ExperimentConfig resolve(String configSource, Setting setting, List<String> overrides, Long seed) {
        try {
            return TrainCommand.resolve(configSource, seed, steps, overrides);
        } catch (ConfigException e) {
            throw setting.values().isEmpty() ? e : e.inSource("--set " + setting.label());
        }
    }

    /** Splits {@code v1,v2,...} at commas outside brackets, so list values like {@code [64,64]} stay whole. */
    static List<String> splitValues(String text, String flag) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().trim());
        if (depth != 0 || out.stream().anyMatch(String::isEmpty)) {
            throw new ConfigException("--set", "'" + flag + "' has an empty value or unbalanced brackets");
        }
        if (out.stream().distinct().count() != out.size()) {
            throw new ConfigException("--set", "'" + flag + "' lists a value twice");
        }
        return out;
    }

    /**
     * The cartesian product of the value lists, the last key varying fastest. Labels and folder names
     * name only the keys with more than one value; a grid without such keys has the one setting "base".
     */
    static List<Setting> grid(List<String> keys, List<List<String>> values) {
        List<LinkedHashMap<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (int k = 0; k < keys.size(); k++) {
            List<LinkedHashMap<String, String>> next = new ArrayList<>();
            for (LinkedHashMap<String, String> p : points) {
                for (String v : values.get(k)) {
                    LinkedHashMap<String, String> q = new LinkedHashMap<>(p);
                    q.put(keys.get(k), v);
                    next.add(q);
                }
            }
            points = next;
        }
        List<Setting> grid = new ArrayList<>();
        for (LinkedHashMap<String, String> p : points) {
            List<String> parts = new ArrayList<>();
            for (int k = 0; k < keys.size(); k++) {
                if (values.get(k).size() > 1) {
                    parts.add(keys.get(k) + "=" + p.get(keys.get(k)));
                }
            }
            String label = parts.isEmpty() ? "base" : String.join(" ", parts);
            String dir = parts.isEmpty() ? "base" : String.join("_", parts).replaceAll("[^A-Za-z0-9._=+-]", "_");
            grid.add(new Setting(p, label, dir));
        }
        return grid;
    }

    private void execute(List<Run> runs, int workers, PrintWriter err) throws InterruptedException {
        Semaphore slots = new Semaphore(workers);
        // The cores are divided between the runs trained at once, not oversubscribed.
        int threadsPerRun = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            String name = String.format(Locale.ROOT, "%s seed %d", run.setting.label(), run.seed);
            Map<String, Object> previous = RunFolder.finishedSummary(run.dir, run.cfg);
            if (previous != null) {
                run.summary = previous;
                report(err, done.incrementAndGet(), runs.size(), name, run, "already done", t0);
                continue;
            }
            slots.acquire();
            err.printf(Locale.ROOT, "[sweep] start %s (%d/%d)%n", name, i + 1, runs.size());
            err.flush();
            // A fresh thread per run owns the trainer and all of its ND4J work, as with `train`.
            Path log = SweepRuns.localLog(out, run.index);
            Thread t = new Thread(() -> {
                try {
                    Files.deleteIfExists(SweepRuns.exitFile(log));
                    Files.writeString(log, "[sweep] run " + run.index + ": " + name + " -> " + run.dir + "\n");
                    run.summary = TrainCommand.trainInto(run.cfg, run.dir, run.cfg.ppo().threads() > 0 ? 0 : threadsPerRun, (trainer, s) -> { });
                    report(err, done.incrementAndGet(), runs.size(), name, run, null, t0);
                    endLog(log, null);
                } catch (Exception | Error e) {
                    run.error = e instanceof IOException io ? OutputPaths.describe(io)
                            : e.getClass().getSimpleName() + ": " + e.getMessage();
                    report(err, done.incrementAndGet(), runs.size(), name, run, "FAILED " + run.error, t0);
                    endLog(log, run.error);
                } finally {
                    Workspaces.releaseThread();
                    slots.release();
                }
            }, "trainer-sweep-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /**
     * Ends a run's log as a Slurm task's ends: its error line, if any, and the exit code beside it (0 or 1), so the
     * run's state reads the same for both executors ({@link SweepRuns#status}). A log that cannot be written leaves
     * the run "running" for readers of the folder; the sweep itself goes on.
     */
    private static void endLog(Path log, String error) {
        try {
            if (error != null) {
                Files.writeString(log, "error: " + error.lines().findFirst().orElse("") + "\n",
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            AtomicFiles.write(SweepRuns.exitFile(log), (error == null ? "0" : "1") + "\n");
        } catch (IOException e) {
            // The summary or the error is still reported on stderr and in the table.
        }
    }

    private static synchronized void report(PrintWriter err, int done, int total, String name, Run run, String note,
            long t0) {
        double elapsed = (System.nanoTime() - t0) / 1e9;
        String result = note != null ? note : String.format(Locale.ROOT, "%s %.4g, %,d steps, %.0f s",
                metricName(run.cfg), number(run.summary.get(metricName(run.cfg))), number(run.summary.get("env_steps")).longValue(),
                number(run.summary.get("wall_seconds")));
        err.printf(Locale.ROOT, "[sweep %d/%d, %s elapsed] %s: %s%n", done, total, TrainCommand.duration(elapsed), name,
                result);
        err.flush();
    }

    static String metricName(ExperimentConfig cfg) {
        return SweepRuns.metricName(cfg);
    }

    /** The run list of {@code plan} in sweep folder {@code dir} ({@link SweepRuns#runList}). */
    static String runList(Path dir, Plan plan) {
        Path base = dir.toAbsolutePath().normalize();
        return SweepRuns.runList(plan.runs().stream().map(r -> new SweepRuns.Planned(r.index, r.setting.label(),
                r.seed, base.relativize(r.dir.toAbsolutePath().normalize()).toString().replace('\\', '/'),
                r.overrides)).toList());
    }

    private static Double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** One line of the table: a setting over its seeds. */
    record Row(Setting setting, String metric, int n, int failed, double mean, double std, double se, double envSteps,
            double wallSeconds) {
    }

    private static List<Row> summarise(List<Setting> grid, List<Run> runs) {
        List<Row> rows = new ArrayList<>();
        for (Setting s : grid) {
            List<Run> mine = runs.stream().filter(r -> r.setting == s).toList();
            String metric = metricName(mine.get(0).cfg);
            List<Double> x = new ArrayList<>();
            double steps = 0;
            double wall = 0;
            int ok = 0;
            for (Run r : mine) {
                if (r.summary == null) {
                    continue;
                }
                ok++;
                steps += number(r.summary.get("env_steps"));
                wall += number(r.summary.get("wall_seconds"));
                double v = number(r.summary.get(metric));
                if (Double.isFinite(v)) {
                    x.add(v);
                }
            }
            double[] ms = meanStd(x);
            rows.add(new Row(s, metric, x.size(), mine.size() - ok, ms[0], ms[1], ms[1] / Math.sqrt(x.size()),
                    ok == 0 ? Double.NaN : steps / ok, ok == 0 ? Double.NaN : wall / ok));
        }
        return rows;
    }

    /** Mean and sample standard deviation (n − 1; NaN below two values). */
    static double[] meanStd(List<Double> x) {
        double mean = x.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return new double[] {mean, x.size() < 2 ? Double.NaN : Math.sqrt(ss / (x.size() - 1))};
    }

    private static String csv(List<String> keys, List<Row> rows) {
        StringBuilder b = new StringBuilder("setting");
        keys.forEach(k -> b.append(',').append(k));
        b.append(",metric,n,failed,mean,std,se,env_steps,wall_seconds_mean\n");
        for (Row r : rows) {
            b.append(quote(r.setting().label()));
            keys.forEach(k -> b.append(',').append(quote(r.setting().values().get(k))));
            b.append(',').append(r.metric()).append(',').append(r.n()).append(',').append(r.failed());
            for (double v : new double[] {r.mean(), r.std(), r.se(), r.envSteps(), r.wallSeconds()}) {
                b.append(',').append(Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "");
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private String markdown(List<Row> rows, List<Run> runs, List<String> fixed) {
        StringBuilder b = new StringBuilder();
        b.append("# Sweep of ").append(config).append("\n\n");
        b.append(String.format(Locale.ROOT, "%d runs: %d settings x seeds %s%s. Final evaluation of each run; "
                + "mean ± standard error over seeds.%n%n", runs.size(), rows.size(),
                runs.stream().map(r -> Long.toString(r.seed)).distinct().toList(),
                steps == null ? "" : ", " + steps + " env steps each"));
        if (!fixed.isEmpty()) {
            b.append("Fixed settings: `").append(String.join("` `", fixed)).append("`.\n\n");
        }
        b.append("| setting | n | ").append(rows.isEmpty() ? "metric" : rows.get(0).metric())
                .append(" (mean ± SE) | std | env steps | wall s (mean) |\n");
        b.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append("| ").append(r.setting().label().replace("|", "\\|")).append(" | ").append(r.n());
            if (r.failed() > 0) {
                b.append(" (").append(r.failed()).append(" failed)");
            }
            b.append(" | ").append(fmt(r.mean())).append(Double.isFinite(r.se()) ? " ± " + fmt(r.se()) : "")
                    .append(" | ").append(fmt(r.std()))
                    .append(" | ").append(Double.isFinite(r.envSteps()) ? String.format(Locale.ROOT, "%,.0f", r.envSteps()) : "–")
                    .append(" | ").append(Double.isFinite(r.wallSeconds()) ? String.format(Locale.ROOT, "%.0f", r.wallSeconds()) : "–")
                    .append(" |\n");
        }
        List<Run> failed = runs.stream().filter(r -> r.summary == null).toList();
        if (!failed.isEmpty()) {
            b.append("\nFailed runs (not in the means):\n\n");
            for (Run r : failed) {
                b.append("- ").append(r.setting.label()).append(" seed ").append(r.seed).append(": ")
                        .append(r.error == null ? "did not finish" : r.error).append('\n');
            }
        }
        return b.toString();
    }

    private static String fmt(double v) {
        return SweepRuns.number(v);
    }
}
