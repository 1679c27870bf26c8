package io.fpolab.analysis;

import io.fpolab.core.math.Rng;
import io.fpolab.env.Envs;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;
import io.fpolab.train.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluation for continuous-control tasks: {@code episodes} full episodes stepped together with the
 * evaluation sampler, on fresh envs. The start states are deterministic: drawn from an RNG that depends
 * on the run's seed only, so every evaluation of a run (and every run with the same seed, whatever the
 * algorithm) starts from the same states; the policy's sampling noise uses a second RNG derived from the
 * seed and iteration.
 */
public final class ControlEvaluator implements Trainer.Evaluator {
    public static final List<String> KEYS = List.of("eval_return", "eval_return_std", "eval_length");

    private final int episodes;

    public ControlEvaluator(int episodes) {
        this.episodes = episodes;
    }

    @Override
    public Map<String, Double> evaluate(Trainer trainer) {
        var cfg = trainer.config();
        Rng rng = new Rng(cfg.seed() * 1_000_003L + trainer.iteration() + 17);
        int n = episodes;
        double[] ret = new double[n];
        int[] len = new int[n];
        // Closed as soon as the episodes are done: a MuJoCo task's native memory now, not at some later collection.
        try (VecEnv env = Envs.create(cfg.env().withNumEnvs(episodes))) {
            env.reset(startRng(cfg.seed()));
            run(trainer, env, rng, ret, len);
        }
        double mean = 0;
        double meanLen = 0;
        for (int i = 0; i < n; i++) {
            mean += ret[i];
            meanLen += len[i];
        }
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            var += (ret[i] - mean) * (ret[i] - mean);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("eval_return", mean);
        m.put("eval_return_std", Math.sqrt(var / n));
        m.put("eval_length", meanLen / n);
        return m;
    }

    /** Steps every env until its first episode ends, recording its return and length. */
    private static void run(Trainer trainer, VecEnv env, Rng rng, double[] ret, int[] len) {
        int n = env.numEnvs();
        boolean[] done = new boolean[n];
        int remaining = n;
        for (int t = 0; t < env.spec().maxSteps() && remaining > 0; t++) {
            float[] obs = trainer.normalize(env.observations(), n);
            float[] act = trainer.policy().sample(obs, n, rng, true, null);
            StepResult r = env.step(trainer.envActions(act), rng);
            for (int i = 0; i < n; i++) {
                if (!done[i] && r.done(i)) {
                    done[i] = true;
                    remaining--;
                    ret[i] = r.episodeReturn[i];
                    len[i] = r.episodeLength[i];
                }
            }
        }
    }

    /** The RNG of the evaluation start states of a run with {@code seed}. */
    static Rng startRng(long seed) {
        return new Rng(seed * 1_000_003L + 0x5EED_57A7L);
    }
}
