package io.fpolab.ui.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import org.junit.jupiter.api.Test;

/** The one rule for "this run trains the same as that config", which decides when the lab reuses a run. */
class TrainingKeyTest {
    private static final ExperimentConfig FAST = SampleConfigs.load("gridworld-fpo-fast.json");

    @Test
    void nameAndDescriptionDoNotChangeTraining() {
        ExperimentConfig renamed = ConfigSchema.withOverride(ConfigSchema.withOverride(FAST, "name", "my copy"),
                "description", "same numbers, other words");
        assertTrue(TrainingKey.sameTraining(FAST, renamed));
        assertEquals(TrainingKey.of(FAST), TrainingKey.of(renamed));
    }

    @Test
    void theSeedAndEveryTrainingFieldDo() {
        for (String[] change : new String[][] {{"seed", "1"}, {"ppo.totalSteps", "4096"}, {"flow.nMc", "17"},
                {"algorithm", "gaussian_ppo"}, {"env.layout", "three_goals"}, {"ppo.lrSchedule", "constant"},
                {"eval.episodes", "201"}}) {
            ExperimentConfig other = ConfigSchema.withOverride(FAST, change[0], change[1]);
            assertFalse(TrainingKey.sameTraining(FAST, other), change[0] + " = " + change[1] + " trains differently");
        }
    }

    @Test
    void aConfigReadBackFromItsRunFolderFileTrainsTheSame() {
        ExperimentConfig read = ConfigIO.parse(ConfigIO.toJson(FAST), "config.json", ConfigIO.Format.JSON);
        assertTrue(TrainingKey.sameTraining(FAST, read));
    }

    @Test
    void runsThatDifferOnlyInSeedAndNameShareASeedGroup() {
        ExperimentConfig seed1 = ConfigSchema.withOverride(ConfigSchema.withOverride(FAST, "seed", "1"), "name", "x");
        assertEquals(TrainingKey.seedGroup(FAST), TrainingKey.seedGroup(seed1));
        assertFalse(TrainingKey.seedGroup(FAST).equals(
                TrainingKey.seedGroup(ConfigSchema.withOverride(FAST, "flow.nMc", "4"))));
    }
}
