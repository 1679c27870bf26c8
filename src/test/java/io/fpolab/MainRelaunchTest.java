package io.fpolab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar} starts without the Vector API module; {@link Main} then runs the program in a child
 * JVM that has it. Checked on real JVMs started without the module.
 */
class MainRelaunchTest {
    private static final String SAMPLE = Path.of("sample-configs", "gridworld-fpo.json").toString();

    @Test
    void aJvmWithoutTheModuleRunsTheCommandInAChildThatHasIt() throws Exception {
        Result r = run(List.of(), "validate", SAMPLE);
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("gridworld-fpo.json"), r.out);
        // Only a JVM started with --add-modules jdk.incubator.vector prints this.
        assertTrue(r.err.contains("Using incubator modules: jdk.incubator.vector"), r.err);
    }

    @Test
    void onLinuxTheChildMapsTheLowestJavaPriorityToNice19UnlessThePolicyWasChosen() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        assertEquals(List.of("-XX:ThreadPriorityPolicy=1", "-XX:JavaPriority1_To_OSPriority=19",
                "-XX:JavaPriority8_To_OSPriority=0", "-XX:JavaPriority9_To_OSPriority=0",
                "-XX:JavaPriority10_To_OSPriority=0"),
                Main.threadPriorityOptions(List.of("-Xmx2g"), 0));
        assertEquals(List.of(), Main.threadPriorityOptions(List.of("-XX:ThreadPriorityPolicy=0"), 0));
    }

    @Test
    void aNicedLauncherGivesNoThreadOfTheChildALowerNiceValue() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        // HotSpot's defaults for priorities 2 and 3 (nice 3 and 2) are already at least 2.
        assertEquals(List.of("-XX:ThreadPriorityPolicy=1", "-XX:JavaPriority1_To_OSPriority=19",
                "-XX:JavaPriority4_To_OSPriority=2", "-XX:JavaPriority5_To_OSPriority=2",
                "-XX:JavaPriority6_To_OSPriority=2", "-XX:JavaPriority7_To_OSPriority=2",
                "-XX:JavaPriority8_To_OSPriority=2", "-XX:JavaPriority9_To_OSPriority=2",
                "-XX:JavaPriority10_To_OSPriority=2"),
                Main.threadPriorityOptions(List.of(), 2));
        List<String> at19 = Main.threadPriorityOptions(List.of(), 19);
        assertEquals(11, at19.size(), at19.toString());
        assertTrue(at19.stream().skip(1).allMatch(o -> o.endsWith("_To_OSPriority=19")), at19.toString());
    }

    @Test
    void theNiceValueIsReadAfterACommandNameWithSpacesAndParentheses() {
        String stat = "4242 (my (odd) java) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 3 0 0 39 19 20 0 12 34 56";
        assertEquals(19, Main.niceFromStat(stat));
        assertEquals(0, Main.niceFromStat("1 (java) R 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 1 1 1"));
    }

    @Test
    void onLinuxAChildStartedUnderNiceKeepsEveryThreadAtLeastThatNice(@TempDir Path dir) throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/task")), "needs /proc to read threads' nice values");
        assumeTrue(new ProcessBuilder("nice", "-n", "0", "true").start().waitFor() == 0, "needs nice(1)");
        Launched l = launchBlockedChild(dir, List.of("nice", "-n", "7"));
        try {
            List<String> threads = new java.util.ArrayList<>();
            try (var tasks = Files.list(Path.of("/proc", Long.toString(l.child.pid()), "task"))) {
                for (Path task : tasks.toList()) {
                    String stat = Files.readString(task.resolve("stat"));
                    threads.add(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')) + "="
                            + Main.niceFromStat(stat));
                }
            }
            assertTrue(threads.size() > 5, threads.toString());
            assertTrue(threads.stream().allMatch(s -> Integer.parseInt(s.substring(s.lastIndexOf('=') + 1)) >= 7),
                    "threads below nice 7: " + threads);
        } finally {
            l.parent.destroyForcibly();
        }
    }

    @Test
    void theWindowGetsZgcUnlessAGcWasChosenAndCommandsKeepTheDefault() {
        assertEquals(List.of("-XX:+UseZGC"), Main.windowGcOptions(List.of("-Xmx2g"), new String[0]));
        assertEquals(List.of(), Main.windowGcOptions(List.of("-XX:+UseG1GC"), new String[0]));
        assertEquals(List.of(), Main.windowGcOptions(List.of("-XX:+UseParallelGC"), new String[0]));
        assertEquals(List.of(), Main.windowGcOptions(List.of(), new String[] {"train", "--config", "x.json"}));
    }

    @Test
    void theWindowHasNoPeriodicSafepointsUnlessTheirIntervalWasChosenAndCommandsKeepThem() {
        assertEquals(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:GuaranteedSafepointInterval=0"),
                Main.windowSafepointOptions(List.of("-Xmx2g"), new String[0]));
        assertEquals(List.of(), Main.windowSafepointOptions(List.of("-XX:GuaranteedSafepointInterval=500"),
                new String[0]));
        assertEquals(List.of(), Main.windowSafepointOptions(List.of(), new String[] {"bench"}));
    }

    @Test
    void theChildKeepsColdCompiledCode() throws Exception {
        // Both JVMs print their flags; only the child was given the option.
        Result r = run(List.of("-XX:+PrintFlagsFinal"), "validate", SAMPLE);
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.matches("(?s).*UseCodeCacheFlushing\\s+= false.*"), "the child flushes cold code");
        assertTrue(r.out.matches("(?s).*UseCodeCacheFlushing\\s+= true.*"), "the launcher has the default");
    }

    @Test
    void theChildGetsOneOpenMpThreadAndItsOwnMallocArenasUnlessTheEnvironmentChose() {
        Map<String, String> added = Main.childEnvironment(Map.of());
        assertEquals("1", added.get("OMP_NUM_THREADS"));
        assertEquals(System.getProperty("os.name").startsWith("Linux") ? "128" : null, added.get("MALLOC_ARENA_MAX"));
        assertEquals(Map.of(), Main.childEnvironment(Map.of("OMP_NUM_THREADS", "2", "MALLOC_ARENA_MAX", "4")));
    }

    @Test
    void theChildsExitCodeComesBack() throws Exception {
        Result r = run(List.of(), "validate", "no-such-file.json");
        assertEquals(2, r.code, r.out + r.err);
        assertTrue(r.err.contains("Using incubator modules"), r.err);
        assertTrue((r.out + r.err).contains("no-such-file.json"), r.out + r.err);
    }

    @Test
    void helpAndVersionAndTheOptOutDoNotRelaunch() throws Exception {
        Result version = run(List.of(), "--version");
        assertEquals(0, version.code, version.err);
        assertFalse(version.err.contains("incubator"), version.err);
        Result optOut = run(List.of("-Dfpolab.relaunch=false"), "validate", SAMPLE);
        assertEquals(0, optOut.code, optOut.err);
        assertFalse(optOut.err.contains("incubator"), optOut.err);
    }

    @Test
    void aSigkillOfTheLauncherStopsTheChildWithinASecond(@TempDir Path dir) throws Exception {
        Launched l = launchBlockedChild(dir);
        l.parent.destroyForcibly(); // SIGKILL: no shutdown hook runs
        long killed = System.nanoTime();
        while (running(l.child) && System.nanoTime() - killed < 10_000_000_000L) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - killed) / 1e9;
        assertFalse(running(l.child), "the child outlived its killed launcher by 10 s");
        assertTrue(seconds <= 1.0, "the child stopped " + seconds + " s after its launcher was killed");
    }

    @Test
    void onLinuxARealChildRunsWithItsOwnMallocArenas(@TempDir Path dir) throws Exception {
        Path environ = Path.of("/proc/self/environ");
        assumeTrue(Files.exists(environ), "needs /proc to read a process's environment");
        Launched l = launchBlockedChild(dir);
        try {
            String env = new String(Files.readAllBytes(Path.of("/proc", Long.toString(l.child.pid()), "environ")),
                    StandardCharsets.UTF_8);
            assertTrue(List.of(env.split("\0")).contains("MALLOC_ARENA_MAX=128"), env);
        } finally {
            l.parent.destroyForcibly();
        }
    }

    @Test
    void aKilledChildIsSeenByTheLauncher(@TempDir Path dir) throws Exception {
        Launched l = launchBlockedChild(dir);
        l.child.destroyForcibly();
        assertTrue(l.parent.waitFor(10, TimeUnit.SECONDS), "the launcher kept waiting for a dead child");
        assertEquals(128 + 9, l.parent.exitValue());
    }

    /**
     * Whether the process still runs. An ended child of a killed launcher stays a zombie until the
     * system's reaper collects it, which {@link ProcessHandle#isAlive} counts as alive; on Linux the
     * process state tells them apart.
     */
    private static boolean running(ProcessHandle p) throws IOException {
        Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
        if (!Files.exists(stat)) {
            return p.isAlive();
        }
        try {
            String s = Files.readString(stat);
            return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    private record Launched(Process parent, ProcessHandle child) {
    }

    /**
     * A launcher whose child blocks, without using the CPU, in {@code validate} of a named pipe that nothing
     * writes to; returned once the child JVM runs (its incubator warning is printed) and had time to reach main.
     */
    private static Launched launchBlockedChild(Path dir) throws Exception {
        return launchBlockedChild(dir, List.of());
    }

    /** {@link #launchBlockedChild(Path)} with the launcher started through {@code prefix} ({@code nice -n 7}). */
    private static Launched launchBlockedChild(Path dir, List<String> prefix) throws Exception {
        Path fifo = dir.resolve("never-written.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "needs mkfifo for a child that blocks");
        List<String> cmd = new java.util.ArrayList<>(prefix);
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "validate", fifo.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().remove("MALLOC_ARENA_MAX");
        Process parent = pb.start();
        long start = System.nanoTime();
        ProcessHandle child = null;
        while (System.nanoTime() - start < 60_000_000_000L) {
            child = parent.toHandle().children().findFirst().orElse(null);
            if (child != null && Files.readString(dir.resolve("out.txt")).contains("Using incubator modules")) {
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(child != null && child.isAlive(), "no child JVM: " + Files.readString(dir.resolve("out.txt")));
        Thread.sleep(1000);
        assertTrue(child.isAlive(), "the child ended early: " + Files.readString(dir.resolve("out.txt")));
        return new Launched(parent, child);
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
