package io.fpolab.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.TestConfigs;
import io.fpolab.train.Checkpoint;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run folders written by {@link RunFolder} read back as they were written, folders written before it (the
 * fixtures under {@code src/test/resources/run-folders}, made by {@code fpo-lab train} and by the lab's export)
 * still read and are written again byte for byte, and a {@code metrics.csv} row CSV cannot read is named by file
 * and line.
 */
class RunFolderTest {
    private static final Function<ExperimentConfig, String> UNNAMED = c -> "unnamed";

    @TempDir
    Path tmp;

    @Test
    void aWrittenFolderReadsBackWithTheSameConfigMetricsSummaryAndCheckpoint() throws IOException {
        // The checkpoint only goes with the config it was trained with.
        ExperimentConfig cfg = RunFolder.readConfig(fixture("train"));
        // Evaluation keys with a comma and a quote need quoting; the history has missing values and evaluations.
        List<String> keys = List.of("success_rate", "saddle \"top\", share");
        // 1234567.5 is written as 1.23457e+06: a '+' that CSV does not quote, as the earlier writers did not.
        List<IterationStats> history = List.of(stats(1, 1234567.5, Map.of()),
                stats(2, Double.NaN, Map.of("success_rate", 0.5, "saddle \"top\", share", 0.125)),
                stats(3, -3.5e-7, Map.of("success_rate", 1.0)));
        Checkpoint checkpoint = Checkpoint.read(fixture("train").resolve(RunFolder.CHECKPOINT));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("name", "test");
        summary.put("iterations", 3);
        summary.put("train_return", null);
        summary.put("saddle", Map.of("cell", List.of(12, 12)));
        Path dir = tmp.resolve("run");

        RunFolder.write(dir, new RunFolder.Snapshot("my run", cfg, history, keys, checkpoint, summary));

        RunFolder.Loaded back = RunFolder.read(dir, UNNAMED).get(0);
        assertEquals("my run", back.name());
        assertEquals(ConfigIO.toJson(cfg), ConfigIO.toJson(back.config()));
        assertEquals(1.23457e+06, back.history().get(0).returnMean());
        assertEquals(history.subList(1, 3), back.history().subList(1, 3));
        assertEquals(checkpoint.iteration(), back.checkpoint().iteration());
        assertEquals(dir, back.folder());
        assertEquals(summary, RunFolder.finishedSummary(dir, cfg));
        assertTrue(Files.readString(dir.resolve(RunFolder.METRICS))
                .startsWith(String.join(",", IterationStats.COLUMNS) + ",success_rate,\"saddle \"\"top\"\", share\"\n"
                        + "1,256,0.500000,0,1.23457e+06,,"));
    }

    @Test
    void aFolderWrittenWhileTrainingMatchesTheTrainerAndTheLabsExportOfTheSameRun() throws IOException {
        ExperimentConfig cfg = ConfigSchema.withOverride(TestConfigs.base(Algorithm.FPO), "ppo.totalSteps", "512");
        Trainer trainer = RunFolder.trainer(cfg);
        List<String> keys = RunFolder.evaluationKeys(trainer);
        Path dir = tmp.resolve("trained");
        List<IterationStats> history = new ArrayList<>();
        Map<String, Object> summary;
        try (RunFolder.Writer folder = RunFolder.create(dir, cfg, keys)) {
            while (!trainer.isDone()) {
                IterationStats s = trainer.iterate();
                history.add(s);
                folder.append(s);
            }
            // Each row is on disk as soon as it is appended: a killed run keeps its metrics.
            assertEquals(1 + history.size(), Files.readAllLines(dir.resolve(RunFolder.METRICS)).size());
            summary = folder.finish(trainer, history.get(history.size() - 1));
        }
        // The trainer came with its evaluator: the last iteration evaluated, under the keys of the CSV.
        assertEquals(keys, List.copyOf(history.get(1).evaluation().keySet()));

        RunFolder.Loaded back = RunFolder.read(dir, UNNAMED).get(0);
        assertEquals("trained", back.name());
        assertEquals(2, back.history().size());
        assertEquals(trainer.iteration(), back.checkpoint().iteration());
        assertEquals(RunFolder.summaryJson(summary), RunFolder.summaryJson(RunFolder.finishedSummary(dir, cfg)));
        assertFalse(Files.exists(dir.resolve(RunFolder.NAME_FILE)));

        Path exported = tmp.resolve("exported");
        RunFolder.write(exported, new RunFolder.Snapshot("x", cfg, history, keys,
                Checkpoint.capture(trainer, ConfigIO.toJson(cfg)), summary));
        for (String f : List.of(RunFolder.CONFIG, RunFolder.METRICS, RunFolder.SUMMARY, RunFolder.CHECKPOINT)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(f)), Files.readAllBytes(exported.resolve(f)), f);
        }
        assertEquals(trainer.iteration(), RunFolder.restore(dir, "DIR", false, c -> c).iteration());
    }

    @Test
    void aFolderWrittenByTrainBeforeThisClassReadsAndRestores() throws IOException {
        Path dir = fixture("train");
        RunFolder.Loaded run = RunFolder.read(dir, UNNAMED).get(0);

        assertEquals("train", run.name());
        assertEquals("tiny fixture", run.config().name());
        assertEquals(List.of(64L, 128L, 192L), run.history().stream().map(IterationStats::envSteps).toList());
        assertEquals(Map.of(), run.history().get(0).evaluation());
        assertEquals(0.75, run.history().get(1).evaluation().get("success_rate"));
        assertEquals(62.0, run.history().get(1).evaluation().get("mean_episode_length"));
        assertEquals(-3.30422e-05, run.history().get(0).policyLoss());
        assertTrue(Double.isNaN(run.history().get(1).returnMean()));
        assertEquals(3, run.checkpoint().iteration());
        assertEquals(0.75, RunFolder.finishedSummary(dir, run.config()).get("success_rate"));
        assertTrue(RunFolder.canRestore(dir));
        assertEquals(192L, RunFolder.restore(dir, "DIR", false, c -> c).envSteps());
    }

    @Test
    void aFolderExportedByTheLabBeforeThisClassReadsAndIsWrittenAgainByteForByte() throws IOException {
        Path experiment = fixture("lab-export");
        RunFolder.Loaded run = RunFolder.read(experiment, UNNAMED).get(0);
        assertEquals("baseline · lr=3e-4 / tuned", run.name());
        Path old = run.folder();
        String header = Files.readString(old.resolve(RunFolder.METRICS)).lines().findFirst().orElseThrow();
        List<String> evalKeys = Arrays.asList(header.split(",")).subList(IterationStats.COLUMNS.length,
                header.split(",").length);

        List<Path> again = RunFolder.writeExperiment(tmp, List.of(new RunFolder.Snapshot(run.name(), run.config(),
                run.history(), evalKeys, run.checkpoint(), RunFolder.finishedSummary(old, run.config()))));

        assertEquals(old.getFileName(), again.get(0).getFileName());
        try (Stream<Path> files = Files.list(old)) {
            for (Path f : files.toList()) {
                assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again.get(0).resolve(f.getFileName())),
                        f.getFileName().toString());
            }
        }
    }

    @Test
    void aMalformedMetricsRowIsOneLineNamingTheFileAndLine() throws IOException {
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir);
        ConfigIO.write(dir.resolve(RunFolder.CONFIG), TestConfigs.base(Algorithm.FPO));
        Path metrics = dir.resolve(RunFolder.METRICS);
        Files.writeString(metrics, "iteration,env_steps,return_mean\r\n1,256,2.5\r\n\r\n3,\"768,4\r\n4,1024,5\r\n");

        IOException e = assertThrows(IOException.class, () -> RunFolder.read(dir, UNNAMED));
        assertEquals(metrics + ": line 4: Missing closing quote for value", e.getMessage());

        Files.writeString(metrics, "iteration,env_steps,return_mean\n1,256,2.5\n2,512\n");
        e = assertThrows(IOException.class, () -> RunFolder.read(dir, UNNAMED));
        assertEquals(metrics + ": line 3: 2 cells, expected 3", e.getMessage());

        Files.writeString(metrics, "iteration,env_steps,return_mean\n\n1,256,2.5\n2,512,lots\n");
        e = assertThrows(IOException.class, () -> RunFolder.read(dir, UNNAMED));
        assertEquals(metrics + ": line 4, column 3: 'lots' is not a number", e.getMessage());
    }

    @Test
    void aRunFolderNeedsAConfigAndRestoringNeedsACheckpointToo() throws IOException {
        Path dir = tmp.resolve("config-only");
        Files.createDirectories(dir);
        assertFalse(RunFolder.isRun(dir));
        ConfigIO.write(dir.resolve(RunFolder.CONFIG), TestConfigs.base(Algorithm.FPO));
        assertTrue(RunFolder.isRun(dir));
        assertFalse(RunFolder.canRestore(dir));
        assertNotNull(RunFolder.read(dir, UNNAMED).get(0).config());
        io.fpolab.core.ConfigException e = assertThrows(io.fpolab.core.ConfigException.class,
                () -> RunFolder.restore(dir, "--run", false, c -> c));
        assertTrue(e.getMessage().startsWith("--run: '" + dir + "' has no config.json and checkpoint.ckpt"),
                e.getMessage());
    }

    private static IterationStats stats(int iteration, double returnMean, Map<String, Double> eval) {
        double[] v = new double[IterationStats.COLUMNS.length];
        Arrays.fill(v, Double.NaN);
        v[0] = iteration;
        v[1] = 256.0 * iteration;
        v[2] = 0.5 * iteration;
        v[4] = returnMean;
        return IterationStats.of(v, eval);
    }

    private static Path fixture(String name) {
        try {
            return Path.of(RunFolderTest.class.getResource("/run-folders/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
