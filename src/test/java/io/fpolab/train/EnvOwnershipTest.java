package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A run owns its trainer's env and closes it (a MuJoCo task's native memory) when the run is closed. */
class EnvOwnershipTest {
    @Test
    void closingARunClosesItsEnvOnce() throws Exception {
        BanditEnv env = new BanditEnv(32);
        // One iteration (32 envs × 8 steps): the run finishes and then serves tasks until it is closed.
        ExperimentConfig cfg = ConfigSchema.withOverride(TrainerTest.banditConfig(Algorithm.GAUSSIAN_PPO, 0),
                "ppo.totalSteps", "256");
        TrainingRun run = new TrainingRun("owner", () -> new Trainer(cfg, env));
        run.start();
        // Generous: the trainer thread runs at the lowest priority, and a busy machine gives it little time.
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (run.state() != TrainingRun.State.FINISHED && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(TrainingRun.State.FINISHED, run.state(), run.message());
        assertEquals(0, env.closes, "closed while the run still serves tasks");
        run.close();
        assertTrue(run.isTerminated(), "the trainer thread ended");
        assertEquals(1, env.closes, "the run's env is closed when the run is");
        run.close();
        assertEquals(1, env.closes, "closing the run again does not close the env again");
    }
}
