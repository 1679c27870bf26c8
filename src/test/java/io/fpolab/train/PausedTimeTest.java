package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ExperimentConfig.Algorithm;
import org.junit.jupiter.api.Test;

/**
 * Time a run spends paused between minibatches is not training time: a pause of a second inside an
 * iteration that trains in milliseconds must not show up in its wall time, update time or steps/s (the
 * lab's status line computes steps/s and the time left from them).
 */
class PausedTimeTest {
    @Test
    void aPauseInsideAnIterationIsLeftOutOfItsTimings() {
        Trainer trainer = new Trainer(TrainerTest.banditConfig(Algorithm.GAUSSIAN_PPO, 0), new BanditEnv(32));
        IterationStats warm = trainer.iterate();
        boolean[] paused = {false};
        trainer.setControl(() -> {
            if (!paused[0]) {
                paused[0] = true;
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        IterationStats s = trainer.iterate();
        assertTrue(paused[0]);
        double iterationSeconds = s.wallSeconds() - warm.wallSeconds();
        assertTrue(iterationSeconds < 0.6, "iteration counted " + iterationSeconds + " s including the pause");
        assertTrue(s.updateSeconds() < 0.6, "update counted " + s.updateSeconds() + " s including the pause");
        assertTrue(s.stepsPerSecond() > 256 / 0.6, "steps/s " + s.stepsPerSecond() + " fell with the pause");
    }
}
