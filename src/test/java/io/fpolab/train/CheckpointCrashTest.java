package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.env.Envs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process while it saves checkpoints and checks that the file on disk is always a complete,
 * verified checkpoint. A killed process cannot lose data the kernel already has, so this proves the
 * ordering (temp file, fsync, atomic rename) and the stale-temp cleanup, not survival of a power cut.
 */
class CheckpointCrashTest {
    private static final int KILLS = 60;

    @TempDir
    Path dir;

    @Test
    void checkpointSurvivesTheWriterBeingKilledAtRandomMoments() throws Exception {
        ExperimentConfig cfg = ConfigSchema.withOverride(ConfigIO.loadResource("/sample-configs/gridworld-fpo-fast.json"),
                "ppo.totalSteps", "4096");
        Trainer trainer = new Trainer(cfg, Envs.create(cfg.env()));
        trainer.iterate();
        Path a = dir.resolve("a.ckpt");
        Checkpoint.capture(trainer, ConfigIO.toJson(cfg)).write(a);
        trainer.iterate();
        Path b = dir.resolve("b.ckpt");
        Checkpoint.capture(trainer, ConfigIO.toJson(cfg)).write(b);
        List<byte[]> versions = List.of(Files.readAllBytes(a), Files.readAllBytes(b));

        Path runDir = Files.createDirectory(dir.resolve("run"));
        Path target = runDir.resolve("checkpoint.ckpt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(42);
        int killedMidWrite = 0;
        long t0 = System.nanoTime();
        for (int k = 0; k < KILLS; k++) {
            Process child = new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), CheckpointWriterMain.class.getName(), target.toString(),
                    a.toString(), b.toString()).redirectErrorStream(true).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                        StandardCharsets.UTF_8));
                String line = out.readLine();
                if (!"ready".equals(line)) {
                    fail("writer " + k + " did not start: " + line);
                }
                // Up to 30 ms of writing: a write of this ~0.2 MB file takes about a millisecond, so kills
                // land in every phase (creating the temp file, writing, fsync, rename, between writes).
                Thread.sleep(random.nextInt(30));
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(10, TimeUnit.SECONDS), "writer " + k + " did not die");
            }

            byte[] onDisk = Files.readAllBytes(target);
            Checkpoint.read(target);
            assertTrue(versions.stream().anyMatch(v -> Arrays.equals(v, onDisk)),
                    "kill " + k + ": the file is neither of the two checkpoints the writer saves");
            List<Path> temps = temps(runDir);
            // Each writer removes the temp files of the dead writers before it on its first save, so only the
            // one this kill interrupted can be left.
            assertTrue(temps.size() <= 1, "kill " + k + ": temp files piled up: " + temps);
            killedMidWrite += temps.size();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%d kills in %.1f s, %d mid-write%n", KILLS, seconds, killedMidWrite);
        assertTrue(killedMidWrite > 0, "no kill landed inside a write, so the test proved nothing");
        try (Stream<Path> files = Files.list(runDir)) {
            assertEquals(1, files.filter(p -> !p.getFileName().toString().endsWith(".tmp")).count());
        }
    }

    private static List<Path> temps(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
