package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.nn.Nd;
import io.fpolab.env.Envs;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The views' analyses run on a copy of the trainer ({@link TrainingRun#submitOnCopy}): on a thread of their own,
 * with the run's weights as they were at an iteration boundary, an edited map included, and they end with the run.
 */
class RunCopyTest {
    private static ExperimentConfig longBandit() {
        return ConfigSchema.withOverride(TrainerTest.banditConfig(Algorithm.FPO, 3), "ppo.totalSteps", "100000000");
    }

    @Test
    void copyTasksSeeTheWeightsOfAnIterationBoundaryOnTheirOwnThread() throws Exception {
        ExperimentConfig cfg = longBandit();
        Map<Integer, float[]> boundaries = new ConcurrentHashMap<>();
        try (TrainingRun run = new TrainingRun("copy", () -> new Trainer(cfg, new BanditEnv(32)))) {
            Trainer live = run.submit(t -> t).get(30, TimeUnit.SECONDS);
            run.addListener(new TrainingRun.Listener() {
                @Override
                public void onIteration(IterationStats stats) {
                    boundaries.put(live.iteration(), Nd.floats(live.policy().params().params()));
                }
            });
            String trainerThread = run.submit(t -> Thread.currentThread().getName()).get(30, TimeUnit.SECONDS);
            // The copy is made mid-iteration and starts from the state between two minibatches; from then on it
            // follows the boundaries.
            int checked = 0;
            int lastIteration = run.submitOnCopy(Trainer::iteration).get(60, TimeUnit.SECONDS);
            long end = System.nanoTime() + 4_000_000_000L;
            while (System.nanoTime() < end || checked < 3) {
                Object[] seen = run.submitOnCopy(t -> new Object[] {t.iteration(), Nd.floats(t.policy().params().params()),
                    Thread.currentThread().getName(), t}).get(60, TimeUnit.SECONDS);
                int iteration = (Integer) seen[0];
                assertTrue(((String) seen[2]).startsWith("copy-"), "ran on " + seen[2]);
                assertTrue(!seen[2].equals(trainerThread));
                assertTrue(seen[3] != live, "the copy is not the run's trainer");
                if (iteration != lastIteration) {
                    // Listeners run right after the boundary the copy was restored from: wait for this one's record.
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (!boundaries.containsKey(iteration) && System.nanoTime() < deadline) {
                        Thread.sleep(5);
                    }
                    assertNotNull(boundaries.get(iteration), "no boundary at iteration " + iteration);
                    assertArrayEquals(boundaries.get(iteration), (float[]) seen[1],
                            "the copy's weights differ from the run's at the end of iteration " + iteration);
                    checked++;
                    lastIteration = iteration;
                }
                Thread.sleep(50);
            }
            assertTrue(lastIteration > 1, "the run trained on: iteration " + lastIteration);
        }
    }

    @Test
    void aPausedRunsCopyFollowsTasksThatChangeTheTrainer() throws Exception {
        ExperimentConfig cfg = ConfigSchema.withOverride(ConfigSchema.withOverride(
                io.fpolab.config.ConfigIO.loadResource("/sample-configs/gridworld-fpo-fast.json"), "ppo.totalSteps", "2048"),
                "env.numEnvs", "16");
        try (TrainingRun run = new TrainingRun("grid", () -> new Trainer(cfg, Envs.create(cfg.env())))) {
            run.step();
            waitFor(run, TrainingRun.State.PAUSED);
            GridLayout before = run.submitOnCopy(t -> ((GridWorldVecEnv) t.env()).layout()).get(60, TimeUnit.SECONDS);
            GridLayout edited = run.submit(t -> {
                GridWorldVecEnv env = (GridWorldVecEnv) t.env();
                GridLayout l = env.layout().toBuilder().wall(3, 12).build();
                env.setLayout(l);
                t.setLearningRates(t.actorLearningRate() / 2, t.criticLearningRate());
                return l;
            }).get(60, TimeUnit.SECONDS);
            assertTrue(before != edited);
            Object[] seen = run.submitOnCopy(t -> new Object[] {((GridWorldVecEnv) t.env()).layout(),
                t.actorLearningRate()}).get(60, TimeUnit.SECONDS);
            assertSame(edited, seen[0], "the copy draws the edited map");
            assertEquals(run.submit(Trainer::actorLearningRate).get(30, TimeUnit.SECONDS), (Double) seen[1], 0.0);
        }
    }

    @Test
    void closingTheRunFailsCopyTasksNotYetRun() throws Exception {
        ExperimentConfig cfg = longBandit();
        TrainingRun run = new TrainingRun("close", () -> new Trainer(cfg, new BanditEnv(32)));
        run.pause();
        run.submit(t -> null).get(30, TimeUnit.SECONDS);
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<Object> slow = run.submitOnCopy(t -> {
            inside.countDown();
            long until = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return "done";
        });
        CompletableFuture<Object> queued = run.submitOnCopy(t -> "never");
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        run.close();
        assertEquals("done", slow.get(30, TimeUnit.SECONDS), "the running task finishes");
        ExecutionException e = assertThrows(ExecutionException.class, () -> queued.get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertTrue(run.submitOnCopy(t -> 1).isCompletedExceptionally(), "a closed run takes no copy task");
    }

    @Test
    void aRunThatStopsTrainingTakesCopyTasksAtOnceWhateverTheyHaveSpent() throws Exception {
        ExperimentConfig cfg = longBandit();
        try (TrainingRun run = new TrainingRun("spent", () -> new Trainer(cfg, new BanditEnv(32)))) {
            run.submit(t -> null).get(30, TimeUnit.SECONDS);
            waitFor(run, TrainingRun.State.RUNNING);
            // Two seconds of work while training: far beyond the tasks' share, so the budget ends deep in debt.
            run.submitOnCopy(t -> {
                long until = System.nanoTime() + 2_000_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                return null;
            }).get(60, TimeUnit.SECONDS);
            run.pause();
            waitFor(run, TrainingRun.State.PAUSED);
            long start = System.nanoTime();
            assertEquals(1, run.submitOnCopy(t -> 1).get(10, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "a paused run's copy task waited for its share");
        }
    }

    private static void waitFor(TrainingRun run, TrainingRun.State state) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (run.state() != state && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(state, run.state());
    }
}
