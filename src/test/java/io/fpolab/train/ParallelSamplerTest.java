package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Workspaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Large draws split over threads give exactly what one thread drawing chunk after chunk gives. */
class ParallelSamplerTest {
    private static final int ROWS = 2 * ParallelSampler.CHUNK + 1_234;

    @ParameterizedTest
    @CsvSource({"FPO,false", "FPO,true", "GAUSSIAN_PPO,false", "GAUSSIAN_PPO,true", "DPPO,false", "DPPO,true"})
    void anyThreadCountDrawsTheBitsOfConsecutiveChunks(Algorithm algorithm, boolean eval) {
        Trainer trainer = new Trainer(TrainerTest.banditConfig(algorithm, 5), new BanditEnv(32));
        trainer.iterate(); // weights that are not the initial ones
        int obsDim = trainer.env().spec().obsDim();
        float[] obs = new float[ROWS * obsDim];
        new Rng(11).fillGaussian(obs);

        Rng sequential = new Rng(7);
        float[] expected = new float[ROWS * trainer.env().spec().actDim()];
        for (int from = 0; from < ROWS; from += ParallelSampler.CHUNK) {
            int n = Math.min(ParallelSampler.CHUNK, ROWS - from);
            float[] chunk = new float[n * obsDim];
            System.arraycopy(obs, from * obsDim, chunk, 0, chunk.length);
            float[] a = trainer.policy().sample(chunk, n, sequential, eval, null);
            System.arraycopy(a, 0, expected, from * a.length / n, a.length);
        }

        for (int threads : new int[] {1, 2, 3}) {
            trainer.setUpdateThreads(threads);
            Rng rng = new Rng(7);
            float[] actual = trainer.sampleActions(obs, ROWS, rng, eval);
            assertArrayEquals(expected, actual, algorithm + " eval=" + eval + ", " + threads + " threads");
            // and the generator is left where consecutive calls leave it, so whatever it draws next is unchanged
            assertArrayEquals(sequential.state(), rng.state(), threads + " threads: generator state");
        }
    }

    @Test
    void mirrorsMadeWhileAnEvaluationsWorkspaceIsOpenOutliveIt() {
        // Evaluations run inside a workspace that is closed and reopened every iteration.
        Trainer trainer = new Trainer(TrainerTest.banditConfig(Algorithm.GAUSSIAN_PPO, 5), new BanditEnv(32));
        trainer.setUpdateThreads(2);
        float[] obs = new float[ROWS * trainer.env().spec().obsDim()];
        new Rng(11).fillGaussian(obs);
        float[] first = Workspaces.run("eval", () -> trainer.sampleActions(obs, ROWS, new Rng(3), false));
        float[] second = Workspaces.run("eval", () -> trainer.sampleActions(obs, ROWS, new Rng(3), false));
        assertArrayEquals(first, second);
    }
}
