package io.fpolab.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.TestConfigs;
import io.fpolab.runs.RunFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFoldersTest {
    @TempDir
    Path tmp;

    @Test
    void aSweepFolderOpensWithEveryRunNamedByItsSettingAndSeed() throws IOException {
        Path sweep = tmp.resolve("sweep");
        run(sweep.resolve("env.id=cartpole-swingup/seed-16"));
        run(sweep.resolve("env.id=point_mass-easy/seed-15"));
        run(sweep.resolve("env.id=cartpole-swingup/seed-15"));
        Files.writeString(sweep.resolve("sweep.csv"), "setting,seeds\n");

        List<String> names = read(sweep).stream().map(RunFolder.Loaded::name).toList();
        assertEquals(List.of("env.id=cartpole-swingup/seed-15", "env.id=cartpole-swingup/seed-16",
                "env.id=point_mass-easy/seed-15"), names);
        assertEquals(List.of("seed-15", "seed-16"), read(sweep.resolve("env.id=cartpole-swingup")).stream()
                .map(RunFolder.Loaded::name).toList());
        // One run of a sweep: "seed-15" would say nothing, so it gets the name a new run of its config gets.
        assertEquals("FPO · gridworld · s0",
                read(sweep.resolve("env.id=point_mass-easy/seed-15")).get(0).name());
    }

    @Test
    void anExportedRunKeepsItsOwnName() throws IOException {
        run(tmp.resolve("fpo-gridworld-seed-0"));
        assertEquals("fpo-gridworld-seed-0", read(tmp.resolve("fpo-gridworld-seed-0")).get(0).name());
    }

    @Test
    void aRunKeepsTheNameItWasGivenAndOpensUnderItAgain() throws IOException {
        Path dir = tmp.resolve("experiment");
        String name = "baseline · lr=1e-3 / tuned";
        List<Path> written = RunFolder.writeExperiment(dir, List.of(new RunFolder.Snapshot(name,
                TestConfigs.base(Algorithm.FPO), List.of(), List.of(), null, null)));
        assertEquals(List.of(name), read(dir).stream().map(RunFolder.Loaded::name).toList());
        assertEquals(written.get(0), read(written.get(0)).get(0).folder());

        RunFolder.writeName(written.get(0), "renamed later");
        assertEquals("renamed later", read(written.get(0)).get(0).name());
        // An empty name file leaves the folder's own name.
        Files.writeString(written.get(0).resolve(RunFolder.NAME_FILE), "\n");
        assertEquals(written.get(0).getFileName().toString(), read(written.get(0)).get(0).name());
    }

    @Test
    void aFolderWithoutRunsIsAClearError() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("nothing/here/at/all"));
        run(tmp.resolve("nothing/here/at/all/too-deep"));
        IOException e = assertThrows(IOException.class, () -> read(tmp.resolve("nothing")));
        assertTrue(e.getMessage().contains("not a run folder"), e.getMessage());
        assertTrue(Files.isDirectory(empty));
    }

    @Test
    void aMetricsFileOutsideTheInputPolicyIsRefusedNamingIt() throws IOException {
        Path dir = tmp.resolve("binary-metrics");
        run(dir);
        Path metrics = dir.resolve(RunFolder.METRICS);
        Files.write(metrics, new byte[] {'i', 't', 0, 1, 2, (byte) 0xFF, '\n'});
        io.fpolab.core.ConfigException e = assertThrows(io.fpolab.core.ConfigException.class,
                () -> read(dir));
        assertTrue(e.getMessage().contains(metrics.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    /** Reads as the lab's "Open run folder" does. */
    private static List<RunFolder.Loaded> read(Path dir) throws IOException {
        return RunFolder.read(dir, Labels::defaultRunName);
    }

    private static void run(Path dir) throws IOException {
        Files.createDirectories(dir);
        ConfigIO.write(dir.resolve(RunFolder.CONFIG), TestConfigs.base(Algorithm.FPO));
    }
}
