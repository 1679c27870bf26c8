package io.fpolab;

import io.fpolab.cli.LabCommand;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Entry point of {@code fpo-lab.jar}. With no arguments it opens the lab window; with arguments it
 * runs a headless subcommand ({@code train}, {@code figure}, {@code bench}, ...).
 *
 * <p>This class deliberately does not extend {@code javafx.application.Application}: a launcher that
 * does would make {@code java -jar} refuse to start when JavaFX sits on the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (Boolean.getBoolean(WATCH_PARENT)) {
            stopWhenParentDies(System.in);
        }
        OptionalInt relaunched = relaunchWithVectorModule(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        configureNativeMemory();
        if (args.length == 0) {
            io.fpolab.ui.LabApp.launchLab(args);
            return;
        }
        System.exit(LabCommand.run(args));
    }

    /**
     * Turns off JavaCPP's physical-memory check, which reads /proc on every native allocation (~6 % of a
     * training iteration here). Off-heap use is bounded by workspaces instead. Must run before ND4J loads;
     * an explicit {@code -Dorg.bytedeco.javacpp.maxPhysicalBytes} wins.
     */
    static void configureNativeMemory() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }

    /**
     * Runs the program again in a child JVM that has the Vector API module, when {@code java -jar} started
     * this one without it: the SiLU kernels ({@code core.nn.VectorKernels}, ~2× faster FPO updates) need
     * {@code --add-modules jdk.incubator.vector}, which a jar manifest cannot ask for. The child gets the
     * same JVM options, class path, arguments, console output and exit code, and the environment of
     * {@link #childEnvironment}. A JVM that has the module is relaunched too when on Linux
     * {@code MALLOC_ARENA_MAX} is unset ({@code mvn javafx:run}), since only a new process picks it up.
     * Not done for {@code --help} or
     * {@code --version}, when the runtime lacks the module, or with {@code -Dfpolab.relaunch=false}; the
     * program then runs here on ND4J's slower SiLU.
     *
     * <p>Parent and child share one lifetime. The child's standard input is a pipe from this JVM that
     * nothing ever writes to; the child stops as soon as that pipe closes ({@link #stopWhenParentDies}),
     * which the kernel does when this JVM ends for any reason, a SIGKILL included, so no trainer is left
     * writing into a run folder nobody waits for. A shutdown hook stops the child on a normal stop
     * (Ctrl+C, SIGTERM) too, and this JVM exits with whatever the child exits with (a killed child's
     * 128 + signal included).
     *
     * @return the child's exit code, or empty when this JVM should run the program itself
     */
    static OptionalInt relaunchWithVectorModule(String[] args) {
        boolean infoOnly = args.length > 0 && args[0].startsWith("-");
        boolean hasModule = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
        if (infoOnly || (hasModule && childEnvironment(System.getenv()).isEmpty())
                || "false".equalsIgnoreCase(System.getProperty(RELAUNCH))
                || ModuleFinder.ofSystem().find(VECTOR_MODULE).isEmpty()) {
            return OptionalInt.empty();
        }
        Optional<String> java = ProcessHandle.current().info().command();
        if (java.isEmpty()) {
            return OptionalInt.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        command.addAll(jvmOptions);
        command.addAll(threadPriorityOptions(jvmOptions, processNice()));
        if (jvmOptions.stream().noneMatch(o -> o.contains("UseCodeCacheFlushing"))) {
            command.add(NO_CODE_CACHE_FLUSHING);
        }
        command.addAll(windowGcOptions(jvmOptions, args));
        command.addAll(windowSafepointOptions(jvmOptions, args));
        command.addAll(List.of("--add-modules", VECTOR_MODULE, "-D" + RELAUNCH + "=false", "-D" + WATCH_PARENT + "=true",
                "-D" + io.fpolab.ui.LabApp.LAUNCHED_AT + "=" + ManagementFactory.getRuntimeMXBean().getStartTime(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process child;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO().redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().putAll(childEnvironment(System.getenv()));
            child = pb.start();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        // If this JVM is stopped (Ctrl+C, kill), the child goes with it.
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        while (true) {
            try {
                return OptionalInt.of(child.waitFor());
            } catch (InterruptedException e) {
                // keep waiting: the child owns the work
            }
        }
    }

    /**
     * Environment variables the child JVM gets on top of this one's, each only when the environment does not
     * set it already:
     * <ul>
     * <li>{@code OMP_NUM_THREADS=1}: the lab runs its own threads above ND4J, and two OpenMP threads per call on
     * two cores made training ~4× slower here.
     * <li>{@code MALLOC_ARENA_MAX=128} on Linux: enough malloc arenas that each of the JVM's threads keeps its
     * own. glibc's default (8 per core) makes threads share arenas, and the FX thread shared one with a trainer:
     * while the demo trained it waited up to 300 ms on that arena's lock (sampled: the FX thread in
     * {@code futex} on the arena's mutex for the whole frame gap) whenever a trainer at nice 19 was preempted
     * holding it, which happened during garbage collections, when the collector's threads take the cores. With
     * it (and the trainers' scratch arrays, {@code core.nn.Scratch}) the worst frame gap while the demo trained was
     * 45–61 ms in four runs, against 93–462 ms before. Arenas cost only reserved address space until used.
     * </ul>
     */
    static Map<String, String> childEnvironment(Map<String, String> environment) {
        Map<String, String> add = new LinkedHashMap<>();
        add.put(OMP_THREADS, "1");
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            add.put(MALLOC_ARENAS, "128");
        }
        add.keySet().removeAll(environment.keySet());
        return add;
    }

    /**
     * Keeps compiled code that has gone cold instead of sweeping it out. Each sweep makes every Java thread answer
     * a handshake, and a trainer at the lowest priority answers late: one took 100 ms while the Figure 1 demo
     * trained and the FX thread drew no frame meanwhile (JFR). Without flushing, the worst frame gap while the
     * demo trained was under 50 ms in 4 of 6 runs against 2 of 6 with it. The lab's compiled code is a small part
     * of the code cache, so nothing needs flushing. The same option is in pom.xml for the tests and javafx:run.
     */
    static final String NO_CODE_CACHE_FLUSHING = "-XX:-UseCodeCacheFlushing";

    /**
     * The lab window's garbage collector: ZGC, whose pauses stay under a millisecond, unless the user chose one.
     * With the default G1 the worst frame gap while the Figure 1 demo trained was 57–80 ms in three runs, with
     * gaps of 40–60 ms every second or so (young-generation pauses that wait for a trainer at the lowest priority
     * to reach a safepoint); with ZGC 25–33 ms in four of six runs. ZGC costs training speed (the demo's FPO run
     * took 22–24 s instead of 20.5 s), so headless commands, where nothing is drawn, keep G1.
     */
    static List<String> windowGcOptions(List<String> jvmOptions, String[] args) {
        boolean window = args.length == 0;
        boolean chosen = jvmOptions.stream().anyMatch(o -> o.matches("-XX:[+-]Use\\w*GC"));
        return window && !chosen ? List.of("-XX:+UseZGC") : List.of();
    }

    /**
     * The lab window's JVM makes no periodic safepoints, unless the user set their interval: by default HotSpot
     * stops every thread about once a second for cleanup work that the next garbage collection does anyway. A
     * safepoint waits for the slowest thread to reach it, here a trainer at the lowest priority on a busy core, and
     * the FX thread stops as soon as it leaves native code meanwhile (one such safepoint took 168 ms to reach and
     * left a 176 ms gap between frames). With the Figure 1 demo training, the worst frame gap was under 50 ms in 15
     * of 15 runs without periodic safepoints against 6 of 13 with them (`DemoTiming`, GTK). A diagnostic option of
     * HotSpot, hence the unlock; headless commands keep the default. The same options are in pom.xml for the tests
     * and {@code javafx:run}.
     */
    static List<String> windowSafepointOptions(List<String> jvmOptions, String[] args) {
        boolean window = args.length == 0;
        boolean chosen = jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:GuaranteedSafepointInterval"));
        return window && !chosen ? List.of("-XX:+UnlockDiagnosticVMOptions", NO_PERIODIC_SAFEPOINTS) : List.of();
    }

    /** HotSpot's interval between periodic safepoints, 0 for none; see {@link #windowSafepointOptions}. */
    static final String NO_PERIODIC_SAFEPOINTS = "-XX:GuaranteedSafepointInterval=0";

    /**
     * JVM options that make Java thread priorities OS priorities on Linux, where HotSpot ignores them by
     * default: priority 5 (normal) stays nice 0 and the lowest, 1, becomes nice 19. The lab's trainer and update
     * threads run at the lowest priority, so in the lab window the FX and render threads get a core first while
     * training holds both (a trainer must then never hold a lock the FX thread needs: see
     * {@code io.fpolab.ui.util.FxRelay}); headless, training competes with nothing.
     * Raising a thread above normal needs root and is silently skipped otherwise; the JVM asks for it for its
     * own threads (JIT compilers and GC at priority 9, nice -4; the Reference Handler and JavaCPP's deallocator
     * at 10, nice -5; cleaners at 8), so run as root they would take a core from the FX thread. Priorities 8 to 10
     * are mapped to nice 0, as they end up for any other user.
     *
     * <p>Under this policy HotSpot sets every new thread's nice value itself instead of letting it inherit the
     * process's, so run as root, {@code nice -n 19 java -jar fpo-lab.jar sweep …} would train at nice 0. Started
     * at a nice value {@code nice} above 0, no priority maps below it: a niced sweep stays niced (the JVM's own
     * threads included).
     * The same options (for nice 0) are in pom.xml for {@code mvn javafx:run} and the tests. Empty elsewhere, or
     * when the JVM was started with its own {@code ThreadPriorityPolicy}.
     */
    static List<String> threadPriorityOptions(List<String> jvmOptions, int nice) {
        boolean linux = System.getProperty("os.name", "").startsWith("Linux");
        boolean chosen = jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:ThreadPriorityPolicy"));
        if (!linux || chosen) {
            return List.of();
        }
        List<String> options = new ArrayList<>(List.of("-XX:ThreadPriorityPolicy=1",
                "-XX:JavaPriority1_To_OSPriority=" + Math.max(19, nice)));
        for (int p = 2; p <= 10; p++) {
            int mapped = p >= 8 ? 0 : HOTSPOT_LINUX_NICE[p];
            int os = nice > 0 ? Math.max(mapped, nice) : mapped;
            if (os != HOTSPOT_LINUX_NICE[p]) {
                options.add("-XX:JavaPriority" + p + "_To_OSPriority=" + os);
            }
        }
        return options;
    }

    /** HotSpot's nice value for each Java priority on Linux under {@code ThreadPriorityPolicy=1} (os_linux.cpp). */
    private static final int[] HOTSPOT_LINUX_NICE = {19, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5};

    /**
     * This process's nice value, from field 19 of {@code /proc/self/stat} (counted after the command name, which
     * may hold spaces and parentheses); 0 where that file is missing or unreadable.
     */
    static int processNice() {
        try {
            return niceFromStat(Files.readString(Path.of("/proc/self/stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The nice value in a {@code /proc/<pid>/stat} line. */
    static int niceFromStat(String stat) {
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Integer.parseInt(after[16]);
    }

    /**
     * Stops this JVM when {@code parentPipe} reaches its end, i.e. when the launcher that holds the pipe's
     * other end has died; see {@link #relaunchWithVectorModule}. Files are never left half-written by
     * this ({@code AtomicFiles}), so the stop does not wait for the work: shutdown hooks get half a
     * second, then the JVM halts.
     */
    static void stopWhenParentDies(java.io.InputStream parentPipe) {
        Thread watcher = new Thread(() -> {
            try {
                while (parentPipe.read() >= 0) {
                    // The launcher writes nothing; any byte is ignored.
                }
            } catch (IOException e) {
                // A broken pipe means the same as its end: the launcher is gone.
            }
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    // halt at once
                }
                Runtime.getRuntime().halt(PARENT_DIED);
            }, "fpolab-parent-gone-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(PARENT_DIED);
        }, "fpolab-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Exit code of a child whose launcher died (128 + SIGHUP, as a shell reports a hung-up job). */
    static final int PARENT_DIED = 129;

    private static final String WATCH_PARENT = "fpolab.watchParent";
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final String OMP_THREADS = "OMP_NUM_THREADS";
    static final String MALLOC_ARENAS = "MALLOC_ARENA_MAX";
    private static final String RELAUNCH = "fpolab.relaunch";
    private static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
}
