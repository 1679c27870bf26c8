package io.fpolab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.env.Envs;
import io.fpolab.env.VecEnv;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    private static ExperimentConfig tinyControl() {
        ExperimentConfig c = SampleConfigs.load("cartpole-balance-gaussian-ppo-tuned.json");
        for (String[] kv : new String[][] {{"env.numEnvs", "4"}, {"ppo.stepsPerEnv", "8"}, {"ppo.minibatches", "2"},
            {"ppo.epochs", "1"}, {"critic.hidden", "[8,8]"}, {"env.id", "gym-pendulum"}, {"eval.episodes", "5"},
            {"ppo.totalSteps", "64"}}) {
            c = ConfigSchema.withOverride(c, kv[0], kv[1]);
        }
        return c;
    }

    @Test
    void controlSummaryHoldsEvalReturnMeanStdStepsAndWallTime() {
        TinyRuns.Trained run = TinyRuns.trainToEnd(tinyControl());
        Map<String, Object> s = RunSummary.of(run.trainer(), run.last());
        for (String key : new String[] {"eval_return_mean", "eval_return_std", "env_steps", "wall_seconds"}) {
            assertTrue(s.get(key) instanceof Number, key + " in " + s);
        }
        assertEquals(run.last().evaluation().get("eval_return"), s.get("eval_return_mean"));
        assertEquals(run.last().evaluation().get("eval_return_std"), s.get("eval_return_std"));
        assertEquals(s.get("eval_return_mean"), s.get("eval_return"), "the older key stays for earlier readers");
        assertEquals(5, s.get("eval_episodes"));
        assertEquals(64L, s.get("env_steps"));
        assertTrue((Double) s.get("wall_seconds") > 0);
        double ret = (Double) s.get("eval_return_mean");
        assertTrue(ret < 0 && ret > -200 * 17, "Pendulum-v1 rewards lie in [-16.3, 0] per step: " + ret);
    }

    @Test
    void evaluationStartStatesDependOnTheSeedOnly() {
        ExperimentConfig cfg = tinyControl();
        VecEnv a = Envs.create(cfg.env());
        VecEnv b = Envs.create(cfg.env());
        a.reset(ControlEvaluator.startRng(7));
        b.reset(ControlEvaluator.startRng(7));
        assertArrayEquals(a.observations(), b.observations());
        b.reset(ControlEvaluator.startRng(8));
        assertTrue(!java.util.Arrays.equals(a.observations(), b.observations()));
    }
}
