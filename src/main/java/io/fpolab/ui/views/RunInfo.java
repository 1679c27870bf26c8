package io.fpolab.ui.views;

import io.fpolab.config.ExperimentConfig.ActionTransform;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.train.Trainer;
import io.fpolab.train.TrainingRun;
import java.util.concurrent.CompletableFuture;

/**
 * What a view needs to know about a run before drawing it: its task, algorithm, action size and what the env
 * does to the policy's actions.
 */
record RunInfo(String envId, Algorithm algorithm, int actDim, double actionHigh, ActionTransform transform) {
    boolean gridWorld() {
        return GridWorldVecEnv.ID.equals(envId);
    }

    /** The env squashes the policy's actions with tanh, so sampled actions are shown before it. */
    boolean preTanh() {
        return !gridWorld() && transform == ActionTransform.TANH;
    }

    String algorithmName() {
        return switch (algorithm) {
            case FPO -> "FPO";
            case GAUSSIAN_PPO -> "Gaussian PPO";
            case DPPO -> "DPPO";
        };
    }

    /**
     * A view title naming the run and its algorithm, without saying the algorithm twice when the run's
     * name already starts with it (as default names do: "FPO · gridworld · seed 0").
     */
    String title(String runName) {
        return runName.startsWith(algorithmName()) ? runName : runName + " · " + algorithmName();
    }

    static RunInfo of(Trainer t) {
        return new RunInfo(t.config().env().id(), t.config().algorithm(), t.policy().actDim(),
                t.env().spec().actionHigh(), t.config().env().actionTransform());
    }

    /** Asks the run's trainer thread. */
    static CompletableFuture<RunInfo> fetch(TrainingRun run) {
        return run.submit(RunInfo::of);
    }
}
