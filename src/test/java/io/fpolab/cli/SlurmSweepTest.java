package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.runs.RunFolder;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --executor slurm} against a real single-node Slurm ({@link LocalSlurm}), through the program's jar
 * as a user runs it: the collected table equals the local executor's, a cancelled sweep resumes with
 * {@code --resubmit-failed}. Skipped, with the reason, where Slurm cannot be installed or started.
 */
class SlurmSweepTest {
    /** Two settings x two seeds of GridWorld, two iterations of 256 steps each: a few seconds per run. */
    private static final List<String> GRID = List.of("--config", "gridworld-fpo-fast", "--steps", "512",
            "--set", "env.numEnvs=16", "--set", "ppo.stepsPerEnv=16", "--set", "ppo.epochs=2",
            "--set", "ppo.minibatches=2", "--set", "eval.episodes=20", "--set", "ppo.lr=1e-3,3e-4",
            "--seeds", "0,1");
    private static final Pattern TRACE = Pattern.compile("Exception|\\tat ");

    @TempDir
    static Path tmp;

    private static Path jar;

    /** A jar like target/fpo-lab.jar (the classes, a Main-Class, the dependencies on its Class-Path) of this build. */
    @BeforeAll
    static void buildJar() throws Exception {
        Path classes = Path.of(SweepCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path home = Files.createDirectories(tmp.resolve("app"));
        List<String> classPath = new ArrayList<>();
        for (Path dep : dependencyJars()) {
            classPath.add(dep.toUri().toString());
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.fpolab.Main");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        jar = home.resolve("fpo-lab.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
    }

    /** The jars on this JVM's class path, those behind a manifest-only jar (Surefire's) included. */
    private static Set<Path> dependencyJars() throws IOException {
        Set<Path> jars = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e).toAbsolutePath();
            if (!e.endsWith(".jar") || !Files.isRegularFile(p)) {
                continue;
            }
            String cp;
            try (JarFile j = new JarFile(p.toFile())) {
                cp = j.getManifest() == null ? null : j.getManifest().getMainAttributes().getValue("Class-Path");
            }
            jars.add(p);
            if (cp != null && !cp.isBlank()) {
                for (String item : cp.trim().split("\\s+")) {
                    Path q = Path.of(p.getParent().toUri().resolve(URI.create(item)));
                    if (q.toString().endsWith(".jar") && Files.isRegularFile(q)) {
                        jars.add(q);
                    }
                }
            }
        }
        return jars;
    }

