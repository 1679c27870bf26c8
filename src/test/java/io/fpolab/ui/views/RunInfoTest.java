package io.fpolab.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fpolab.config.ExperimentConfig.Algorithm;
import org.junit.jupiter.api.Test;

class RunInfoTest {
    @Test
    void titleNamesTheAlgorithmOnce() {
        RunInfo fpo = new RunInfo("gridworld", Algorithm.FPO, 2, 1.0);
        RunInfo gauss = new RunInfo("gridworld", Algorithm.GAUSSIAN_PPO, 2, 1.0);

        assertEquals("FPO · gridworld · seed 0", fpo.title("FPO · gridworld · seed 0"));
        assertEquals("my run · FPO", fpo.title("my run"));
        assertEquals("FPO · gridworld · seed 0 · Gaussian PPO", gauss.title("FPO · gridworld · seed 0"));
    }
}
