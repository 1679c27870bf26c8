package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.TestConfigs;
import io.fpolab.core.math.Rng;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The entropy bonus of the pre-tanh Gaussian keeps paying for a wider σ after tanh has saturated, so on a
 * task whose best actions sit on tanh's bounds (bang-bang, as reacher and pendulum reward) σ runs away; the
 * entropy of the squashed action penalises saturation, so σ stays bounded.
 */
class SquashedEntropyTrainingTest {

    /**
     * Std of the raw action u at observation +1 after a short run on the bandit whose best actions are ±1,
     * the bounds of tanh: reward stops caring about σ once actions saturate, so the bonus decides it
     * (measured: pre_tanh ≈ 7, squashed ≈ 0.5).
     */
    private static double trainedStd(String entropy) {
        ExperimentConfig cfg = TrainerTest.banditConfig(Algorithm.GAUSSIAN_PPO, 0);
        cfg = ConfigSchema.withOverride(cfg, "env.actionTransform", "tanh");
        cfg = ConfigSchema.withOverride(cfg, "gaussian.std", "state_dependent");
        cfg = ConfigSchema.withOverride(cfg, "gaussian.initStd", Double.toString(TestConfigs.AUTHORS_INIT_STD));
        cfg = ConfigSchema.withOverride(cfg, "gaussian.entropyCoef", "0.3");
        cfg = ConfigSchema.withOverride(cfg, "gaussian.entropy", entropy);
        Trainer trainer = new Trainer(cfg, new BanditEnv(32, 1.0));
        while (!trainer.isDone()) {
            trainer.iterate();
        }
        int rows = 4000;
        float[] obs = new float[rows];
        Arrays.fill(obs, 1f);
        float[] u = trainer.policy().sample(obs, rows, new Rng(7), false, null);
        double mean = 0;
        for (float x : u) {
            mean += x;
        }
        mean /= rows;
        double var = 0;
        for (float x : u) {
            var += (x - mean) * (x - mean);
        }
        return Math.sqrt(var / (rows - 1));
    }

    @Test
    void squashedEntropyKeepsSigmaBoundedWhereThePreTanhBonusRunsAway() {
        double preTanh = trainedStd("pre_tanh");
        double squashed = trainedStd("squashed");
        assertTrue(preTanh > 3, "the pre-tanh bonus should have widened σ well past saturation: σ = " + preTanh);
        assertTrue(squashed < 1.5, "the squashed entropy should keep σ bounded: σ = " + squashed);
    }
}