    /** {@code java -jar fpo-lab.jar ARGS} in {@code cwd} with {@code env} added. */
    private static CliRun jarRun(Path cwd, Map<String, String> env, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(SlurmSweep.ownJava(), "-jar", jar.toString()));
        cmd.addAll(args);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        pb.environment().putAll(env);
        pb.environment().put("OMP_NUM_THREADS", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "fpo-lab " + args + " did not end");
        String errText = Files.readString(err).lines().filter(l -> !l.startsWith("WARNING: Using incubator"))
                .reduce("", (a, b) -> a + b + "\n");
        return new CliRun(p.exitValue(), Files.readString(out), errText);
    }

    private static List<String> args(List<String> base, String... more) {
        List<String> a = new ArrayList<>(List.of("sweep"));
        a.addAll(base);
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void slurmSweepEqualsTheLocalOneAndACancelledSweepResumes() throws Exception {
        LocalSlurm slurm;
        long t0 = System.nanoTime();
        try {
            slurm = LocalSlurm.start(tmp.resolve("slurm"));
        } catch (LocalSlurm.Unavailable e) {
            assumeTrue(false, "no Slurm cluster for this test: " + e.getMessage());
            return;
        }
        long t1 = System.nanoTime();
        try (slurm) {
            Path work = tmp.resolve("work");
            Files.createDirectories(work);

            // Submit and wait: the job id, progress, then the table as the local executor prints it.
            CliRun submitted = jarRun(work, slurm.env(), args(GRID, "--jobs", "2", "--executor", "slurm",
                    "--slurm-opt=--job-name=fpolab-test", "--wait", "--out", "on-slurm"));
            assertEquals(0, submitted.code(), () -> submitted.out() + submitted.err() + logs(work.resolve("on-slurm")));
            String jobId = submitted.out().lines().findFirst().orElse("");
            assertTrue(jobId.matches("\\d+"), submitted.out());
            assertTrue(submitted.err().contains("[sweep job " + jobId), submitted.err());
            assertTrue(submitted.err().contains("4 done, 0 failed, 0 running, 0 pending, 0 not started of 4"),
                    submitted.err());
            assertTrue(submitted.out().contains("| ppo.lr=1e-3 | 2 | "), submitted.out());
            Path onSlurm = work.resolve("on-slurm");
            for (String f : List.of(SlurmSweep.RUN_LIST, SlurmSweep.SPEC, SlurmSweep.SCRIPT, SlurmSweep.JOBS)) {
                assertTrue(Files.isRegularFile(onSlurm.resolve(f)), f);
            }
            assertEquals(5, Files.readAllLines(onSlurm.resolve(SlurmSweep.RUN_LIST)).size());
            assertTrue(Files.isRegularFile(onSlurm.resolve("logs/run-3_job-" + jobId + ".log")));
            assertEquals("0", Files.readString(onSlurm.resolve("logs/run-3_job-" + jobId + ".exit")).strip());

            // The local executor, in this JVM, gives the same numbers (all but the wall time).
            Path local = work.resolve("local");
            CliRun locally = CliRun.of(args(GRID, "--jobs", "2", "--out", local.toString()).toArray(String[]::new));
            assertEquals(0, locally.code(), locally.err());
            assertSameResults(local, onSlurm);

            CliRun status = jarRun(work, slurm.env(), List.of("sweep", "--status", "on-slurm"));
            assertEquals(0, status.code(), status.err());
            assertTrue(status.out().contains("4 done, 0 failed, 0 running, 0 pending, 0 not started of 4"),
                    status.out());
            assertEquals(4, status.out().lines().filter(l -> l.matches("\\s+\\d+  finished .*success_rate.*")).count(),
                    status.out());
            Files.delete(onSlurm.resolve("sweep.csv"));
            CliRun collected = jarRun(work, slurm.env(), List.of("sweep", "--collect", "on-slurm"));
            assertEquals(0, collected.code(), collected.err());
            assertSameResults(local, onSlurm);

            // The same sweep submitted again: every run has finished, so nothing is submitted and the table is written.
            CliRun again = jarRun(work, slurm.env(), args(GRID, "--jobs", "2", "--executor", "slurm",
                    "--out", "on-slurm"));
            assertEquals(0, again.code(), again.err());
            assertEquals(4, again.err().lines().filter(l -> l.endsWith(": already done")).count(), again.err());
            assertTrue(again.err().contains("every run has finished"), again.err());
            assertEquals(1, Files.readAllLines(onSlurm.resolve(SlurmSweep.JOBS)).size(), "no job submitted");
            assertSameResults(local, onSlurm);

            // A second sweep, cancelled once its first run has finished (the last ones are then running or pending).
            CliRun second = jarRun(work, slurm.env(), args(GRID, "--jobs", "2", "--executor", "slurm",
                    "--out", "cancelled"));
            assertEquals(0, second.code(), second.err());
            String secondJob = second.out().strip();
            Path cancelled = work.resolve("cancelled");
            Path first = cancelled.resolve("ppo.lr=1e-3/seed-0").resolve(RunFolder.SUMMARY);
            for (int i = 0; i < 600 && !Files.exists(first); i++) {
                Thread.sleep(100);
            }
            assertTrue(Files.exists(first), "the first run of job " + secondJob + " did not finish within a minute");
            assertEquals(0, slurm.client("scancel", secondJob).code());
            for (int i = 0; i < 100 && slurm.client("squeue", "--noheader").out().contains(secondJob); i++) {
                Thread.sleep(100);
            }
            FileTime firstDone = Files.getLastModifiedTime(first);
            CliRun afterCancel = jarRun(work, slurm.env(), List.of("sweep", "--status", "cancelled"));
            assertEquals(0, afterCancel.code(), afterCancel.err());
            assertTrue(afterCancel.out().contains("    0  finished"), afterCancel.out());
            assertFalse(afterCancel.out().contains("4 done"), afterCancel.out());
            assertTrue(afterCancel.out().contains("0 running, 0 pending"), afterCancel.out());
            assertTrue(afterCancel.out().lines().filter(l -> l.contains("not started") || l.contains(" failed "))
                    .count() >= 2, afterCancel.out());

            CliRun resumed = jarRun(work, slurm.env(), List.of("sweep", "--resubmit-failed", "cancelled", "--wait"));
            assertEquals(0, resumed.code(), resumed.out() + resumed.err());
            List<String> jobs = Files.readAllLines(cancelled.resolve(SlurmSweep.JOBS));
            assertEquals(2, jobs.size(), jobs.toString());
            assertFalse(jobs.get(1).split("\t")[1].startsWith("0"), "the finished run is not submitted again: " + jobs);
            assertEquals(firstDone, Files.getLastModifiedTime(first), "the finished run was not trained again");
            assertSameResults(local, cancelled);
        }
        System.out.printf("SlurmSweepTest: cluster up in %.1f s, sweeps in %.1f s%n", (t1 - t0) / 1e9,
                (System.nanoTime() - t1) / 1e9);
    }

    /** The task logs of a sweep folder, for failure messages. */
    private static String logs(Path sweep) {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(sweep.resolve(SlurmSweep.LOGS))) {
            for (Path f : files.sorted().toList()) {
                b.append("\n--- ").append(f).append('\n').append(Files.readString(f));
            }
        } catch (IOException e) {
            b.append("\n(no logs: ").append(e.getMessage()).append(')');
        }
        return b.toString();
    }

    /** Same table (all but the wall time) and the same summary of every run (all but its wall time). */
    private static void assertSameResults(Path local, Path slurm) throws IOException {
        List<String> a = Files.readAllLines(local.resolve("sweep.csv"));
        List<String> b = Files.readAllLines(slurm.resolve("sweep.csv"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).substring(0, a.get(i).lastIndexOf(',')), b.get(i).substring(0, b.get(i).lastIndexOf(',')));
        }
        for (String run : List.of("ppo.lr=1e-3/seed-0", "ppo.lr=1e-3/seed-1", "ppo.lr=3e-4/seed-0", "ppo.lr=3e-4/seed-1")) {
            assertArrayEquals(withoutWall(local.resolve(run)), withoutWall(slurm.resolve(run)), run);
        }
    }

    private static String[] withoutWall(Path run) throws IOException {
        return Files.readAllLines(run.resolve(RunFolder.SUMMARY)).stream().filter(l -> !l.contains("wall_seconds"))
                .toArray(String[]::new);
    }

    @Test
    void slurmWithoutSbatchOnPathIsAOneLineUsageErrorSayingWhereSbatchComesFrom() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty-bin"));
        CliRun r = jarRun(tmp, Map.of("PATH", empty.toString()), args(GRID, "--executor", "slurm", "--out", "nope"));
        r.refused("error: --executor: ", TRACE, "sbatch", "not on PATH", "apt-get install slurm-client");
        assertFalse(Files.exists(tmp.resolve("nope")), "nothing is written");
    }
}
