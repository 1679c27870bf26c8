package io.fpolab.train;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fpolab.analysis.ControlEvaluator;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.env.mujoco.Mujoco;
import io.fpolab.runs.RunFolder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FPO learns on the MuJoCo tasks: a run of about a minute of one core raises the evaluation return clearly above
 * the untrained policy's, on the same evaluation start states. An end-to-end check of the MuJoCo backend with the
 * trainer and the evaluator (observations, rewards, episode ends, resets), not a benchmark: each run is the task's
 * FPO paper preset shrunk for speed ({@link #quick}). Needs MuJoCo 2.2.2; skipped without it.
 *
 * <p>ball_in_cup-catch is not here: its sparse reward is not learned in such a budget. With up to 390k env steps
 * (about 115 s of CPU) and learning rates 3e-4 to 2e-3, mean-then-exp or per-sample ratios, correlated noise and
 * staggered starts, the evaluation return stayed at the untrained policy's (seed 0: 195 untrained, 150–220
 * trained), and the paper ratio diverged at rates from 5e-4. The whole paper preset (1M env steps, about 5 minutes of
 * both cores) beats its untrained policy on seeds 0 and 1 (213 against 120, 138 against 39) and diverges on seed 2
 * (iteration 201 of 261): not a test either. finger-spin is not here either: with cheetah-run's
 * settings below its evaluation return went 1.4 → 24.6, 1.3 → 3.7 and 1.3 → 0.4 for seeds 0–2 (1.4 → 0.3 with the
 * learning rate at 1e-12), too uneven for a test.
 */
class MujocoLearnsTest {

    /**
     * Margins from measured runs of these settings (evaluation return untrained → trained, one core, about 80 s of
     * CPU each): cheetah-run seeds 0, 1, 2: 4.5 → 40.4, 4.1 → 40.8, 3.9 → 66.8, and 4.5 → 4.2 with the
     * learning rates at 1e-12.
     */
    @ParameterizedTest(name = "{0}: {1} env steps gain more than {2}")
    @CsvSource(delimiter = ';', value = {
        "cheetah-run;       163840; 20; env.numEnvs=32 ppo.stepsPerEnv=64",
    })
    void aMinuteOfFpoBeatsTheUntrainedPolicy(String task, long steps, double margin, String settings) {
        assumeTrue(Mujoco.available(), () -> "MuJoCo is not usable here: " + Mujoco.problem());
        ExperimentConfig cfg = quick(task, steps, settings);
        Trainer t = RunFolder.trainer(cfg);
        double untrained = new ControlEvaluator(cfg.eval().episodes()).evaluate(t).get("eval_return");
        IterationStats last = null;
        while (!t.isDone()) {
            last = t.iterate();
        }
        double trained = last.evaluation().get("eval_return");
        assertTrue(trained > untrained + margin, task + ": evaluation return " + untrained + " untrained, " + trained
                + " after " + last.envSteps() + " env steps; expected a gain of more than " + margin);
    }

    /**
     * The task's FPO paper preset with a budget of {@code steps}, the critic 64×64 instead of 256×5, 4 epochs of 4
     * minibatches instead of 16 of 8, 16 evaluation episodes, one thread and one shard, then {@code settings}
     * ({@code key=value}, space-separated).
     */
    static ExperimentConfig quick(String task, long steps, String settings) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("ppo.totalSteps", Long.toString(steps));
        set.put("critic.hidden", "[64, 64]");
        set.put("ppo.epochs", "4");
        set.put("ppo.minibatches", "4");
        set.put("eval.episodes", "16");
        set.put("ppo.threads", "1");
        set.put("ppo.shards", "1");
        for (String kv : settings.trim().split("\\s+")) {
            String[] p = kv.split("=", 2);
            set.put(p[0], p[1]);
        }
        return ConfigSchema.withOverrides(SampleConfigs.load(task + "-fpo.json"), set);
    }
}
