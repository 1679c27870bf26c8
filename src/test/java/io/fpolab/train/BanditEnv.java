package io.fpolab.train;

import io.fpolab.core.math.Rng;
import io.fpolab.env.EnvSpec;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-step contextual bandit for learning tests: observation s = ±1, reward {@code 1 − (a − target·s)²}
 * (target 0.5 unless told; best return 1). Every step ends the episode (terminated). A target of 1 puts
 * the best action on the bound of a tanh-squashed action, as bang-bang control does.
 */
final class BanditEnv implements VecEnv {
    private final int n;
    private final double target;
    private final StepResult result;
    private final EnvSpec spec = new EnvSpec("bandit", 1, 1, 1, 1.0, 10.0);
    /** Every step's observations and actions, in order (for tests that look at what the trainer sampled). */
    final List<float[]> obsLog = new ArrayList<>();
    final List<float[]> actionLog = new ArrayList<>();
    /** How often {@link #close()} was called (for tests that check the env's owner closes it). */
    volatile int closes;

    BanditEnv(int n) {
        this(n, 0.5);
    }

    BanditEnv(int n, double target) {
        this.n = n;
        this.target = target;
        this.result = new StepResult(n, 1);
    }

    @Override
    public EnvSpec spec() {
        return spec;
    }

    @Override
    public int numEnvs() {
        return n;
    }

    @Override
    public float[] reset(Rng rng) {
        for (int i = 0; i < n; i++) {
            result.obs[i] = rng.nextDouble() < 0.5 ? -1f : 1f;
        }
        return result.obs;
    }

    @Override
    public StepResult step(float[] actions, Rng rng) {
        obsLog.add(result.obs.clone());
        actionLog.add(actions.clone());
        for (int i = 0; i < n; i++) {
            double best = target * result.obs[i];
            double r = 1 - (actions[i] - best) * (actions[i] - best);
            result.reward[i] = (float) r;
            result.terminated[i] = true;
            result.truncated[i] = false;
            result.finalObs[i] = result.obs[i];
            result.episodeReturn[i] = r;
            result.episodeLength[i] = 1;
            result.outcome[i] = 0;
            result.obs[i] = rng.nextDouble() < 0.5 ? -1f : 1f;
        }
        return result;
    }

    /** Every episode is one step long: there is nothing to stagger. */
    @Override
    public void staggerEpisodes(Rng rng) {
    }

    @Override
    public float[] observations() {
        return result.obs;
    }

    @Override
    public double[] state(int i) {
        return new double[] {result.obs[i]};
    }

    @Override
    public double[] saveState() {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = result.obs[i];
        }
        return s;
    }

    @Override
    public void restoreState(double[] state) {
        for (int i = 0; i < n; i++) {
            result.obs[i] = (float) state[i];
        }
    }

    @Override
    public void close() {
        closes++;
    }
}
