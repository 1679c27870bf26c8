package io.fpolab.config;

import static io.fpolab.config.FieldSpec.Kind.INT;
import static io.fpolab.config.FieldSpec.Kind.LONG;

import io.fpolab.config.ExperimentConfig.ActionTransform;
import io.fpolab.config.ExperimentConfig.AdvantageNorm;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.config.ExperimentConfig.LrSchedule;
import io.fpolab.config.FieldSpec.Range;
import io.fpolab.core.nn.Activation;
import io.fpolab.core.policy.CfmLoss;
import io.fpolab.core.policy.GaussianEntropy;
import io.fpolab.core.policy.Sampler;
import io.fpolab.core.policy.StdMode;
import io.fpolab.core.policy.TauSampling;
import io.fpolab.core.policy.TimeEmbedding;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.core.rl.TrustRegion;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The single table of every experiment setting. Config files, the CLI's {@code --set}, the experiment
 * panel's fields and tooltips, and {@code docs/config-reference.md} are all driven by {@link #fields()}.
 * Jackson binds a file (or a map, nested) onto {@link ExperimentConfig} over the table's defaults and finds
 * unknown keys and wrong types; the table then checks every bound value and words every message, and the
 * {@link CrossFieldRule}s check what relates settings. A row without a record component fails as an unknown
 * key; {@code ConfigSchemaTest} keeps rows and components in the same order.
 *
 * <p>Values in flat maps are typed as {@link FieldSpec#validate} returns them: Integer, Long, Double,
 * Boolean, String, enum constants and {@code List<Integer>}.
 */
public final class ConfigSchema {

    /** The DeepMind Control Suite tasks: the environments whose integrator {@code env.integration} chooses. */
    public static final List<String> DM_CONTROL_IDS = List.of("pendulum-swingup", "cartpole-balance",
            "cartpole-balance_sparse", "cartpole-swingup", "cartpole-swingup_sparse", "acrobot-swingup",
            "acrobot-swingup_sparse", "point_mass-easy", "reacher-easy", "reacher-hard");

    /**
     * The tasks that run in the system's MuJoCo (the optional backend of {@code io.fpolab.env.mujoco}) rather
     * than in the lab's Java physics; they run only where MuJoCo is installed.
     */
    public static final List<String> MUJOCO_IDS = List.of("cheetah-run", "ball_in_cup-catch", "finger-spin",
            "finger-turn_easy", "finger-turn_hard", "fish-swim");

    /** Every environment id the lab knows; the one list the schema, docs and UI read. */
    public static final List<String> ENV_IDS = Stream.of(List.of("gridworld"), DM_CONTROL_IDS,
            List.of("gym-pendulum", "mountain-car-continuous", "fork-easy"), MUJOCO_IDS).flatMap(List::stream).toList();

    /** Built-in GridWorld layouts. */
    public static final List<String> GRID_LAYOUTS = List.of("two_bands", "three_goals", "obstacle", "two_slits",
            "c_shape");

    /** Upper bound of transitions per iteration (numEnvs × stepsPerEnv): the rollout buffer must fit in memory. */
    public static final long MAX_BATCH = 10_000_000L;

    /**
     * Settings that change how fast a run trains, never what it produces: runs that differ only in them are the
     * same training (reuse, seed groups, checkpoints) and their names leave them out.
     */
    public static final Set<String> SPEED_FIELDS = Set.of("ppo.threads");

    /**
     * The starting std of the authors' Playground Gaussian PPO: its std head is {@code softplus(s) + 0.001}
     * with the output layer's bias at 0 ({@code playground/src/flow_policy/networks.py},
     * {@code gaussian_policy_fwd} and {@code mlp_init} in akanazawa/fpo), so σ starts at ln 2 + 0.001.
     */
    public static final double AUTHORS_INIT_STD = Math.log(2) + 0.001;

    /**
     * Settings added after config files were first written, with the default at which files leave them out: a file
     * written before them reads the same and is written again byte for byte.
     */
    public static final Map<String, Object> WRITTEN_ONLY_WHEN_SET = Map.of("ppo.criticShards", 1);

    /** Upper bound of rows in one FPO minibatch update (transitions × nMc / minibatches). */
    public static final long MAX_FPO_ROWS = 4_000_000L;

    private static final Set<Algorithm> ALL = EnumSet.allOf(Algorithm.class);
    private static final Set<Algorithm> FPO = EnumSet.of(Algorithm.FPO);
    private static final Set<Algorithm> FLOW = EnumSet.of(Algorithm.FPO, Algorithm.DPPO);
    private static final Set<Algorithm> GAUSSIAN = EnumSet.of(Algorithm.GAUSSIAN_PPO);
    private static final Set<Algorithm> DPPO = EnumSet.of(Algorithm.DPPO);

    private static final List<FieldSpec> FIELDS = List.of(
            FieldSpec.text("name", "Untitled experiment", 1, 200, ALL,
                    "Title of the experiment, shown in the run list, chart legends and exported figures."),
            FieldSpec.text("description", "", 0, 4000, ALL,
                    "Free notes on what this experiment tries to show; the lab displays them next to the run."),
            FieldSpec.integer("seed", LONG, 0, 0, 1L << 53, ALL,
                    "Seed of the one random number generator behind environments, network initialisation and "
                            + "sampling; the same seed and settings reproduce the same run."),
            FieldSpec.enumeration("algorithm", Algorithm.FPO, true, ALL,
                    "Which policy to train with PPO: fpo (a flow-matching policy with the CFM-loss ratio), "
                            + "gaussian_ppo (the classic Gaussian policy) or dppo (a flow policy whose denoising "
                            + "steps are treated as Gaussian MDP steps)."),

            FieldSpec.choice("env.id", "gridworld", true, ENV_IDS, ALL,
                    "The task to learn: the 2-D GridWorld of the paper's Figure 1, a continuous-control task "
                            + "modelled on the DeepMind Control Suite / Gym, or a Control Suite task run in MuJoCo "
                            + "itself (" + String.join(", ", MUJOCO_IDS) + "; needs MuJoCo 2.2.2 installed)."),
            FieldSpec.choice("env.layout", "two_bands", false, GRID_LAYOUTS, ALL,
                    "GridWorld map: two_bands is the paper's Figure 1 (two goal bands, so the best policy is "
                            + "bimodal); ignored by other environments."),
            FieldSpec.nullableText("env.layoutFile", ALL,
                    "Path of a custom GridWorld layout file that replaces env.layout; a relative path is read "
                            + "relative to the config file, null uses env.layout."),
            FieldSpec.integer("env.numEnvs", INT, 64, 1, 4096, ALL,
                    "Copies of the environment stepped in parallel; each iteration collects numEnvs × "
                            + "ppo.stepsPerEnv transitions."),
            FieldSpec.integer("env.maxSteps", INT, 0, 0, 100_000, ALL,
                    "Episode length limit after which an episode is cut off; 0 keeps the environment's own "
                            + "limit."),
            FieldSpec.enumeration("env.actionTransform", ActionTransform.CLIP, false, ALL,
                    "How a raw policy action reaches the environment: clip it to the action bounds, or squash "
                            + "it with tanh (Playground FPO; the stored action and the loss keep the raw value)."),
            FieldSpec.enumeration("env.integration", Integration.DM_CONTROL, false, ALL,
                    "How a dm_control task integrates its physics: dm_control (RK4 for cartpole and acrobot, "
                            + "semi-implicit Euler with implicit joint damping for the others) or playground "
                            + "(MuJoCo Playground: semi-implicit Euler with explicit damping, pendulum in 2 "
                            + "sub-steps of 0.01 s, reacher in 4 of 0.005 s). GridWorld, the Gym tasks and the "
                            + "MuJoCo tasks (dm_control's own models) accept only dm_control."),
            FieldSpec.bool("env.staggerStarts", false, ALL,
                    "Training only: cut each environment's first episode at a random length, so the parallel "
                            + "environments sit at different points of their episodes and every batch mixes early "
                            + "and late states. Off, all environments reset together and a 1000-step task feeds "
                            + "~30 batches of late states between the batches of starts. The cut episodes are left "
                            + "out of the training return; evaluation is unaffected."),

            FieldSpec.intList("actor.hidden", List.of(64, 64), 1, 8, 1, 2048, ALL,
                    "Hidden layer widths of the policy network (the velocity field for FPO/DPPO, the mean for "
                            + "Gaussian PPO); the paper uses [64, 64] on GridWorld and [32, 32, 32, 32] on DMC."),
            FieldSpec.enumeration("actor.activation", Activation.RELU, false, ALL,
                    "Nonlinearity between the policy's hidden layers (paper: relu on GridWorld, silu on DMC)."),
            FieldSpec.intList("critic.hidden", List.of(64, 64), 1, 8, 1, 2048, ALL,
                    "Hidden layer widths of the value network that predicts returns for the advantage "
                            + "estimate (paper: [64, 64] on GridWorld, five layers of 256 on DMC)."),
            FieldSpec.enumeration("critic.activation", Activation.RELU, false, ALL,
                    "Nonlinearity between the value network's hidden layers."),

            FieldSpec.enumeration("flow.timeEmbedding", TimeEmbedding.RAW, false, FLOW,
                    "How the flow time τ enters the network: raw (one input, GridWorld code) or sinusoidal "
                            + "(8 cos/sin features of τ, Playground code)."),
            FieldSpec.real("flow.outputScale", 1.0, new Range(0, true, 100, false), FLOW,
                    "Multiplier on the network's velocity output; a small value (Playground: 0.25) keeps "
                            + "early actions close to the noise they start from."),
            FieldSpec.enumeration("flow.sampler", Sampler.EULER, false, FLOW,
                    "Integrator that turns noise into an action during rollouts: euler, midpoint (2nd "
                            + "order) or euler_maruyama (Euler with extra noise flow.samplerNoise per step)."),
            FieldSpec.integer("flow.steps", INT, 10, 1, 1000, FLOW,
                    "Number of integration steps K from noise (τ = 0) to action (τ = 1); the paper uses 10, "
                            + "and DPPO's chain has this many denoising steps."),
            FieldSpec.real("flow.samplerNoise", 0.1, new Range(0, false, 10, false), FPO,
                    "Standard deviation of the noise the euler_maruyama sampler adds at each step; unused by "
                            + "the other samplers."),
            FieldSpec.bool("flow.zeroNoiseStart", false, FPO,
                    "Start rollout sampling from ε = 0 instead of Gaussian noise, which makes the policy "
                            + "deterministic and usually stops exploration."),
            FieldSpec.enumeration("flow.evalSampler", Sampler.EULER, false, FLOW,
                    "Integrator used for evaluation episodes and the action-distribution plots."),
            FieldSpec.bool("flow.evalZeroNoiseStart", false, FLOW,
                    "Start evaluation sampling from ε = 0, giving the policy's single most typical action "
                            + "(FPO++ deploys this way)."),
            FieldSpec.integer("flow.nMc", INT, 50, 1, 1024, FPO,
                    "Number of (τ, ε) pairs per action used to estimate the CFM loss difference; more pairs "
                            + "give a less biased ratio (paper: 8 on DMC, 50 on GridWorld)."),
            FieldSpec.enumeration("flow.lossMode", CfmLoss.U_MSE, false, FPO,
                    "Per-pair conditional flow matching loss: u_mse (velocity error, GridWorld code), eps_mse "
                            + "(noise error, the paper's best) or data_mse (action error)."),
            FieldSpec.enumeration("flow.tauSampling", TauSampling.UNIFORM, false, FPO,
                    "How the stored τ of each pair is drawn: uniform in [0, 1) (GridWorld code) or uniformly "
                            + "among the sampler's step times (Playground code)."),
            FieldSpec.enumeration("flow.ratio", RatioMode.CLAMPED, false, FPO,
                    "How the per-pair loss differences become the PPO ratio: mean_exp (exp of the mean, "
                            + "paper), clamped (GridWorld code, clamped to ±flow.ratioClamp) or per_sample "
                            + "(one ratio per pair, FPO++)."),
            FieldSpec.real("flow.ratioClamp", 3.0, new Range(0, true, 100, false), FPO,
                    "Bound on the loss differences (and their mean) in the clamped and per_sample ratio modes, "
                            + "which stops a few noisy pairs from producing huge ratios (authors' code: 3)."),
            FieldSpec.enumeration("flow.trustRegion", TrustRegion.PPO_CLIP, false, FPO,
                    "Surrogate objective: ppo_clip (standard clipping) or aspo (FPO++: clipping for positive "
                            + "advantages, a quadratic penalty for negative ones)."),
            FieldSpec.real("flow.cfmAnchor", 0.0, new Range(0, false, 100, false), FPO,
                    "Not in the paper: adds this weight × the mean CFM loss on the rollout's own actions (the stored "
                            + "(τ, ε) pairs) to FPO's loss, like adding a small positive constant to every advantage. "
                            + "It counters the slow spreading of the flow when advantages are mostly noise; 0 is "
                            + "plain FPO."),
            FieldSpec.real("flow.actionClip", 0.0, new Range(0, false, 1000, false), FPO,
                    "Not in the paper: clips each component of a sampled action to ±this before the env sees it "
                            + "and before it is stored for the update, so the flow is only ever trained towards "
                            + "bounded actions. With a tanh action transform, 3 keeps 99.5% of the range and stops the "
                            + "pre-tanh actions (which the env cannot tell apart once saturated) drifting to huge "
                            + "values that can make training diverge; it also slowed learning in our runs "
                            + "(docs/control-results.md). 0 disables."),

            FieldSpec.enumeration("gaussian.std", StdMode.FIXED, false, GAUSSIAN,
                    "Standard deviation of the Gaussian policy: fixed, learned but the same in every state, "
                            + "or predicted per state by the network."),
            FieldSpec.real("gaussian.initStd", Math.sqrt(0.5), new Range(0, true, 100, false), GAUSSIAN,
                    "The fixed standard deviation, or the starting one when it is learned (GridWorld code: "
                            + "variance 0.5, so about 0.707). With state_dependent the std head's bias is set so "
                            + "that softplus(bias) + 0.001 equals this; the authors' Playground PPO starts the bias "
                            + "at 0, i.e. ln 2 + 0.001 ≈ 0.6941."),
            FieldSpec.bool("gaussian.tanhSquash", false, GAUSSIAN,
                    "Squash sampled actions with tanh and correct the log-likelihood for it, keeping actions "
                            + "inside (-1, 1)."),
            FieldSpec.real("gaussian.entropyCoef", 0.0, new Range(0, false, 10, false), GAUSSIAN,
                    "Weight of the entropy bonus that rewards a wide policy and so keeps it exploring (Brax: "
                            + "0.01; 0 turns it off)."),
            FieldSpec.enumeration("gaussian.entropy", GaussianEntropy.PRE_TANH, false, GAUSSIAN,
                    "Which entropy the bonus rewards. pre_tanh: the Gaussian's over the raw action u (closed "
                            + "form). With tanh on the action this keeps paying for a wider σ after tanh(u) has "
                            + "saturated at ±1, so σ can grow without bound into bang-bang control. squashed: the "
                            + "entropy of tanh(u), the action the env receives: the Gaussian's plus "
                            + "E[log(1 − tanh(u)²)], estimated from one reparameterized sample of the current "
                            + "policy per transition, which stops paying once actions saturate (the authors' "
                            + "Playground PPO). squashed needs tanh on the action (env.actionTransform tanh or "
                            + "gaussian.tanhSquash)."),
            FieldSpec.bool("gaussian.evalMean", false, GAUSSIAN,
                    "Evaluate with the mean action instead of a sample (Brax's and the authors' Playground "
                            + "evaluation; the flow policy's counterpart is flow.evalZeroNoiseStart). Training always "
                            + "samples."),

            FieldSpec.real("dppo.sigma", 0.05, new Range(0, true, 10, false), DPPO,
                    "Noise added at each denoising step, which makes every step a Gaussian with a likelihood "
                            + "PPO can use (paper's best: 0.05)."),

            FieldSpec.integer("ppo.totalSteps", LONG, 151_552, 1, 10_000_000_000L, ALL,
                    "Training budget in environment steps, summed over all parallel environments."),
            FieldSpec.integer("ppo.stepsPerEnv", INT, 64, 1, 100_000, ALL,
                    "Steps each environment takes per iteration before the policy is updated."),
            FieldSpec.integer("ppo.epochs", INT, 10, 1, 1000, ALL,
                    "How many times each iteration's batch is reused for gradient steps (paper GridWorld: 10)."),
            FieldSpec.integer("ppo.minibatches", INT, 6, 1, 4096, ALL,
                    "Number of pieces each batch is split into per epoch; one gradient step per piece."),
            FieldSpec.real("ppo.clip", 0.2, new Range(0, true, 10, false), ALL,
                    "PPO clip range ε: how far the ratio may move from 1 before the objective stops rewarding "
                            + "it (FPO on DMC: 0.05, GridWorld and DPPO: 0.2; the authors' Gaussian PPO on DMC: 0.3 "
                            + "by default, 0.1 in their tuned baseline)."),
            FieldSpec.real("ppo.gamma", 0.99, new Range(0, false, 1, false), ALL,
                    "Discount factor: how much a reward one step later is worth compared with one now."),
            FieldSpec.real("ppo.gaeLambda", 0.98, new Range(0, false, 1, false), ALL,
                    "GAE λ: trades the bias of bootstrapped advantages (0) against the variance of Monte Carlo "
                            + "returns (1)."),
            FieldSpec.real("ppo.lr", 3e-4, new Range(0, true, 1, false), ALL,
                    "Adam learning rate of the policy, and of the whole model when ppo.jointOptimizer is on."),
            FieldSpec.real("ppo.criticLr", 3e-4, new Range(0, true, 1, false), ALL,
                    "Adam learning rate of the value network when it has its own optimizer."),
            FieldSpec.enumeration("ppo.lrSchedule", LrSchedule.WARMUP_LINEAR, false, ALL,
                    "Keep the learning rates constant, decay them linearly to 0 over ppo.totalSteps, or warm them up "
                            + "linearly over the first 10% of training and then decay (warmup_linear: small early steps "
                            + "average out the noisy first rollouts)."),
            FieldSpec.real("ppo.maxGradNorm", 0.5, new Range(0, false, 1e6, false), ALL,
                    "Gradients whose global norm exceeds this are scaled down to it, preventing rare huge "
                            + "updates; 0 disables clipping."),
            FieldSpec.real("ppo.targetKl", 0.0, new Range(0, false, 10, false), ALL,
                    "Early stopping: when a minibatch finds the policy already this far (approximate KL) from the "
                            + "one that collected the batch, the rest of the iteration's update is skipped. Stops "
                            + "rare runaway updates; 0 disables (CleanRL's target_kl)."),
            FieldSpec.enumeration("ppo.advantageNorm", AdvantageNorm.BATCH, false, ALL,
                    "Normalize advantages to mean 0 and std 1 over the whole batch, within each minibatch, "
                            + "or not at all."),
            FieldSpec.bool("ppo.jointOptimizer", false, ALL,
                    "Train policy and value network with one Adam on policy loss + ppo.valueCoef × value loss "
                            + "(Playground) instead of two separate optimizers (GridWorld)."),
            FieldSpec.real("ppo.valueCoef", 0.5, new Range(0, false, 1000, false), ALL,
                    "Weight of the value loss in the joint loss; only used with ppo.jointOptimizer."),
            FieldSpec.bool("ppo.obsNorm", false, ALL,
                    "Normalize observations with running mean and variance so every input has a similar "
                            + "scale."),
            FieldSpec.real("ppo.rewardScale", 1.0, new Range(0, true, 1e6, false), ALL,
                    "Multiplier applied to rewards before computing returns and advantages (Playground: 10)."),
            FieldSpec.real("ppo.noiseCorrelation", 0.0, new Range(0, false, 1, true), ALL,
                    "Training only (not in the paper): correlate each environment's sampling noise from one step "
                            + "to the next, ε(t) = ρ·ε(t−1) + √(1−ρ²)·ξ(t), so exploration pushes in one direction for "
                            + "~1/(1−ρ) steps instead of jittering. Every step's noise is still N(0, I), so the "
                            + "policy's action distribution in each state is unchanged, and FPO's ratio never looks "
                            + "at the sampling noise. The noise is the flow's starting point (FPO, DPPO) or the "
                            + "Gaussian's ξ in μ + σ·ξ. 0 = independent noise (the paper); evaluation is unaffected."),
            FieldSpec.real("ppo.advantageStdFloor", 0.0, new Range(0, false, 1e6, false), ALL,
                    "Not in the paper: when the batch's advantages (before normalization, in return units) spread "
                            + "less than this, the policy's learning rate is scaled down by std / floor. Once a task "
                            + "is solved its advantages are tiny noise, and normalization would turn that noise into "
                            + "full-size policy updates, which can make FPO's flow spread out and the policy "
                            + "collapse late. With rewards in [0, 1] per step a floor near 1 leaves learning alone. "
                            + "0 = off."),

            FieldSpec.integer("ppo.shards", INT, 1, 1, 256, ALL,
                    "Pieces each minibatch's policy gradient is computed in, each on its own thread when there are "
                            + "threads to spare, then weighted and summed in a fixed order. The same number of shards "
                            + "gives bit-identical results with any number of threads; different shard counts differ "
                            + "only by float rounding. Pick about the number of cores a run will have (the critic "
                            + "takes one more thread, or ppo.criticShards); each shard adds a fixed cost of ~0.5 ms "
                            + "per step, so small minibatches gain less."),
            FieldSpec.integer("ppo.criticShards", INT, 1, 1, 256, ALL,
                    "Not in the paper; for speed only: pieces each minibatch's critic (value) gradient is computed "
                            + "in, like ppo.shards for the policy. The paper's DMC critic (256×5) costs more than "
                            + "twice the policy's update, so with 1 a second core idles for much of each step; set "
                            + "it to the number of cores to share the critic too. Any value gives the same gradient "
                            + "up to float rounding, but runs then differ bit for bit from runs with 1, which every "
                            + "preset and every table in docs uses."),
            FieldSpec.integer("ppo.threads", INT, 0, 0, 256, ALL,
                    "Threads one update may use for its shards and the critic: 0 = every core (in the lab "
                            + "window trainers run at the lowest priority, so the window still comes first). "
                            + "Never changes results."),

            FieldSpec.integer("eval.every", INT, 3, 0, 1_000_000, ALL,
                    "Run evaluation episodes every this many training iterations; 0 evaluates only at the end."),
            FieldSpec.integer("eval.episodes", INT, 200, 1, 100_000, ALL,
                    "Episodes per evaluation; on GridWorld each starts from a random cell to measure the "
                            + "success rate."));

    /**
     * A rule that involves several settings.
     *
     * @param fields the settings involved, as the message prefix ("env.numEnvs × ppo.stepsPerEnv")
     * @param doc    the rule and its reason, for the docs
     */
    public record CrossFieldRule(String fields, String doc, Function<Map<String, Object>, String> check) {
    }

    private static final List<CrossFieldRule> RULES = List.of(
            new CrossFieldRule("env.numEnvs × ppo.stepsPerEnv",
                    "at most " + MAX_BATCH + " transitions per iteration, because the whole rollout is kept in "
                            + "memory for the update",
                    m -> {
                        long batch = batch(m);
                        return batch <= MAX_BATCH ? null
                                : m.get("env.numEnvs") + " × " + m.get("ppo.stepsPerEnv") + " = " + batch
                                        + " transitions per iteration is out of range; allowed at most " + MAX_BATCH
                                        + " (the rollout is kept in memory); lower env.numEnvs or ppo.stepsPerEnv";
                    }),
            new CrossFieldRule("ppo.minibatches",
                    "at most env.numEnvs × ppo.stepsPerEnv, so that every minibatch holds at least one transition",
                    m -> {
                        long batch = batch(m);
                        int mb = (Integer) m.get("ppo.minibatches");
                        return mb <= batch ? null
                                : mb + " minibatches is out of range; allowed at most env.numEnvs × ppo.stepsPerEnv = "
                                        + batch + " so that each minibatch holds a transition";
                    }),
            shardRule("ppo.shards", "shards"),
            shardRule("ppo.criticShards", "critic shards"),
            new CrossFieldRule("env.numEnvs × ppo.stepsPerEnv × flow.nMc / ppo.minibatches",
                    "FPO only: at most " + MAX_FPO_ROWS + " rows per minibatch update, because every (τ, ε) pair "
                            + "is one row through the network whose activations are kept for backpropagation, "
                            + "and more rows exhaust a desktop's memory",
                    m -> {
                        if (m.get("algorithm") != Algorithm.FPO) {
                            return null;
                        }
                        long rows = fpoRows(m);
                        return rows <= MAX_FPO_ROWS ? null
                                : m.get("env.numEnvs") + " × " + m.get("ppo.stepsPerEnv") + " × " + m.get("flow.nMc")
                                        + " / " + m.get("ppo.minibatches") + " = " + rows
                                        + " rows per FPO update is out of range; allowed at most " + MAX_FPO_ROWS
                                        + " because each row's activations are kept for backpropagation (memory); "
                                        + "lower flow.nMc or raise ppo.minibatches";
                    }),
            new CrossFieldRule("gaussian.entropy",
                    "squashed only when the env receives tanh(u) (env.actionTransform tanh or gaussian.tanhSquash): "
                            + "without tanh there is no squashing to correct for",
                    m -> m.get("algorithm") != Algorithm.GAUSSIAN_PPO || m.get("gaussian.entropy") != GaussianEntropy.SQUASHED
                            || m.get("env.actionTransform") == ActionTransform.TANH
                            || Boolean.TRUE.equals(m.get("gaussian.tanhSquash")) ? null
                            : "\"squashed\" needs tanh on the action; allowed: pre_tanh, or squashed with "
                                    + "env.actionTransform tanh or gaussian.tanhSquash true"),
            new CrossFieldRule("env.integration",
                    "playground only with a dm_control task (" + String.join(", ", DM_CONTROL_IDS) + "); "
                            + "GridWorld, the Gym tasks and the MuJoCo tasks have a single update rule",
                    m -> {
                        Object id = m.get("env.id");
                        return m.get("env.integration") == Integration.DM_CONTROL || DM_CONTROL_IDS.contains(id)
                                ? null
                                : "\"" + FieldSpec.snake((Integration) m.get("env.integration")) + "\" is not "
                                        + "supported for " + id + "; allowed: dm_control (playground applies only "
                                        + "to the dm_control tasks: " + String.join(", ", DM_CONTROL_IDS) + ")";
                    }));

    private static final Map<String, FieldSpec> BY_PATH = new LinkedHashMap<>();
    private static final List<String> SECTIONS = FIELDS.stream().map(FieldSpec::section).filter(s -> !s.isEmpty())
            .distinct().toList();
    private static final String TOP_ALLOWED = "allowed: an object with at least \"algorithm\" and \"env\": {\"id\": ...}";

    static {
        for (FieldSpec f : FIELDS) {
            if (BY_PATH.put(f.path(), f) != null) {
                throw new IllegalStateException("duplicate schema path " + f.path());
            }
        }
    }

    private ConfigSchema() {
    }

    /** Every setting, in file order (the order of {@link ExperimentConfig}'s components). */
    public static List<FieldSpec> fields() {
        return FIELDS;
    }

    /** The cross-field rules checked by {@link #fromMap} after every single field is valid. */
    public static List<CrossFieldRule> crossFieldRules() {
        return RULES;
    }

    /** Section names ({@code "env"}, {@code "ppo"}, ...), in file order. */
    public static List<String> sections() {
        return SECTIONS;
    }

    /**
     * The setting at a dotted path.
     *
     * @throws ConfigException for an unknown path, with a "did you mean" suggestion when one is close
     */
    public static FieldSpec field(String path) {
        FieldSpec f = BY_PATH.get(path);
        if (f == null) {
            throw unknownKey(path);
        }
        return f;
    }

    /**
     * The configuration with every setting at its default; the required settings take their reference
     * values ({@code algorithm fpo}, {@code env.id gridworld}), giving the paper's GridWorld FPO settings.
     */
    public static ExperimentConfig defaults() {
        return fromMap(defaultMap());
    }

    private static Map<String, Object> defaultMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        FIELDS.forEach(f -> m.put(f.path(), f.defaultValue()));
        return m;
    }

    /**
     * Validates a flat dotted map (raw file values or typed values) and builds the configuration.
     * Missing optional keys take their defaults.
     *
     * @throws ConfigException for the first problem found: an unknown key, a bad value, a missing required key,
     *                         then a broken cross-field rule
     */
    public static ExperimentConfig fromMap(Map<String, ?> flat) {
        flat.keySet().forEach(ConfigSchema::field);
        return bind(nest(flat));
    }

    /**
     * Binds a parsed file (or a nested map) onto {@link ExperimentConfig} with Jackson's strict settings, over the
     * defaults, then checks every value against its row of the table and the rules between fields. Jackson finds
     * unknown keys and wrong types; the table words every message.
     */
    static ExperimentConfig bind(JsonNode user) {
        if (!(user instanceof ObjectNode given)) {
            throw new ConfigException("", "top level must be an object of settings, got "
                    + FieldSpec.describe(ConfigIO.plain(user)) + "; " + TOP_ALLOWED);
        }
        ObjectNode tree = nest(defaultMap());
        for (Map.Entry<String, JsonNode> e : given.properties()) {
            if (!SECTIONS.contains(e.getKey())) {
                tree.set(e.getKey(), e.getValue());
            } else if (e.getValue() instanceof ObjectNode section) {
                ((ObjectNode) tree.get(e.getKey())).setAll(section);
            } else {
                throw new ConfigException(e.getKey(), "expected an object of settings, got " + FieldSpec.describe(
                        ConfigIO.plain(e.getValue())) + "; allowed: an object with keys such as " + String.join(", ",
                        FIELDS.stream().filter(f -> f.section().equals(e.getKey())).limit(3).map(FieldSpec::key).toList()));
            }
        }
        ExperimentConfig config = ConfigIO.bind(tree, ExperimentConfig.class, (path, value) -> {
            if (value == null) {
                return unknownKey(path);
            }
            String fieldPath = path.replaceFirst("\\[.*", "");
            field(fieldPath).validate(ConfigIO.plain(tree.at(pointer(fieldPath))));
            return new ConfigException(fieldPath, FieldSpec.describe(ConfigIO.plain(value)) + " is not allowed; allowed "
                    + field(fieldPath).allowed());
        });
        for (FieldSpec f : FIELDS) {
            if (f.required() && user.at(pointer(f.path())).isMissingNode()) {
                throw new ConfigException(f.path(), "required key is missing; allowed: " + f.allowed());
            }
        }
        Map<String, Object> typed = toMap(config);
        for (CrossFieldRule rule : RULES) {
            String problem = rule.check().apply(typed);
            if (problem != null) {
                throw new ConfigException(rule.fields(), problem);
            }
        }
        return config;
    }

    /** A flat dotted map as the nested tree a file holds. */
    private static ObjectNode nest(Map<String, ?> flat) {
        ObjectNode root = ConfigIO.JSON.createObjectNode();
        flat.forEach((path, value) -> {
            FieldSpec f = BY_PATH.get(path);
            (f.section().isEmpty() ? root : root.withObjectProperty(f.section()))
                    .set(f.key(), ConfigIO.JSON.valueToTree(value));
        });
        return root;
    }

    private static JsonPointer pointer(String path) {
        return JsonPointer.compile("/" + path.replace('.', '/'));
    }

    /** The configuration as a flat dotted map in file order, with typed values (see class docs). */
    public static LinkedHashMap<String, Object> toMap(ExperimentConfig config) {
        JsonNode tree = ConfigIO.JSON.valueToTree(config);
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        FIELDS.forEach(f -> m.put(f.path(), f.validate(ConfigIO.plain(tree.at(pointer(f.path()))))));
        return m;
    }

    /**
     * Returns {@code config} with one setting replaced by a value given as text (CLI {@code --set ppo.lr=1e-4}),
     * re-checking the cross-field rules.
     *
     * @throws ConfigException for an unknown path or a value the setting does not allow
     */
    public static ExperimentConfig withOverride(ExperimentConfig config, String path, String valueText) {
        return withOverrides(config, Map.of(path, valueText));
    }

    /**
     * Several settings changed at once ({@code path → text}, applied in order): each value is parsed on its own,
     * the rules that relate fields are checked once on the result, so settings that only make sense together
     * (a task and its integrator) can be given in any order.
     */
    public static ExperimentConfig withOverrides(ExperimentConfig config, Map<String, String> values) {
        LinkedHashMap<String, Object> m = toMap(config);
        values.forEach((path, text) -> m.put(path, field(path).parseText(text)));
        return fromMap(m);
    }

    /**
     * The error for a key the schema does not know: suggests the closest known key (in any section, so
     * a key in the wrong section is found too) or lists the allowed keys of that level.
     */
    static ConfigException unknownKey(String path) {
        String shown = printable(path);
        int dot = path.lastIndexOf('.');
        String section = dot < 0 ? "" : path.substring(0, dot);
        if (BY_PATH.containsKey(path)) {
            return new ConfigException(shown, "unknown top-level key; allowed: the nested form \"" + section
                    + "\": {\"" + path.substring(dot + 1) + "\": ...}");
        }
        if (SECTIONS.contains(path)) {
            return new ConfigException(shown, "is a section, not a setting; allowed: its keys, such as "
                    + sectionKeys(path).get(0));
        }
        String suggestion = closest(path, section);
        if (suggestion != null) {
            return new ConfigException(shown, "unknown key; did you mean \"" + suggestion + "\"?");
        }
        if (SECTIONS.contains(section)) {
            return new ConfigException(shown, "unknown key; allowed keys in \"" + section + "\": " + String.join(", ",
                    sectionKeys(section).stream().map(p -> p.substring(section.length() + 1)).toList()));
        }
        return new ConfigException(shown, "unknown key; allowed top-level keys: " + String.join(", ",
                FIELDS.stream().map(f -> f.section().isEmpty() ? f.key() : f.section()).distinct().toList()));
    }

    private static List<String> sectionKeys(String section) {
        return FIELDS.stream().map(FieldSpec::path).filter(p -> p.startsWith(section + ".")).toList();
    }

    private static String closest(String path, String section) {
        String key = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : Stream.concat(BY_PATH.keySet().stream(), SECTIONS.stream()).toList()) {
            int cdot = candidate.lastIndexOf('.');
            String cKey = candidate.substring(cdot + 1).toLowerCase(Locale.ROOT);
            int d = Math.min(editDistance(key, cKey), editDistance(path.toLowerCase(Locale.ROOT),
                    candidate.toLowerCase(Locale.ROOT)));
            // Prefer a match in the same section: a typo is likelier than a key in the wrong place.
            int score = 2 * d + (candidate.substring(0, Math.max(cdot, 0)).equals(section) ? 0 : 1);
            if (d <= Math.max(1, Math.min(3, cKey.length() / 3)) && score < bestScore && !candidate.equals(path)) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /** Levenshtein distance; short keys only, so the quadratic table is fine. */
    static int editDistance(String a, String b) {
        if (a.length() > 200 || b.length() > 200) {
            return Integer.MAX_VALUE / 4;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** A key from a file made safe for a one-line message: control characters escaped, length capped. */
    static String printable(String key) {
        return FieldSpec.escape(key, 80);
    }

    /** A shard count is at most the transitions of one minibatch, so that every shard holds a transition. */
    private static CrossFieldRule shardRule(String key, String noun) {
        return new CrossFieldRule(key, "at most the transitions of one minibatch (env.numEnvs × ppo.stepsPerEnv / "
                + "ppo.minibatches), so that every shard holds a transition", m -> {
                    long perMinibatch = batch(m) / (Integer) m.get("ppo.minibatches");
                    int shards = (Integer) m.get(key);
                    return shards <= perMinibatch ? null
                            : shards + " " + noun + " is out of range; allowed at most " + perMinibatch
                                    + " (the transitions of one minibatch) so that each shard holds a transition";
                });
    }

    private static long batch(Map<String, Object> m) {
        return (long) (Integer) m.get("env.numEnvs") * (Integer) m.get("ppo.stepsPerEnv");
    }

    private static long fpoRows(Map<String, Object> m) {
        long batch = batch(m);
        int mb = (Integer) m.get("ppo.minibatches");
        return ((batch + mb - 1) / mb) * (Integer) m.get("flow.nMc");
    }
}
