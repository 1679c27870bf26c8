package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * In the lab window training must never take a core from the UI: trainer and update-worker threads run at
 * the OS's lowest priority (nice 19), through the JVM options that the launcher and pom.xml pass on Linux.
 * Read from {@code /proc}, so this checks what the kernel schedules, not what Java was asked.
 */
class TrainerPriorityTest {
    @Test
    void trainerAndUpdateWorkerThreadsRunAtNice19() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.isDirectory(Path.of("/proc/self/task")));
        ExperimentConfig cfg = ConfigSchema.withOverrides(TrainerTest.banditConfig(Algorithm.FPO, 0),
                Map.of("ppo.totalSteps", "100000000", "ppo.threads", "2", "ppo.shards", "2"));
        TrainingRun run = new TrainingRun("nice-check", () -> new Trainer(cfg, new BanditEnv(32)));
        run.start();
        try {
            Map<String, Integer> nice = new TreeMap<>();
            long deadline = System.nanoTime() + 30_000_000_000L;
            // The pool's worker may have served another test at normal priority; it takes this trainer's
            // priority when it starts this trainer's first job.
            while (!(Integer.valueOf(19).equals(nice.get("trainer-nice-ch"))
                    && Integer.valueOf(19).equals(nice.get("update-worker"))) && System.nanoTime() < deadline) {
                nice = niceByThreadName();
                Thread.sleep(50);
            }
            assertEquals(19, nice.get("trainer-nice-ch"), "trainer thread; all threads: " + nice);
            assertEquals(19, nice.get("update-worker"), "update worker; all threads: " + nice);
        } finally {
            run.close();
        }
        assertFalse(run.state() == TrainingRun.State.RUNNING);
    }

    /** Nice value per native thread name (Linux truncates names to 15 characters). */
    private static Map<String, Integer> niceByThreadName() throws IOException {
        Map<String, Integer> nice = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(t.resolve("comm")).trim();
                    nice.put(name, nice(Files.readString(t.resolve("stat"))));
                } catch (IOException gone) {
                    // the thread ended while we looked
                }
            }
        }
        return nice;
    }

    /** Field 19 of /proc/…/stat; counted after the command name's closing parenthesis, which may hold spaces. */
    private static int nice(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(f[16]);
    }
}
