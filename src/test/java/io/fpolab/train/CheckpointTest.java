package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CheckpointTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void resumingFromACheckpointContinuesBitIdentically(Algorithm algorithm) throws Exception {
        resumesBitIdentically(TrainerTest.banditConfig(algorithm, 3));
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void resumingWithCorrelatedNoiseContinuesItsProcess(Algorithm algorithm) throws Exception {
        resumesBitIdentically(ConfigSchema.withOverride(TrainerTest.banditConfig(algorithm, 3), "ppo.noiseCorrelation",
                "0.9"));
    }

    private void resumesBitIdentically(ExperimentConfig cfg) throws Exception {
        double[][] uninterrupted = TrainerTest.run(cfg, 4);

        Trainer first = new Trainer(cfg, new BanditEnv(32));
        first.iterate();
        first.iterate();
        Path file = dir.resolve("run.ckpt");
        Checkpoint.capture(first, "{}").write(file);

        Trainer resumed = new Trainer(cfg, new BanditEnv(32));
        Checkpoint.read(file).restoreInto(resumed);
        for (int i = 2; i < 4; i++) {
            IterationStats s = resumed.iterate();
            double[] row = {s.envSteps(), s.returnMean(), s.policyLoss(), s.valueLoss(), s.ratioMean(), s.ratioMin(),
                s.ratioMax(), s.clipFraction(), s.approxKl(), s.explainedVariance(), s.cfmLoss(), s.gradNorm()};
            assertArrayEquals(uninterrupted[i], row, "iteration " + i);
        }
    }

    @org.junit.jupiter.api.Test
    void learningRatesLoweredDuringARunAreSavedAndRestored() throws Exception {
        ExperimentConfig cfg = TrainerTest.banditConfig(Algorithm.FPO, 2);
        Trainer t = new Trainer(cfg, new BanditEnv(8));
        t.iterate();
        t.setLearningRates(1e-4, 2e-4);
        Path file = dir.resolve("lowered.ckpt");
        Checkpoint.capture(t, "{}").write(file);

        Trainer resumed = new Trainer(cfg, new BanditEnv(8));
        assertEquals(cfg.ppo().lr(), resumed.actorLearningRate());
        Checkpoint.read(file).restoreInto(resumed);
        assertEquals(1e-4, resumed.actorLearningRate());
        assertEquals(2e-4, resumed.criticLearningRate());
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void corruptedOrTruncatedCheckpointIsRejected(Algorithm algorithm) throws Exception {
        Trainer t = new Trainer(TrainerTest.banditConfig(algorithm, 1), new BanditEnv(8));
        t.iterate();
        byte[] good = Checkpoint.capture(t, "{\"a\":1}").encode();

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        var e1 = assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.decode(flipped, "x.ckpt"));
        assertTrue(e1.getMessage().contains("checksum"), e1.getMessage());

        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 100);
        assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.decode(truncated, "x.ckpt"));

        Path garbage = dir.resolve("garbage.ckpt");
        Files.writeString(garbage, "hello");
        var e3 = assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.read(garbage));
        assertTrue(e3.getMessage().startsWith(garbage.toString()), e3.getMessage());
    }

    @org.junit.jupiter.api.Test
    void truncatedFileOnDiskIsReportedInOneLineNamingTheFile() throws Exception {
        Trainer t = new Trainer(TrainerTest.banditConfig(Algorithm.FPO, 1), new BanditEnv(8));
        Path file = dir.resolve("run.ckpt");
        Checkpoint.capture(t, "{}").write(file);
        byte[] good = Files.readAllBytes(file);
        for (int length : new int[] {0, 10, good.length / 2, good.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(good, length));
            var e = assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.read(file));
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
