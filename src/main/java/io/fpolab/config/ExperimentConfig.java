package io.fpolab.config;

import io.fpolab.core.nn.NetworkConfig;
import io.fpolab.core.policy.FlowConfig;
import io.fpolab.core.policy.GaussianConfig;

/**
 * One experiment, immutable and validated: what {@code sample-configs/*.json}, the CLI and the lab's
 * experiment panel all read and write. JSON keys are the record component names; enum values are
 * written in lower snake case ({@code "gaussian_ppo"}, {@code "u_mse"}).
 *
 * <p>Construct through {@link ConfigIO} (files) or {@link ConfigSchema} (validated maps, also what tests use):
 * they check every field and the rules between fields; the records themselves check nothing.
 */
public record ExperimentConfig(
        String name,
        String description,
        long seed,
        Algorithm algorithm,
        EnvConfig env,
        NetworkConfig actor,
        NetworkConfig critic,
        FlowConfig flow,
        GaussianConfig gaussian,
        DppoConfig dppo,
        PpoConfig ppo,
        EvalConfig eval) {

    public enum Algorithm { FPO, GAUSSIAN_PPO, DPPO }

    public enum LrSchedule { CONSTANT, LINEAR, WARMUP_LINEAR }

    public enum AdvantageNorm { BATCH, MINIBATCH, NONE }

    public enum ActionTransform { CLIP, TANH }

    /**
     * How a dm_control task advances its physics: as dm_control does (RK4 for cartpole and acrobot,
     * MuJoCo's semi-implicit Euler with implicit joint damping for the others) or as MuJoCo Playground
     * does (semi-implicit Euler with explicit damping, with sub-steps for pendulum and reacher).
     */
    public enum Integration { DM_CONTROL, PLAYGROUND }

    /**
     * @param id              environment id ("gridworld", "pendulum-swingup", "cartpole-balance", ...)
     * @param layout          GridWorld layout name ("two_bands", "three_goals", "obstacle", "two_slits", "c_shape"); ignored elsewhere
     * @param layoutFile      path of a GridWorld layout file (JSON/YAML) overriding {@code layout}; may be null
     * @param numEnvs         environments stepped together (1..4096)
     * @param maxSteps        episode truncation horizon; 0 = the environment's own
     * @param actionTransform how raw policy actions reach the env: clip to the bounds or tanh-squash
     * @param integration     how a dm_control task integrates its physics; the other envs allow only DM_CONTROL
     */
    public record EnvConfig(String id, String layout, String layoutFile, int numEnvs, int maxSteps,
            ActionTransform actionTransform, Integration integration, boolean staggerStarts) {

        /** The same environment with another number of copies (evaluation steps its own batch). */
        public EnvConfig withNumEnvs(int n) {
            return new EnvConfig(id, layout, layoutFile, n, maxSteps, actionTransform, integration, staggerStarts);
        }
    }

    /** @param sigma noise of each denoising step (paper's best: 0.05) */
    public record DppoConfig(double sigma) {
    }

    /**
     * @param totalSteps     training budget in env steps
     * @param stepsPerEnv    rollout length per env per iteration (batch = numEnvs × stepsPerEnv)
     * @param epochs         passes over each batch
     * @param minibatches    minibatches per epoch
     * @param clip           PPO clip ε
     * @param gamma          discount
     * @param gaeLambda      GAE λ
     * @param lr             actor learning rate (and the joint one)
     * @param criticLr       critic learning rate when optimizers are separate
     * @param lrSchedule     constant, linear decay to 0, or a linear warm-up over the first 10% then linear decay
     * @param maxGradNorm    global gradient-norm clip; 0 disables
     * @param targetKl       stop an iteration's update once a minibatch's approximate KL exceeds this; 0 disables
     * @param advantageNorm  normalize advantages over the batch, per minibatch, or not
     * @param jointOptimizer one Adam on policy loss + valueCoef × value loss
     * @param valueCoef      value-loss weight in the joint loss
     * @param obsNorm        running observation normalization
     * @param rewardScale    reward multiplier before GAE
     * @param noiseCorrelation correlation ρ of each training env's sampling noise from one step to the next
     *                         (AR(1), every step's noise still N(0, I)); 0 = independent noise
     * @param advantageStdFloor the policy's learning rate is scaled by std / floor while the raw advantages' std is
     *                          below this, so a solved task's tiny advantages do not drive full-size updates; 0 = off
     * @param shards         pieces each minibatch's policy gradient is computed in (weighted and summed in order);
     *                       the most threads an update can use for the policy; results depend on it only through
     *                       float summation order
     * @param threads        threads one update may use (0 = every core); results never depend on it
     */
    public record PpoConfig(long totalSteps, int stepsPerEnv, int epochs, int minibatches, double clip,
            double gamma, double gaeLambda, double lr, double criticLr, LrSchedule lrSchedule, double maxGradNorm,
            double targetKl, AdvantageNorm advantageNorm, boolean jointOptimizer, double valueCoef, boolean obsNorm,
            double rewardScale, double noiseCorrelation, double advantageStdFloor, int shards, int threads) {
    }

    /**
     * @param every    evaluate every this many iterations (0 = only at the end)
     * @param episodes evaluation episodes (GridWorld: random starts for the success rate)
     */
    public record EvalConfig(int every, int episodes) {
    }
}
