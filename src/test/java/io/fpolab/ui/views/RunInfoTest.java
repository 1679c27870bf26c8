package io.fpolab.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.ActionTransform;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.SampleConfigs;
import io.fpolab.env.Envs;
import io.fpolab.train.Trainer;
import org.junit.jupiter.api.Test;

class RunInfoTest {
    @Test
    void titleNamesTheAlgorithmOnce() {
        RunInfo fpo = new RunInfo("gridworld", Algorithm.FPO, 2, 1.0, ActionTransform.CLIP);
        RunInfo gauss = new RunInfo("gridworld", Algorithm.GAUSSIAN_PPO, 2, 1.0, ActionTransform.CLIP);

        assertEquals("FPO · gridworld · seed 0", fpo.title("FPO · gridworld · seed 0"));
        assertEquals("my run · FPO", fpo.title("my run"));
        assertEquals("FPO · gridworld · seed 0 · Gaussian PPO", gauss.title("FPO · gridworld · seed 0"));
    }

    @Test
    void actionsAreShownBeforeTanhOnlyWhenTheEnvSquashesThem() throws Exception {
        ExperimentConfig tanh = SampleConfigs.load("reacher-easy-fpo.json");
        ExperimentConfig clip = ConfigSchema.withOverride(tanh, "env.actionTransform", "clip");
        ExperimentConfig grid = SampleConfigs.load("gridworld-fpo.json");
        assertTrue(info(tanh).preTanh());
        assertFalse(info(clip).preTanh());
        assertFalse(info(grid).preTanh());
    }

    @Test
    void tanhTasksShowWhatTheEnvReceivesUnlessAskedForTheRawOutputs() {
        ExperimentConfig tanh = SampleConfigs.load("reacher-easy-fpo.json");
        Trainer squashing = new Trainer(tanh, Envs.create(tanh.env()));
        float[] raw = {3f, -0.5f, 0f, -20f};
        float[] shown = ActionDistributionViewModel.inShownSpace(squashing, RunInfo.of(squashing), raw, false);
        for (int i = 0; i < raw.length; i++) {
            assertEquals(Math.tanh(raw[i]), shown[i], 1e-6, "env space: tanh of the policy's output");
        }
        assertEquals(raw, ActionDistributionViewModel.inShownSpace(squashing, RunInfo.of(squashing), raw, true));
        ExperimentConfig clip = ConfigSchema.withOverride(tanh, "env.actionTransform", "clip");
        Trainer clipping = new Trainer(clip, Envs.create(clip.env()));
        assertEquals(raw, ActionDistributionViewModel.inShownSpace(clipping, RunInfo.of(clipping), raw, false),
                "without tanh there is one space");
    }

    private static RunInfo info(ExperimentConfig cfg) {
        return RunInfo.of(new Trainer(cfg, Envs.create(cfg.env())));
    }
}
