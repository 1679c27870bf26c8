package io.fpolab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fpolab.cli.SweepCommand.Plan;
import io.fpolab.cli.SweepCommand.Run;
import io.fpolab.core.AtomicFiles;
import io.fpolab.core.ConfigException;
import io.fpolab.runs.RunFolder;
import io.fpolab.runs.SweepRuns.State;
import io.fpolab.runs.SweepRuns;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sweep trained as one Slurm job array. The sweep folder, which must be on a file system the nodes share, holds
 * everything the tasks and the later {@code --status}, {@code --collect} and {@code --resubmit-failed} need:
 *
 * <ul>
 *   <li>{@value #RUN_LIST}: one line per run — index, setting, seed, run folder, then the setting's
 *       {@code KEY=VALUE} items — which array task {@code i} reads to train run {@code i};</li>
 *   <li>{@value #SPEC}: the sweep's flags, the jar and Java the tasks run, so the grid is rebuilt by the same code
 *       ({@link SweepCommand#plan}) that built it;</li>
 *   <li>{@value #SCRIPT}: the batch script; {@value #JOBS}: the job ids submitted;</li>
 *   <li>{@code logs/run-<i>_job-<id>.log}: each task's output, and {@code .exit} beside it with the exit code of
 *       its {@code train}.</li>
 * </ul>
 *
 * Each task writes its own results — its run folder, its exit code — so nothing depends on Slurm's accounting
 * (sacct), which many clusters lack; the scheduler is asked ({@code squeue}) only what is queued or running now.
 */
final class SlurmSweep {
    static final String RUN_LIST = SweepRuns.RUN_LIST;
    static final String SPEC = "sweep.json";
    static final String SCRIPT = "sweep.sbatch";
    static final String JOBS = SweepRuns.JOBS;
    static final String LOGS = SweepRuns.LOGS;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * How the sweep was made.
     *
     * @param config      {@code --config} as given (the table's title)
     * @param configFile  its absolute path when it is a file, null for a preset
     * @param cpusPerTask CPUs each task asks for, and threads of its update
     */
    record Spec(String config, String configFile, List<String> sets, List<Long> seeds, Long steps, int jobs,
            List<String> slurmOpts, String java, String jar, int cpusPerTask) {
    }

    /** @param log the run's latest task log, or null */
    record RunState(Run run, State state, String detail, Path log) {
    }

    private final Path dir;
    private final Spec spec;
    private final Plan plan;
    private final PrintWriter out;
    private final PrintWriter err;
    private final SlurmCommands slurm = new SlurmCommands();

    SlurmSweep(Path dir, Spec spec, Plan plan, PrintWriter out, PrintWriter err) {
        this.dir = dir.toAbsolutePath().normalize();
        this.spec = spec;
        this.plan = plan;
        this.out = out;
        this.err = err;
    }

    // ---- Checks before anything is written ---------------------------------------------------------------------

    /** @throws ConfigException naming {@code flag} when {@code sbatch} is not on PATH, saying where it comes from */
    static void requireSbatch(String flag) {
        if (SlurmCommands.onPath("sbatch").isEmpty()) {
            throw new ConfigException(flag, ("--executor".equals(flag) ? "slurm needs" : "needs") + " Slurm's sbatch, "
                    + "which is not on PATH; run the sweep on a "
                    + "Slurm login node (or load its module), or install the Slurm client (Debian/Ubuntu: "
                    + "apt-get install slurm-client, with the cluster's slurm.conf and munge key)");
        }
    }

    /** The jar this program runs from, which the tasks run too. */
    static Path ownJar() {
        Path p;
        try {
            p = Path.of(SlurmSweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            p = null;
        }
        if (p == null || !Files.isRegularFile(p) || !p.toString().endsWith(".jar")) {
            throw new ConfigException("--executor", "slurm runs this program's jar on the nodes, but it runs from "
                    + (p == null ? "an unknown place" : "'" + p + "'") + ", not a jar; start it with "
                    + "java -jar fpo-lab.jar (mvn package builds target/fpo-lab.jar)");
        }
        return p.toAbsolutePath().normalize();
    }

    /** This JVM's {@code java}, which the tasks use where the nodes have it at the same path (else {@code java}). */
    static String ownJava() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The spec of the sweep in {@code dir}.
     *
     * @throws ConfigException naming {@code flag} when {@code dir} is not a sweep folder
     */
    static Spec readSpec(Path dir, String flag) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(flag, "'" + dir + "' is not a folder; allowed: the --out folder of a sweep "
                    + "submitted with --executor slurm");
        }
        if (!Files.isRegularFile(dir.resolve(SPEC)) || !Files.isRegularFile(dir.resolve(RUN_LIST))) {
            throw new ConfigException(flag, "'" + dir + "' is not a Slurm sweep folder (it has no " + SPEC + " and "
                    + RUN_LIST + "; sweep --executor slurm --out DIR writes them)");
        }
        try {
            Spec s = JSON.readValue(dir.resolve(SPEC).toFile(), Spec.class);
            if (s.config() == null || s.jar() == null || s.sets() == null || s.seeds() == null
                    || s.slurmOpts() == null || s.jobs() < 1 || s.cpusPerTask() < 1) {
                throw new IOException("a field is missing");
            }
            return s;
        } catch (IOException e) {
            throw new ConfigException(flag, "cannot read " + dir.resolve(SPEC) + ": " + e.getMessage().lines()
                    .findFirst().orElse("") + " (submit the sweep again to write it)");
        }
    }

    /** CPUs each task asks for: the runs' {@code ppo.threads} (largest), 1 where that is 0 (every core). */
    static int cpusPerTask(Plan plan) {
        return Math.max(1, plan.runs().stream().mapToInt(r -> r.cfg.ppo().threads()).max().orElse(1));
    }

    // ---- Submitting --------------------------------------------------------------------------------------------

    /** Writes the sweep folder's files and submits every run not finished or queued; waits if asked. */
    int submitNew(boolean wait, SweepCommand command) throws IOException, InterruptedException {
        String runList = runList();
        Path listFile = dir.resolve(RUN_LIST);
        if (Files.isRegularFile(listFile) && !Files.readString(listFile).equals(runList)) {
            Map<Integer, SlurmCommands.Task> queued = slurm.queue(jobIds());
            if (queued != null && !queued.isEmpty()) {
                throw new ConfigException("--out", "'" + dir + "' holds another sweep whose job " + jobIds()
                        + " is still queued or running; wait for it, scancel it or choose another --out folder");
            }
        }
        Files.createDirectories(dir.resolve(LOGS));
        AtomicFiles.write(dir.resolve(SPEC), JSON.writeValueAsString(spec) + "\n");
        AtomicFiles.write(listFile, runList);
        AtomicFiles.write(dir.resolve(SCRIPT), script());
        dir.resolve(SCRIPT).toFile().setExecutable(true);
        List<RunState> states = states(slurm.queue(jobIds()));
        List<Run> todo = new ArrayList<>();
        for (RunState s : states) {
            if (s.state() == State.FINISHED) {
                err.printf(Locale.ROOT, "[sweep] %s seed %d: already done%n", s.run().setting.label(), s.run().seed);
            } else if (s.state() == State.RUNNING || s.state() == State.PENDING) {
                err.printf(Locale.ROOT, "[sweep] %s seed %d: already %s (%s)%n", s.run().setting.label(), s.run().seed,
                        s.state().label(), s.detail());
            } else {
                todo.add(s.run());
            }
        }
        return submit(todo, wait, command);
    }

    /** Submits the failed and unstarted runs again. */
    int resubmitFailed(boolean wait, SweepCommand command) throws IOException, InterruptedException {
        if (!Files.readString(dir.resolve(RUN_LIST)).equals(runList())) {
            throw new ConfigException("--resubmit-failed", dir.resolve(RUN_LIST) + " no longer matches "
                    + dir.resolve(SPEC) + "; submit the sweep again with its flags");
        }
        requireSbatch("--resubmit-failed");
        List<Run> todo = states(slurm.queue(jobIds())).stream()
                .filter(s -> s.state() == State.FAILED || s.state() == State.NOT_STARTED).map(RunState::run).toList();
        return submit(todo, wait, command);
    }

    private int submit(List<Run> todo, boolean wait, SweepCommand command) throws IOException, InterruptedException {
        if (todo.isEmpty()) {
            List<RunState> states = states(slurm.queue(jobIds()));
            long busy = states.stream().filter(s -> s.state() == State.RUNNING || s.state() == State.PENDING).count();
            if (busy > 0) {
                err.printf(Locale.ROOT, "sweep: no run left to submit; %d runs are still queued or running "
                        + "(sweep --status %s)%n", busy, dir);
                return 0;
            }
            err.println("sweep: no run left to submit; every run has finished");
            return command.writeSummary(collected(states), err);
        }
        String array = arraySpec(todo.stream().map(r -> r.index).toList()) + "%" + spec.jobs();
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable", "--array=" + array,
                "--job-name=fpo-sweep-" + String.valueOf(dir.getFileName()).replaceAll("[^A-Za-z0-9._=+-]", "_"),
                "--cpus-per-task=" + spec.cpusPerTask(),
                "--output=" + dir.resolve(LOGS).resolve("run-%a_job-%A.log"), "--chdir=" + dir));
        cmd.addAll(spec.slurmOpts());
        cmd.add(dir.resolve(SCRIPT).toString());
        SlurmCommands.Result r = slurm.run(cmd);
        String jobId = r.out().strip().split(";")[0];
        if (r.code() != 0 || !jobId.matches("\\d+")) {
            throw new ConfigException("sbatch", "refused the job array: " + r.firstLine()
                    + (spec.slurmOpts().isEmpty() ? "" : " (--slurm-opt " + String.join(" ", spec.slurmOpts()) + ")"));
        }
        Files.writeString(dir.resolve(JOBS), jobId + "\t" + array + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        err.printf(Locale.ROOT, "sweep: submitted %d runs as Slurm job %s (array %s, %d CPU%s each); "
                + "sweep --status %s shows their progress, sweep --collect %s writes the table%n", todo.size(), jobId,
                array, spec.cpusPerTask(), spec.cpusPerTask() == 1 ? "" : "s", dir, dir);
        err.flush();
        out.println(jobId);
        out.flush();
        if (!wait) {
            return 0;
        }
        return command.writeSummary(collected(waitFor(jobId)), err);
    }

    /** Polls the queue until job {@code jobId} has left it, printing progress whenever it changes. */
    private List<RunState> waitFor(String jobId) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String last = "";
        int silent = 0;
        while (true) {
            Map<Integer, SlurmCommands.Task> queued = slurm.queue(jobIds());
            if (queued == null) {
                if (++silent >= 10) {
                    throw new IOException("squeue stopped answering while waiting for job " + jobId
                            + "; sweep --status " + dir + " shows the runs' state");
                }
            } else {
                silent = 0;
            }
            List<RunState> states = states(queued);
            boolean ended = queued != null && queued.values().stream().noneMatch(t -> t.jobId().equals(jobId));
            String line = progress(states);
            if (!line.equals(last)) {
                double elapsed = (System.nanoTime() - t0) / 1e9;
                err.printf(Locale.ROOT, "[sweep job %s, %s elapsed] %s%n", jobId, TrainCommand.duration(elapsed), line);
                err.flush();
                last = line;
            }
            if (ended) {
                return states;
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(elapsed < 60 ? 1000 : elapsed < 600 ? 5000 : 15000);
        }
    }

    private static String progress(List<RunState> states) {
        Map<State, Long> n = count(states);
        return String.format(Locale.ROOT, "%d done, %d failed, %d running, %d pending, %d not started of %d",
                n.get(State.FINISHED), n.get(State.FAILED), n.get(State.RUNNING), n.get(State.PENDING),
                n.get(State.NOT_STARTED), states.size());
    }

    private static Map<State, Long> count(List<RunState> states) {
        Map<State, Long> n = new EnumMap<>(State.class);
        for (State s : State.values()) {
            n.put(s, states.stream().filter(r -> r.state() == s).count());
        }
        return n;
    }

    // ---- Status and collection ---------------------------------------------------------------------------------

    /** Prints every run's state and the counts; the scheduler's view where {@code squeue} answers. */
    int status() throws IOException, InterruptedException {
        List<String> ids = jobIds();
        Map<Integer, SlurmCommands.Task> queued = slurm.queue(ids);
        List<RunState> states = states(queued);
        out.printf(Locale.ROOT, "Sweep %s: %d runs; Slurm job%s %s%n", dir, states.size(), ids.size() == 1 ? "" : "s",
                ids.isEmpty() ? "none submitted" : String.join(", ", ids));
        out.println(queued == null ? "Scheduler: squeue did not answer; states are read from the run folders and "
                + "task logs only (a started run without an exit code counts as running)"
                : "Scheduler: " + queued.size() + " of the sweep's tasks queued or running");
        out.println(progress(states));
        int labelWidth = Math.max(7, states.stream().mapToInt(s -> s.run().setting.label().length()).max().orElse(0));
        out.printf(Locale.ROOT, "%5s  %-11s  %-" + labelWidth + "s  %6s  %s%n", "run", "state", "setting", "seed",
                "detail");
        for (RunState s : states) {
            out.printf(Locale.ROOT, "%5d  %-11s  %-" + labelWidth + "s  %6d  %s%n", s.run().index, s.state().label(),
                    s.run().setting.label(), s.run().seed, s.detail());
        }
        out.flush();
        return 0;
    }

    /** Writes sweep.csv and sweep.md from the runs finished so far. */
    int collect(SweepCommand command) throws IOException, InterruptedException {
        List<RunState> states = states(slurm.queue(jobIds()));
        long busy = states.stream().filter(s -> s.state() == State.RUNNING || s.state() == State.PENDING).count();
        if (busy > 0) {
            err.printf(Locale.ROOT, "sweep: %d runs are still queued or running; the table leaves them out%n", busy);
        }
        return command.writeSummary(collected(states), err);
    }

    /** The plan with every run's summary, or the reason it has none, as the table shows them. */
    private Plan collected(List<RunState> states) {
        for (RunState s : states) {
            s.run().summary = s.state() == State.FINISHED ? RunFolder.finishedSummary(s.run().dir, s.run().cfg) : null;
            s.run().error = s.state() == State.FINISHED ? null : s.state().label() + ": " + s.detail();
        }
        return plan;
    }

    /**
     * The state of every run ({@link SweepRuns#status}: its run folder first, then the queue, then its latest task's
     * exit code and log).
     */
    List<RunState> states(Map<Integer, SlurmCommands.Task> queued) throws IOException {
        List<String> ids = jobIds();
        List<RunState> states = new ArrayList<>();
        for (Run run : plan.runs()) {
            String metric = SweepRuns.metricName(run.cfg);
            SweepRuns.Status s = SweepRuns.status(dir, run.index, run.dir, RunFolder.finishedSummary(run.dir, run.cfg),
                    metric, ids, queued);
            states.add(new RunState(run, s.state(), s.detail(), s.log()));
        }
        return states;
    }

    /** The job ids submitted for this folder, oldest first. */
    List<String> jobIds() throws IOException {
        return SweepRuns.jobIds(dir);
    }

    // ---- The folder's files ------------------------------------------------------------------------------------

    /** The run list ({@link SweepRuns#runList}) of this sweep's plan. */
    String runList() {
        return SweepCommand.runList(dir, plan);
    }

    /** The batch script: array task {@code i} finds run {@code i} in the run list and trains it with {@code train}. */
    String script() {
        List<String> train = new ArrayList<>(List.of("\"$java\"", "-jar", sh(spec.jar()), "train", "--config",
                sh(spec.configFile() != null ? spec.configFile() : spec.config())));
        if (spec.steps() != null) {
            train.addAll(List.of("--steps", Long.toString(spec.steps())));
        }
        train.addAll(List.of("--seed", "\"${run[2]}\"", "${sets[@]+\"${sets[@]}\"}", "--threads",
                "\"${SLURM_CPUS_PER_TASK:-" + spec.cpusPerTask() + "}\"", "--out", "\"$sweep/${run[3]}\""));
        return String.join("\n",
                "#!/bin/bash",
                "# Batch script of the FPO Lab sweep in this folder (fpo-lab sweep --executor slurm).",
                "# Array task i trains run i of " + RUN_LIST + " into its run folder with `train`, as the local",
                "# executor would, and writes train's exit code beside its log in " + LOGS + "/.",
                "set -u",
                "sweep=" + sh(dir.toString()),
                "java=" + sh(spec.java()),
                "[ -x \"$java\" ] || java=java",
                "task=\"${SLURM_ARRAY_TASK_ID:?not a task of a job array}\"",
                "run=()",
                "while IFS=$'\\t' read -r -a fields; do",
                "  if [ \"${fields[0]}\" = \"$task\" ]; then run=(\"${fields[@]}\"); fi",
                "done < \"$sweep/" + RUN_LIST + "\"",
                "if [ ${#run[@]} -lt 4 ]; then echo \"error: run $task is not in $sweep/" + RUN_LIST + "\" >&2; exit 2; fi",
                "sets=()",
                "for kv in \"${run[@]:4}\"; do sets+=(--set \"$kv\"); done",
                "export OMP_NUM_THREADS=\"${OMP_NUM_THREADS:-1}\"",
                "echo \"[task] run $task: ${run[1]} seed ${run[2]} on $(hostname) -> $sweep/${run[3]}\"",
                String.join(" ", train),
                "code=$?",
                "echo \"$code\" > \"$sweep/" + LOGS + "/run-${task}_job-${SLURM_ARRAY_JOB_ID:-$SLURM_JOB_ID}.exit\"",
                "exit \"$code\"",
                "");
    }

    /** {@code s} quoted for bash. */
    static String sh(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Slurm's array index list, consecutive indices as ranges: [0,1,2,5] → "0-2,5". */
    static String arraySpec(List<Integer> indices) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < indices.size(); ) {
            int j = i;
            while (j + 1 < indices.size() && indices.get(j + 1) == indices.get(j) + 1) {
                j++;
            }
            parts.add(i == j ? Integer.toString(indices.get(i)) : indices.get(i) + "-" + indices.get(j));
            i = j + 1;
        }
        return String.join(",", parts);
    }
}
