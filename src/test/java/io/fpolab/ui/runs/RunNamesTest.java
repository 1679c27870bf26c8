package io.fpolab.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Default run names say what the run is: its preset's algorithm and task, what was changed, and the seed. */
class RunNamesTest {
    private static final ExperimentConfig PRESET = SampleConfigs.load(SampleConfigs.REPRODUCE_FIGURE_1);

    @Test
    void aRunIdenticalToItsPresetIsNamedByAlgorithmTaskAndSeed() {
        assertEquals("FPO · gridworld · s0", Labels.defaultRunName(PRESET, PRESET));
        ExperimentConfig seed3 = ConfigSchema.withOverride(PRESET, "seed", "3");
        assertEquals("FPO · gridworld · s3", Labels.defaultRunName(seed3, PRESET));
    }

    @Test
    void changedSettingsAreListedWithShortKeysAndCompactNumbers() {
        ExperimentConfig c = ConfigSchema.withOverrides(PRESET,
                Map.of("flow.nMc", "8", "ppo.clip", "0.3", "ppo.lr", "0.001", "seed", "1"));
        assertEquals("FPO · gridworld · nMc=8 clip=0.3 lr=1e-3 · s1", Labels.defaultRunName(c, PRESET));
    }

    @Test
    void theGaussianTwinOfAnFpoPresetListsNoFlowSettings() {
        ExperimentConfig gauss = ConfigSchema.withOverride(PRESET, "algorithm", "gaussian_ppo");
        assertEquals("Gaussian PPO · gridworld · s0", Labels.defaultRunName(gauss, PRESET));
    }

    @Test
    void longListsEndInACountAndBigNumbersShrink() {
        ExperimentConfig c = ConfigSchema.withOverrides(PRESET, Map.of("ppo.totalSteps", "500000",
                "ppo.epochs", "4", "ppo.minibatches", "4", "ppo.gamma", "0.995", "ppo.criticLr", "0.00025",
                "actor.hidden", "[128, 128]"));
        assertEquals("FPO · gridworld · actor.hidden=128x128 totalSteps=500k epochs=4 minibatches=4 +2 · s0",
                Labels.defaultRunName(c, PRESET));
        assertEquals("2.5e-4", Labels.compact(ConfigSchema.field("ppo.criticLr"), 0.00025));
        assertEquals("1.5M", Labels.compact(ConfigSchema.field("ppo.totalSteps"), 1_500_000L));
    }

    @Test
    void withoutAKnownPresetTheNameListsNoChanges() {
        assertEquals("FPO · gridworld · s0", Labels.defaultRunName(PRESET));
    }
}
