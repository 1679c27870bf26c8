package io.fpolab.cli;

import io.fpolab.runs.SweepRuns;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Slurm commands a sweep runs ({@code sbatch}, {@code squeue}), as child processes with a time limit. A command
 * that is missing or does not answer is reported as such, never as an exception from deep inside: the sweep then
 * reads what the tasks wrote themselves.
 */
final class SlurmCommands {
    /** Longest a Slurm command may take; a controller that does not answer makes them hang. */
    private static final long TIMEOUT_SECONDS = 60;

    /** What a command printed and its exit code (-1: it could not start or did not end in time). */
    record Result(int code, String out, String err) {
        /** The first line of what it said, for one-line messages. */
        String firstLine() {
            String text = err.isBlank() ? out : err;
            return text.strip().lines().findFirst().orElse("exit code " + code);
        }
    }

    /**
     * One array task in the queue.
     *
     * @param state  Slurm's state name (PENDING, RUNNING, COMPLETING, ...)
     * @param node   the node it runs on, or empty
     * @param reason why it waits, for pending tasks
     */
    record Task(String jobId, int index, String state, String node, String reason) implements SweepRuns.Queued {
        @Override
        public boolean pending() {
            return "PENDING".equals(state);
        }
    }

    /** The executable {@code name} on PATH, if any. */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command} and returns what it printed; waits at most {@value #TIMEOUT_SECONDS} s. */
    Result run(List<String> command) throws InterruptedException {
        Process p;
        Path outFile = null;
        Path errFile = null;
        try {
            outFile = Files.createTempFile("fpolab-slurm", ".out");
            errFile = Files.createTempFile("fpolab-slurm", ".err");
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", command.get(0) + " did not answer within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, "", command.get(0) + " could not run: " + e.getMessage());
        } finally {
            for (Path f : new Path[] {outFile, errFile}) {
                if (f != null) {
                    try {
                        Files.deleteIfExists(f);
                    } catch (IOException e) {
                        // a temporary file left behind is harmless
                    }
                }
            }
        }
    }

    /**
     * The queued and running tasks of {@code jobIds} by array index, or null when {@code squeue} is missing or does
     * not answer. The user's whole queue is asked for, since {@code squeue --jobs} fails once a job has left it.
     */
    Map<Integer, Task> queue(List<String> jobIds) throws InterruptedException {
        if (jobIds.isEmpty()) {
            return onPath("squeue").isPresent() ? Map.of() : null;
        }
        if (onPath("squeue").isEmpty()) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of("squeue", "--noheader", "--array",
                "--user=" + System.getProperty("user.name"), "--format=%F|%K|%T|%N|%r"));
        Result r = run(cmd);
        if (r.code() != 0) {
            return null;
        }
        Map<Integer, Task> tasks = new HashMap<>();
        for (String line : r.out().split("\n")) {
            String[] f = line.strip().split("\\|", -1);
            if (f.length < 5 || !jobIds.contains(f[0]) || !f[1].matches("\\d+")) {
                continue;
            }
            Task t = new Task(f[0], Integer.parseInt(f[1]), f[2], f[3], f[4]);
            Task before = tasks.get(t.index());
            // The same run in two jobs (a resubmission): the later job is the one that trains it.
            if (before == null || jobIds.indexOf(t.jobId()) > jobIds.indexOf(before.jobId())) {
                tasks.put(t.index(), t);
            }
        }
        return tasks;
    }
}
