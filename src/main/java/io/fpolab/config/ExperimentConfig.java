package io.fpolab.config;

import java.util.List;

/**
 * One experiment, immutable and validated: what {@code sample-configs/*.json}, the CLI and the lab's
 * experiment panel all read and write. JSON keys are the record component names; enum values are
 * written in lower snake case ({@code "gaussian_ppo"}, {@code "u_mse"}).
 *
 * <p>Construct through {@link ConfigIO} (files) or {@link ConfigSchema} (validated maps); the
 * compact constructors only check non-null-ness.
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

    public enum Activation { RELU, TANH, SILU }

    public enum TimeEmbedding { RAW, SINUSOIDAL }

    public enum Sampler { EULER, MIDPOINT, EULER_MARUYAMA }

    public enum CfmLoss { U_MSE, EPS_MSE, DATA_MSE }

    public enum TauSampling { UNIFORM, GRID }

    public enum RatioMode { MEAN_EXP, CLAMPED, PER_SAMPLE }

    public enum TrustRegion { PPO_CLIP, ASPO }

    public enum StdMode { FIXED, LEARNED, STATE_DEPENDENT }

    /**
     * Which entropy Gaussian PPO's bonus rewards: that of the Gaussian over the raw action u (closed form;
     * with tanh on the action it keeps rewarding a wider σ long after tanh(u) is saturated at ±1), or
     * that of the action the env receives, tanh(u): the Gaussian entropy plus E[log(1 − tanh(u)²)],
     * estimated from one reparameterized sample per transition (the authors' Playground PPO).
     */
    public enum GaussianEntropy { PRE_TANH, SQUASHED }

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

    /** @param hidden hidden layer widths, e.g. [64, 64]; @param activation hidden nonlinearity */
    public record NetworkConfig(List<Integer> hidden, Activation activation) {
        public NetworkConfig {
            hidden = List.copyOf(hidden);
        }
    }

    /**
     * Flow policy (FPO) settings; {@code sampler}/{@code steps}/{@code timeEmbedding}/{@code outputScale}
     * also shape DPPO's network and chain.
     *
     * @param timeEmbedding      τ fed raw (1 input) or as the 8-dim sinusoidal embedding
     * @param outputScale        velocity output multiplier (Playground: 0.25)
     * @param sampler            rollout sampler
     * @param steps              integration steps K
     * @param samplerNoise       σ of the Euler–Maruyama sampler
     * @param zeroNoiseStart     start sampling from ε = 0 instead of N(0, I) during rollouts
     * @param evalSampler        sampler for evaluation and analysis
     * @param evalZeroNoiseStart start evaluation sampling from ε = 0
     * @param nMc                (τ, ε) pairs per action
     * @param lossMode           CFM loss per pair
     * @param tauSampling        τ of the stored pairs: uniform in [0,1) or uniform over the sampler grid
     * @param ratio              how per-pair losses make the ratio
     * @param ratioClamp         clamp bound of the CLAMPED ratio (authors' GridWorld code: 3)
     * @param trustRegion        PPO clip or ASPO
     * @param cfmAnchor          weight of the CFM loss on the policy's own rollout actions added to FPO's loss
     * @param actionClip         bound on each component of FPO's sampled (pre-transform) action; 0 disables
     */
    public record FlowConfig(TimeEmbedding timeEmbedding, double outputScale, Sampler sampler, int steps,
            double samplerNoise, boolean zeroNoiseStart, Sampler evalSampler, boolean evalZeroNoiseStart,
            int nMc, CfmLoss lossMode, TauSampling tauSampling, RatioMode ratio, double ratioClamp,
            TrustRegion trustRegion, double cfmAnchor, double actionClip) {
    }

    /**
     * @param std         fixed std, learned state-independent log-std, or state-dependent softplus std
     * @param initStd     the fixed std, or the initial std of the learned ones (GridWorld: sqrt(0.5))
     * @param tanhSquash  squash sampled actions with tanh before the env (log-det corrected)
     * @param entropyCoef entropy bonus weight
     * @param entropy     the entropy the bonus rewards: the pre-tanh Gaussian's or the squashed action's
     * @param evalMean    evaluate with the mean action instead of a sample
     */
    public record GaussianConfig(StdMode std, double initStd, boolean tanhSquash, double entropyCoef,
            GaussianEntropy entropy, boolean evalMean) {
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
