package io.fpolab.train;

import io.fpolab.config.ExperimentConfig.ActionTransform;
import io.fpolab.config.ExperimentConfig.AdvantageNorm;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Adam;
import io.fpolab.core.nn.Mlp;
import io.fpolab.core.nn.Nd;
import io.fpolab.core.nn.ParamSet;
import io.fpolab.core.nn.Workspaces;
import io.fpolab.core.policy.Policy;
import io.fpolab.core.rl.Gae;
import io.fpolab.core.rl.RunningNorm;
import io.fpolab.env.EnvSpec;
import io.fpolab.env.StepResult;
import io.fpolab.env.VecEnv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * PPO for all three policies, one iteration at a time, in the order of the algorithm:
 * rollout → advantages (GAE) → epochs × minibatches (policy surrogate + value loss, clip, Adam) →
 * metrics. Owns all of its run's ND4J state; call it from one thread only (see {@link TrainingRun}).
 *
 * <p>Randomness comes from one seed split into four streams (init, env, policy sampling, update),
 * so the same config and seed give bit-identical metrics, and a checkpoint can restore each stream.
 *
 * <p>Divergence guard: each iteration starts from an in-memory {@link Checkpoint} of the whole state;
 * when a loss, gradient norm, parameter (checked after every optimizer step), action or reward becomes
 * NaN or infinite, that snapshot is restored and a {@link DivergenceException} is thrown, so the run can
 * continue with a lower learning rate ({@link #setLearningRates}).
 */
public final class Trainer {
    /** Hook called between minibatches (pause, cancel); may block or throw. */
    public interface Control {
        void checkpoint();
    }

    /** Evaluation run at chosen iterations on the trainer thread; returns named metrics. */
    public interface Evaluator {
        Map<String, Double> evaluate(Trainer trainer);
    }

    /** Fraction of training spent warming the learning rate up under {@code WARMUP_LINEAR}. */
    static final double WARMUP = 0.1;

    private final ExperimentConfig cfg;
    private final VecEnv env;
    private final EnvSpec spec;
    private final int numEnvs;
    private final int steps;
    private final int batch;
    private final long totalIterations;
    private final Policy policy;
    private final PolicyShards shards;
    private final ParallelSampler sampler;
    private final Mlp critic;
    private final ParamSet criticParams;
    private final CriticShards criticShards;
    private final Adam actorOpt;
    private final Adam criticOpt;
    private final RunningNorm obsNorm;
    Rng envRng;
    Rng policyRng;
    Rng updateRng;
    private final Rollout buf;
    /** Whether {@link #buf} holds a rollout of this trainer (not restored by checkpoints). */
    private boolean rolledOut;
    /** The rollout's sampling noise when it is correlated over time; null draws independent noise. */
    final CorrelatedNoise noise;
    private double actorLr;
    private double criticLr;
    private Checkpoint lastGood;
    /** Standard deviation of this iteration's advantages before any normalization (return units). */
    private double rawAdvantageStd;
    private Evaluator evaluator;
    private Control control = () -> { };
    private int iteration;
    private long envSteps;
    private double wallSeconds;
    /** Nanoseconds of the current iteration spent in {@link #control} (paused, or serving other work). */
    private long controlNanos;
    private boolean started;
    private int updateThreads;

    public Trainer(ExperimentConfig cfg, VecEnv env) {
        this(cfg, env, DataType.FLOAT);
    }

    public Trainer(ExperimentConfig cfg, VecEnv env, DataType dtype) {
        this.cfg = cfg;
        this.env = env;
        this.spec = env.spec();
        this.numEnvs = env.numEnvs();
        this.steps = cfg.ppo().stepsPerEnv();
        this.batch = numEnvs * steps;
        this.totalIterations = Math.max(1, (cfg.ppo().totalSteps() + batch - 1) / batch);
        Rng master = new Rng(cfg.seed());
        Rng initRng = master.split();
        this.envRng = master.split();
        this.policyRng = master.split();
        this.updateRng = master.split();
        this.policy = PolicyFactory.create(cfg, spec.obsDim(), spec.actDim(), dtype, initRng);
        // The mirrors' own initial weights are never used: each takes the policy's before every minibatch.
        this.shards = new PolicyShards(policy, cfg.ppo().shards(),
                () -> PolicyFactory.create(cfg, spec.obsDim(), spec.actDim(), dtype, new Rng(0)));
        this.sampler = new ParallelSampler(policy,
                () -> PolicyFactory.create(cfg, spec.obsDim(), spec.actDim(), dtype, new Rng(0)));
        this.critic = new Mlp(spec.obsDim(), cfg.critic().hidden(), 1, cfg.critic().activation(), dtype);
        this.criticParams = new ParamSet(dtype, List.of(critic));
        critic.init(initRng, 1.0);
        this.criticShards = new CriticShards(critic, criticParams, cfg.ppo().criticShards(),
                () -> new Mlp(spec.obsDim(), cfg.critic().hidden(), 1, cfg.critic().activation(), dtype));
        this.actorOpt = new Adam(policy.params());
        this.criticOpt = new Adam(criticParams);
        this.obsNorm = new RunningNorm(spec.obsDim());
        this.buf = new Rollout(steps, numEnvs, spec.obsDim(), spec.actDim());
        double rho = cfg.ppo().noiseCorrelation();
        this.noise = rho > 0 ? new CorrelatedNoise(rho, numEnvs * spec.actDim()) : null;
        this.actorLr = cfg.ppo().lr();
        this.criticLr = cfg.ppo().criticLr();
        this.updateThreads = cfg.ppo().threads() > 0 ? cfg.ppo().threads() : Runtime.getRuntime().availableProcessors();
    }

    public ExperimentConfig config() {
        return cfg;
    }

    /**
     * Threads one update may use (overrides {@code ppo.threads}): the critic's loss and gradient and the
     * policy's {@code ppo.shards} are independent tasks, run on this thread and up to {@code threads − 1}
     * {@link UpdateWorkers}. Every task computes the same bits on any thread, so results never depend on
     * the count.
     */
    public void setUpdateThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        updateThreads = threads;
    }

    public VecEnv env() {
        return env;
    }

    public Policy policy() {
        return policy;
    }

    /**
     * One action per row of normalized observations {@code obs} ({@code [rows·obsDim]}), as consecutive
     * {@code policy().sample} calls of {@value ParallelSampler#CHUNK} rows would draw them from {@code rng}, on
     * up to {@link #setUpdateThreads update threads} threads (same bits for any count): the analyses' large
     * draws. Call it from the thread that owns this trainer.
     */
    public float[] sampleActions(float[] obs, int rows, Rng rng, boolean eval) {
        return sampler.sample(obs, rows, spec.obsDim(), spec.actDim(), rng, eval, updateThreads);
    }

    public Mlp critic() {
        return critic;
    }

    public ParamSet criticParams() {
        return criticParams;
    }

    public Adam actorOptimizer() {
        return actorOpt;
    }

    public Adam criticOptimizer() {
        return criticOpt;
    }

    public RunningNorm observationNormalizer() {
        return obsNorm;
    }

    public int iteration() {
        return iteration;
    }

    public long envSteps() {
        return envSteps;
    }

    public long totalIterations() {
        return totalIterations;
    }

    public double wallSeconds() {
        return wallSeconds;
    }

    /** Base actor learning rate (the config's {@code ppo.lr} unless overridden); the schedule scales it. */
    public double actorLearningRate() {
        return actorLr;
    }

    /** Base critic learning rate (the config's {@code ppo.criticLr} unless overridden); the schedule scales it. */
    public double criticLearningRate() {
        return criticLr;
    }

    /**
     * Overrides the base learning rates from the next iteration on (e.g. after a divergence); the
     * config's schedule still applies on top. With {@code ppo.jointOptimizer} both networks use
     * {@code actorLr}, as with the config values.
     */
    public void setLearningRates(double actorLr, double criticLr) {
        checkLearningRates(actorLr, criticLr);
        this.actorLr = actorLr;
        this.criticLr = criticLr;
    }

    /** Rejects rates that are not positive finite numbers, naming which one. */
    static void checkLearningRates(double actorLr, double criticLr) {
        if (!(actorLr > 0) || !Double.isFinite(actorLr)) {
            throw new IllegalArgumentException("actor learning rate must be a positive number, got " + actorLr);
        }
        if (!(criticLr > 0) || !Double.isFinite(criticLr)) {
            throw new IllegalArgumentException("critic learning rate must be a positive number, got " + criticLr);
        }
    }

    /** Whether the environments have been reset (false before the first iteration). */
    boolean started() {
        return started;
    }

    /** Restores counters and RNG streams from a checkpoint. */
    void restoreCounters(int iteration, long envSteps, double wallSeconds, boolean started, Rng envRng, Rng policyRng,
            Rng updateRng) {
        this.iteration = iteration;
        this.envSteps = envSteps;
        this.wallSeconds = wallSeconds;
        this.started = started;
        this.envRng = envRng;
        this.policyRng = policyRng;
        this.updateRng = updateRng;
    }

    public boolean isDone() {
        return iteration >= totalIterations;
    }

    public void setEvaluator(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    public void setControl(Control control) {
        this.control = control;
    }

    /** Normalizes raw observations as the policy sees them (identity when normalization is off). */
    public float[] normalize(float[] rawObs, int rows) {
        if (!cfg.ppo().obsNorm()) {
            return rawObs.clone();
        }
        float[] out = new float[rawObs.length];
        obsNorm.normalize(rawObs, out, rows);
        return out;
    }

    /** Maps raw policy actions to what the env receives (in place on a copy). */
    public float[] envActions(float[] raw) {
        float[] a = raw.clone();
        if (squashes()) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) Math.tanh(a[i]);
            }
        }
        return a;
    }

    /** Whether env actions are tanh-squashed: the env setting, or a Gaussian policy with tanhSquash. */
    private boolean squashes() {
        return cfg.env().actionTransform() == ActionTransform.TANH
                || (cfg.algorithm() == ExperimentConfig.Algorithm.GAUSSIAN_PPO && cfg.gaussian().tanhSquash());
    }

    /**
     * The transitions of the last iteration's rollout, in rollout order ({@code index = t·numEnvs + e}): the
     * observations as the policy saw them (normalized with the statistics of that rollout) and its raw actions
     * (before the env's squashing). They are the rows the update trained on and the ones the policy's stored
     * θ_old quantities belong to, until the next iteration. Copies; empty until this trainer has run a
     * rollout (a trainer restored from a checkpoint has none).
     */
    public RolloutBatch lastRollout() {
        return rolledOut ? new RolloutBatch(buf.obs.clone(), buf.act.clone(), batch)
                : new RolloutBatch(new float[0], new float[0], 0);
    }

    /**
     * Transitions of one rollout: observations {@code [size·obsDim]} as the policy saw them and raw actions
     * {@code [size·actDim]}, row-major.
     */
    public record RolloutBatch(float[] obs, float[] act, int size) {
    }

    /** V(obs) for normalized observations. */
    public float[] values(float[] obs, int rows) {
        return Workspaces.run("value", () -> Nd.floats(critic.forward(Nd.matrix(obs, rows, spec.obsDim(),
                critic.dataType()))));
    }

    /**
     * Runs one full iteration and returns its metrics.
     *
     * <p>If the iteration does not complete — divergence, or the {@link Control} hook unwinding it on
     * cancel — the trainer is restored to the state it had when this call began, so a checkpoint saved
     * afterwards is a consistent one.
     *
     * @throws DivergenceException if something became non-finite (if the parameters were already
     *     non-finite when the call began, the state goes back to the start of the last iteration that began
     *     finite)
     */
    public IterationStats iterate() {
        if (!parametersFinite()) {
            // Someone wrote NaN into the networks between iterations (a task, a bad checkpoint): the
            // current state is not a good one to come back to.
            if (lastGood != null) {
                rollBackTo(lastGood);
            }
            throw new DivergenceException(iteration + 1, "the network parameters were already non-finite when the"
                    + " iteration started");
        }
        // One capture per iteration (parameters, Adam moments, normalizer, RNGs, env state): a few copies
        // of the parameter vector, small next to a rollout, and it makes every divergence recoverable.
        Checkpoint snapshot = Checkpoint.capture(this, "");
        lastGood = snapshot;
        try {
            return iterateOnce();
        } catch (RuntimeException e) {
            rollBackTo(snapshot);
            throw e;
        }
    }

    /** Restores a snapshot but keeps the current learning rates: a rate lowered meanwhile must survive. */
    private void rollBackTo(Checkpoint snapshot) {
        double actor = actorLr;
        double critic = criticLr;
        snapshot.restoreInto(this);
        setLearningRates(actor, critic);
    }

    private boolean parametersFinite() {
        return policy.params().allFinite() && criticParams.allFinite();
    }

    private IterationStats iterateOnce() {
        if (!started) {
            env.reset(envRng);
            if (cfg.env().staggerStarts()) {
                env.staggerEpisodes(envRng);
            }
            started = true;
        }
        controlNanos = 0;
        long t0 = System.nanoTime();
        EpisodeTally tally = rollout();
        long t1 = System.nanoTime();
        // Both rates are fixed for the whole update, even if setLearningRates is called between minibatches.
        // One joint optimizer steps the critic at the policy's scheduled rate, without the floor's scaling.
        double lr = learningRate();
        double policyLr = lr * policyStepScale();
        double clr = cfg.ppo().jointOptimizer() ? lr : criticLr * lrFactor();
        UpdateTally up = update(policyLr, clr);
        long t2 = System.nanoTime();
        iteration++;
        envSteps += batch;
        // Time the run spent paused (or serving other work) at a minibatch boundary is not training time: left
        // out of every timing, so steps/s and the time left stand still across a pause instead of collapsing.
        long idle = controlNanos;
        double seconds = (t2 - t0 - idle) / 1e9;
        Map<String, Double> eval = new LinkedHashMap<>();
        int every = cfg.eval().every();
        if (evaluator != null && ((every > 0 && iteration % every == 0) || isDone())) {
            // In a workspace like every other hot path: evaluations sample ~10^5 rows, and off-heap
            // garbage outside workspaces is only freed when the Java GC happens to run.
            eval.putAll(Workspaces.run("eval", () -> evaluator.evaluate(this)));
        }
        // Wall time counts evaluations too; steps per second measures training alone.
        wallSeconds += (System.nanoTime() - t0 - idle) / 1e9;
        return new IterationStats(iteration, envSteps, wallSeconds, tally.episodes, tally.meanReturn(),
                tally.meanLength(), tally.successRate(), up.policyLoss, up.valueLoss, up.ratioMean, up.ratioMin,
                up.ratioMax, up.clipFraction, up.approxKl, explainedVariance(), rawAdvantageStd, up.cfmLoss, up.entropy,
                up.gradNorm, policyLr, batch / seconds, (t1 - t0) / 1e9, (t2 - t1 - idle) / 1e9, eval);
    }

    /** Multiplier of the configured learning rates at the current iteration. */
    private double lrFactor() {
        double progress = (double) iteration / totalIterations;
        return switch (cfg.ppo().lrSchedule()) {
            case CONSTANT -> 1.0;
            case LINEAR -> 1.0 - progress;
            case WARMUP_LINEAR -> progress < WARMUP ? (iteration + 1.0) / (WARMUP * totalIterations + 1.0)
                    : (1.0 - progress) / (1.0 - WARMUP);
        };
    }

    private double learningRate() {
        return actorLr * lrFactor();
    }

    /** Episode outcomes seen during a rollout. */
    private static final class EpisodeTally {
        int episodes;
        int successes;
        double returnSum;
        double lengthSum;

        double meanReturn() {
            return episodes == 0 ? Double.NaN : returnSum / episodes;
        }

        double meanLength() {
            return episodes == 0 ? Double.NaN : lengthSum / episodes;
        }

        double successRate() {
            return episodes == 0 ? Double.NaN : (double) successes / episodes;
        }
    }

    private EpisodeTally rollout() {
        int od = spec.obsDim();
        int ad = spec.actDim();
        float scale = (float) cfg.ppo().rewardScale();
        EpisodeTally tally = new EpisodeTally();
        policy.beginRollout(batch);
        float[] act = new float[numEnvs * ad];
        for (int t = 0; t < steps; t++) {
            float[] raw = env.observations();
            System.arraycopy(raw, 0, buf.rawObs, t * numEnvs * od, numEnvs * od);
            float[] obs = normalize(raw, numEnvs);
            System.arraycopy(obs, 0, buf.obs, t * numEnvs * od, numEnvs * od);
            int base = t * numEnvs;
            Workspaces.run("rollout", () -> {
                float[] v = Nd.floats(critic.forward(Nd.matrix(obs, numEnvs, od, critic.dataType())));
                System.arraycopy(v, 0, buf.values, base, numEnvs);
                float[] eps = noise == null ? null : noise.next(policyRng);
                policy.sampleForRollout(obs, numEnvs, eps, policyRng, act, base);
            });
            System.arraycopy(act, 0, buf.act, base * ad, numEnvs * ad);
            checkFinite(act, "the policy produced a non-finite action");
            StepResult r = env.step(envActions(act), envRng);
            checkFinite(r.reward, "the environment returned a non-finite reward");
            int truncated = 0;
            for (int e = 0; e < numEnvs; e++) {
                int i = base + e;
                buf.reward[i] = r.reward[e] * scale;
                buf.terminated[i] = r.terminated[e];
                buf.truncated[i] = r.truncated[e];
                if (r.done(e) && !r.partial[e]) {
                    tally.episodes++;
                    tally.returnSum += r.episodeReturn[e];
                    tally.lengthSum += r.episodeLength[e];
                    if (r.outcome[e] >= 0 && r.terminated[e]) {
                        tally.successes++;
                    }
                }
                if (r.truncated[e]) {
                    truncated++;
                }
            }
            if (truncated > 0) {
                bootstrapTruncated(r, base, truncated);
            }
        }
        float[] last = values(normalize(env.observations(), numEnvs), numEnvs);
        if (cfg.ppo().obsNorm()) {
            obsNorm.update(buf.rawObs, batch);
        }
        Gae.compute(steps, numEnvs, buf.reward, buf.values, buf.terminated, buf.truncated, buf.truncValue, last,
                cfg.ppo().gamma(), cfg.ppo().gaeLambda(), buf.adv, buf.ret);
        rawAdvantageStd = Gae.std(buf.adv, 0, batch);
        if (cfg.ppo().advantageNorm() == AdvantageNorm.BATCH) {
            Gae.normalize(buf.adv, 0, batch);
        }
        Workspaces.run("finish", () -> policy.finishRollout(buf.obs, buf.act, batch, updateRng));
        rolledOut = true;
        return tally;
    }

    /** V(finalObs) for envs whose episode was cut by the time limit at this step. */
    private void bootstrapTruncated(StepResult r, int base, int count) {
        int od = spec.obsDim();
        float[] fin = new float[count * od];
        int k = 0;
        for (int e = 0; e < numEnvs; e++) {
            if (r.truncated[e]) {
                System.arraycopy(r.finalObs, e * od, fin, k * od, od);
                k++;
            }
        }
        float[] v = values(normalize(fin, count), count);
        k = 0;
        for (int e = 0; e < numEnvs; e++) {
            if (r.truncated[e]) {
                buf.truncValue[base + e] = v[k++];
            }
        }
    }

    /** Averages of the minibatch statistics of one update phase. */
    private static final class UpdateTally {
        double policyLoss;
        double valueLoss;
        double ratioMean;
        double ratioMin = Double.POSITIVE_INFINITY;
        double ratioMax = Double.NEGATIVE_INFINITY;
        double clipFraction;
        double approxKl;
        double cfmLoss;
        double entropy;
        double gradNorm;
        int n;

        void add(Policy.UpdateStats s, double vLoss, double norm) {
            n++;
            policyLoss += s.policyLoss();
            valueLoss += vLoss;
            ratioMean += s.ratioMean();
            ratioMin = Math.min(ratioMin, s.ratioMin());
            ratioMax = Math.max(ratioMax, s.ratioMax());
            clipFraction += s.clipFraction();
            approxKl += s.approxKl();
            cfmLoss += s.cfmLoss();
            entropy += s.entropy();
            gradNorm += norm;
        }

        UpdateTally finish() {
            policyLoss /= n;
            valueLoss /= n;
            ratioMean /= n;
            clipFraction /= n;
            approxKl /= n;
            cfmLoss /= n;
            entropy /= n;
            gradNorm /= n;
            return this;
        }
    }

    /**
     * {@code ppo.advantageStdFloor}: the policy's step shrinks in proportion once the batch's raw advantages are
     * quieter than the floor. Scaling the advantages themselves would not do it: Adam divides the scale out.
     */
    private double policyStepScale() {
        double floor = cfg.ppo().advantageStdFloor();
        return floor > 0 ? Math.min(1, rawAdvantageStd / floor) : 1;
    }

    private UpdateTally update(double policyLr, double clr) {
        var ppo = cfg.ppo();
        int[] perm = new int[batch];
        for (int i = 0; i < batch; i++) {
            perm[i] = i;
        }
        UpdateTally tally = new UpdateTally();
        boolean stepping = true;
        for (int epoch = 0; epoch < ppo.epochs() && stepping; epoch++) {
            updateRng.shuffleInPlace(perm);
            for (int m = 0; m < ppo.minibatches() && stepping; m++) {
                int from = PolicyShards.splitAt(batch, m, ppo.minibatches());
                int to = PolicyShards.splitAt(batch, m + 1, ppo.minibatches());
                int[] idx = java.util.Arrays.copyOfRange(perm, from, to);
                long c0 = System.nanoTime();
                control.checkpoint();
                controlNanos += System.nanoTime() - c0;
                stepping = minibatch(idx, policyLr, clr, tally);
            }
        }
        return tally.finish();
    }

    /**
     * One minibatch: losses, gradients and (unless {@code ppo.targetKl} stops the update here) one optimizer
     * step. Its statistics are tallied either way, so the KL that stopped an update shows in the metrics.
     *
     * @return false when the policy has moved past {@code ppo.targetKl} and the iteration's update should stop
     */
    private boolean minibatch(int[] idx, double policyLr, double clr, UpdateTally tally) {
        var ppo = cfg.ppo();
        float[] adv = new float[idx.length];
        for (int k = 0; k < idx.length; k++) {
            adv[k] = buf.adv[idx[k]];
        }
        if (ppo.advantageNorm() == AdvantageNorm.MINIBATCH) {
            Gae.normalize(adv, 0, adv.length);
        }
        return Workspaces.run("update", () -> {
            // The policy's shards and the critic's: independent tasks, in parallel when allowed. This thread claims
            // tasks first, so the policy's go first: a worker that wakes late takes a critic shard.
            List<Runnable> tasks = new ArrayList<>(shards.tasks(buf.obs, buf.act, idx, adv, ppo.clip()));
            tasks.addAll(criticShards.tasks(buf.obs, buf.ret, spec.obsDim(), idx));
            UpdateWorkers.runAll(tasks, updateThreads);
            Policy.UpdateStats s = shards.combine();
            double[] vLoss = {criticShards.combine()};
            boolean step = !(ppo.targetKl() > 0 && s.approxKl() > ppo.targetKl());
            if (!Double.isFinite(s.policyLoss())) {
                throw new DivergenceException(iteration + 1, "policy loss is " + s.policyLoss());
            }
            if (!Double.isFinite(vLoss[0])) {
                throw new DivergenceException(iteration + 1, "value loss is " + vLoss[0]);
            }
            double norm;
            if (ppo.jointOptimizer()) {
                criticParams.grads().muli(ppo.valueCoef());
                double pn = policy.params().clipGradNorm(0);
                double cn = criticParams.clipGradNorm(0);
                norm = Math.hypot(pn, cn);
                if (ppo.maxGradNorm() > 0 && norm > ppo.maxGradNorm()) {
                    double f = ppo.maxGradNorm() / (norm + 1e-6);
                    policy.params().grads().muli(f);
                    criticParams.grads().muli(f);
                }
            } else {
                norm = policy.params().clipGradNorm(ppo.maxGradNorm());
                criticParams.clipGradNorm(ppo.maxGradNorm());
            }
            if (step) {
                actorOpt.step(policyLr);
                criticOpt.step(clr);
            }
            if (!Double.isFinite(norm)) {
                throw new DivergenceException(iteration + 1, "gradient norm is " + norm);
            }
            // One reduction per network: a finite loss and gradient can still overflow the parameters
            // when the learning rate is absurd.
            if (!policy.params().allFinite()) {
                throw new DivergenceException(iteration + 1, "policy parameters became non-finite after the optimizer step");
            }
            if (!criticParams.allFinite()) {
                throw new DivergenceException(iteration + 1, "critic parameters became non-finite after the optimizer step");
            }
            tally.add(s, vLoss[0], norm);
            return step;
        });
    }

    /** 1 − Var(R − V)/Var(R) over the last batch. */
    private double explainedVariance() {
        double mr = 0;
        double md = 0;
        for (int i = 0; i < batch; i++) {
            mr += buf.ret[i];
            md += buf.ret[i] - buf.values[i];
        }
        mr /= batch;
        md /= batch;
        double vr = 0;
        double vd = 0;
        for (int i = 0; i < batch; i++) {
            vr += (buf.ret[i] - mr) * (buf.ret[i] - mr);
            double d = buf.ret[i] - buf.values[i] - md;
            vd += d * d;
        }
        return vr == 0 ? Double.NaN : 1 - vd / vr;
    }

    private void checkFinite(float[] a, String what) {
        for (float x : a) {
            if (!Float.isFinite(x)) {
                throw new DivergenceException(iteration + 1, what + " (" + x + ")");
            }
        }
    }

    /** Rollout storage, time-major ({@code index = t·numEnvs + e}). */
    private static final class Rollout {
        final float[] rawObs;
        final float[] obs;
        final float[] act;
        final float[] reward;
        final float[] values;
        final float[] truncValue;
        final boolean[] terminated;
        final boolean[] truncated;
        final float[] adv;
        final float[] ret;

        Rollout(int steps, int envs, int obsDim, int actDim) {
            int n = steps * envs;
            rawObs = new float[n * obsDim];
            obs = new float[n * obsDim];
            act = new float[n * actDim];
            reward = new float[n];
            values = new float[n];
            truncValue = new float[n];
            terminated = new boolean[n];
            truncated = new boolean[n];
            adv = new float[n];
            ret = new float[n];
        }
    }
}
