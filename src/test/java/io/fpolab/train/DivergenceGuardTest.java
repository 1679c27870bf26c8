package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Nd;
import io.fpolab.env.EnvSpec;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DivergenceGuardTest {
    @TempDir
    Path dir;

    /** The whole trainer state as bytes, so "restored" can be checked exactly, not just "finite". */
    private static byte[] state(Trainer t) throws Exception {
        return Checkpoint.capture(t, "").encode();
    }

    @Test
    void nanRewardRollsBackToTheStartOfTheIteration() throws Exception {
        NanRewardBandit env = new NanRewardBandit(32);
        Trainer t = new Trainer(TrainerTest.banditConfig(Algorithm.FPO, 1), env);
        t.iterate();
        t.iterate();
        byte[] before = state(t);

        env.poisoned = true;
        DivergenceException e = assertThrows(DivergenceException.class, t::iterate);

        assertEquals(3, e.iteration());
        assertEquals("Training diverged at iteration 3: the environment returned a non-finite reward (NaN)",
                e.getMessage());
        assertArrayEquals(before, state(t));
        assertEquals(2, t.iteration());
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void nanInjectedMidUpdateIsRolledBackAndTheRerunMatchesAnUninterruptedRun(Algorithm algorithm) throws Exception {
        ExperimentConfig cfg = TrainerTest.banditConfig(algorithm, 5);
        double[][] uninterrupted = TrainerTest.run(cfg, 4);
        Trainer t = new Trainer(cfg, new BanditEnv(32));
        boolean[] armed = {false};
        t.setControl(() -> {
            if (armed[0]) {
                armed[0] = false;
                t.policy().params().params().putScalar(0, Double.NaN);
            }
        });
        t.iterate();
        t.iterate();
        byte[] before = state(t);

        armed[0] = true;
        DivergenceException e = assertThrows(DivergenceException.class, t::iterate);

        assertEquals(3, e.iteration());
        assertTrue(e.reason().contains("non-finite") || e.reason().contains("NaN"), e.reason());
        assertTrue(t.policy().params().allFinite() && t.criticParams().allFinite());
        assertArrayEquals(before, state(t));
        // The RNG streams were rolled back too, so redoing the iteration reproduces the uninterrupted run.
        for (int i = 2; i < 4; i++) {
            IterationStats s = t.iterate();
            double[] row = {s.envSteps(), s.returnMean(), s.policyLoss(), s.valueLoss(), s.ratioMean(), s.ratioMin(),
                s.ratioMax(), s.clipFraction(), s.approxKl(), s.explainedVariance(), s.cfmLoss(), s.gradNorm()};
            assertArrayEquals(uninterrupted[i], row, "iteration " + (i + 1));
        }
    }

    @Test
    void rateLoweredDuringTheFailingIterationSurvivesTheRollback() throws Exception {
        Trainer t = new Trainer(TrainerTest.banditConfig(Algorithm.GAUSSIAN_PPO, 1), new BanditEnv(32));
        t.iterate();
        boolean[] armed = {true};
        t.setControl(() -> {
            if (armed[0]) {
                // Between minibatches: the user lowers the rate, and the update then blows up.
                armed[0] = false;
                t.setLearningRates(1e-5, 2e-5);
                t.policy().params().params().putScalar(0, Double.NaN);
            }
        });

        assertThrows(DivergenceException.class, t::iterate);

        assertEquals(1e-5, t.actorLearningRate());
        assertEquals(2e-5, t.criticLearningRate());
    }

    @Test
    void iterationUnwoundByTheControlHookLeavesTheStateOfTheLastCompletedIteration() throws Exception {
        Trainer t = new Trainer(TrainerTest.banditConfig(Algorithm.FPO, 6), new BanditEnv(32));
        int[] calls = {0};
        boolean[] cancel = {false};
        t.setControl(() -> {
            if (cancel[0] && ++calls[0] == 5) {
                throw new IllegalStateException("cancelled");
            }
        });
        t.iterate();
        byte[] before = state(t);

        cancel[0] = true;
        assertThrows(IllegalStateException.class, t::iterate);

        assertArrayEquals(before, state(t));
    }

    @Test
    void parametersPoisonedBetweenIterationsFallBackToTheLastGoodSnapshot() throws Exception {
        Trainer t = new Trainer(TrainerTest.banditConfig(Algorithm.GAUSSIAN_PPO, 2), new BanditEnv(32));
        t.iterate();
        byte[] startOfSecond = state(t);
        t.iterate();
        t.criticParams().params().putScalar(3, Double.POSITIVE_INFINITY);

        DivergenceException e = assertThrows(DivergenceException.class, t::iterate);

        assertTrue(e.getMessage().contains("already non-finite"), e.getMessage());
        assertArrayEquals(startOfSecond, state(t));
    }

    @Test
    void learningRateOverrideDrivesTheOptimizerAndRejectsNonsense() {
        Trainer a = new Trainer(TrainerTest.banditConfig(Algorithm.GAUSSIAN_PPO, 4), new BanditEnv(32));
        Trainer b = new Trainer(TrainerTest.banditConfig(Algorithm.GAUSSIAN_PPO, 4), new BanditEnv(32));
        b.setLearningRates(1e-4, 2e-4);
        a.iterate();
        IterationStats sb = b.iterate();

        assertEquals(1e-4, sb.learningRate());
        assertEquals(2e-4, b.criticLearningRate());
        assertTrue(!java.util.Arrays.equals(Nd.floats(a.policy().params().params()),
                Nd.floats(b.policy().params().params())));
        assertThrows(IllegalArgumentException.class, () -> b.setLearningRates(0, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> b.setLearningRates(1e-3, Double.NaN));
    }

    @Test
    void runPausesWithAMessageOnDivergenceAndFinishesAfterTheLearningRateIsLowered() throws Exception {
        ExperimentConfig cfg = ConfigSchema.withOverride(TrainerTest.banditConfig(Algorithm.GAUSSIAN_PPO, 3),
                "ppo.totalSteps", Integer.toString(8 * 256));
        AtomicReference<Trainer> trainer = new AtomicReference<>();
        AtomicReference<float[]> lastGoodParams = new AtomicReference<>();
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<String> pauseMessage = new AtomicReference<>();
        Path saved = dir.resolve("good.ckpt");
        try (TrainingRun run = new TrainingRun("diverge", () -> {
            Trainer t = new Trainer(cfg, new BanditEnv(32));
            lastGoodParams.set(Nd.floats(t.policy().params().params()));
            trainer.set(t);
            return t;
        })) {
            run.addListener(new TrainingRun.Listener() {
                @Override
                public void onIteration(IterationStats stats) {
                    Trainer t = trainer.get();
                    lastGoodParams.set(Nd.floats(t.policy().params().params()));
                    if (stats.iteration() == 2) {
                        try {
                            Checkpoint.capture(t, "{}").write(saved);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        // An absurd step size: Adam moves every weight by about 1e6 per step.
                        t.setLearningRates(1e6, 1e6);
                    }
                }

                @Override
                public void onState(TrainingRun.State state, String message) {
                    if (state == TrainingRun.State.PAUSED && !message.isEmpty()) {
                        pauseMessage.set(message);
                        paused.countDown();
                    } else if (state == TrainingRun.State.FINISHED) {
                        finished.countDown();
                    }
                }
            });
            run.start();

            assertTrue(paused.await(60, TimeUnit.SECONDS), "run did not pause; state " + run.state() + " "
                    + run.message());
            assertEquals(TrainingRun.State.PAUSED, run.state());
            assertTrue(pauseMessage.get().matches("Training diverged at iteration \\d+: .+\\. The last good state was"
                    + " restored; lower the learning rate and resume\\."), pauseMessage.get());
            float[] params = run.submit(t -> Nd.floats(t.policy().params().params())).get(30, TimeUnit.SECONDS);
            assertArrayEquals(lastGoodParams.get(), params);
            for (float p : params) {
                assertTrue(Float.isFinite(p));
            }
            Checkpoint.read(saved).restoreInto(new Trainer(cfg, new BanditEnv(32)));

            run.setLearningRate(3e-3, 3e-3);
            run.resume();

            assertTrue(finished.await(60, TimeUnit.SECONDS), "run did not finish; state " + run.state() + " "
                    + run.message());
            List<IterationStats> history = run.history();
            assertEquals(trainer.get().totalIterations(), history.get(history.size() - 1).iteration());
            assertEquals(3e-3, history.get(history.size() - 1).learningRate());
            assertTrue(Double.isFinite(history.get(history.size() - 1).policyLoss()));
        }
    }

    @Test
    void learningRateSetBeforeStartIsUsedFromTheFirstIteration() throws Exception {
        try (TrainingRun run = new TrainingRun("lr", () -> new Trainer(TrainerTest.banditConfig(Algorithm.FPO, 0),
                new BanditEnv(8)))) {
            run.setLearningRate(1e-4, 5e-4);
            assertEquals(TrainingRun.State.NEW, run.state());
            run.step();
            double[] lr = run.submit(t -> new double[] {t.actorLearningRate(), t.criticLearningRate()})
                    .get(30, TimeUnit.SECONDS);
            assertArrayEquals(new double[] {1e-4, 5e-4}, lr);
            assertThrows(IllegalArgumentException.class, () -> run.setLearningRate(-1, 1e-3));
        }
    }

    /** The bandit, but every reward is NaN once {@link #poisoned} is set. */
    private static final class NanRewardBandit implements VecEnv {
        private final BanditEnv inner;
        boolean poisoned;

        NanRewardBandit(int n) {
            inner = new BanditEnv(n);
        }

        @Override
        public EnvSpec spec() {
            return inner.spec();
        }

        @Override
        public int numEnvs() {
            return inner.numEnvs();
        }

        @Override
        public float[] reset(Rng rng) {
            return inner.reset(rng);
        }

        @Override
        public StepResult step(float[] actions, Rng rng) {
            StepResult r = inner.step(actions, rng);
            if (poisoned) {
                java.util.Arrays.fill(r.reward, Float.NaN);
            }
            return r;
        }

        @Override
        public void staggerEpisodes(Rng rng) {
            inner.staggerEpisodes(rng);
        }

        @Override
        public float[] observations() {
            return inner.observations();
        }

        @Override
        public double[] state(int i) {
            return inner.state(i);
        }

        @Override
        public double[] saveState() {
            return inner.saveState();
        }

        @Override
        public void restoreState(double[] state) {
            inner.restoreState(state);
        }
    }
}
