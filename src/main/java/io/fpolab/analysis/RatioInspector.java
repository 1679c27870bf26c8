package io.fpolab.analysis;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.core.math.Rng;
import io.fpolab.core.policy.FlowPolicy;
import io.fpolab.core.policy.Policies;
import io.fpolab.env.Envs;
import io.fpolab.env.VecEnv;
import io.fpolab.train.Checkpoint;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * How well FPO's ratio tracks the likelihood ratio it stands in for. FPO replaces PPO's
 * {@code π_θ(a|s)/π_θold(a|s)} with {@code exp(ℓ_old − ℓ_θ)}, CFM losses on N_mc stored (τ, ε) pairs
 * (algorithm.md §3); for low-dimensional actions the flow's exact likelihood is computable
 * ({@link ExactLikelihood}), so both ratios can be set side by side on the same actions.
 *
 * <p>Where the two policies and the actions come from ({@link #inspect}): a run folder holds one checkpoint, so
 * θ_old is the policy saved in it, and θ is the policy one PPO iteration later, trained by the run's own trainer
 * resumed from the checkpoint exactly as training would continue. The actions are that iteration's rollout:
 * states visited by θ_old's rollouts with actions sampled from θ_old by the run's rollout sampler. FPO's ratio is
 * what the update computes for θ on the (τ, ε) pairs it stored for those actions ({@code FlowPolicy#logRatios}),
 * so the figure is the one training clips. N transitions are drawn from the rollout without replacement.
 *
 * <p>Per transition FPO's log-ratio is the run's ratio mode's (mean-then-exp, or the clamped GridWorld variant);
 * under FPO++'s per-sample ratio, which clips each pair separately, it is the mean of the pairs' log-ratios.
 */
public final class RatioInspector {
    /** Samples whose log-ratio is recomputed with half the RK4 steps, as a check of the integration error. */
    static final int CHECKED_SAMPLES = 32;

    private RatioInspector() {
    }

    /**
     * One transition: its index in the rollout ({@code t·numEnvs + e}), the exact log-densities of its action
     * under θ_old and θ, the exact and FPO log-ratios, and whether each ratio lies outside the clip band
     * ({@code |ρ − 1| > ε_clip}, as PPO's clip fraction counts it).
     */
    public record Sample(int index, double exactLogOld, double exactLogNew, double exactLogRatio, double fpoLogRatio,
            boolean exactOutside, boolean fpoOutside) {
    }

    /**
     * What the samples say.
     *
     * @param pearson         Pearson correlation of exact and FPO log-ratios (NaN when either is constant)
     * @param clipAgreement   fraction of samples on which both ratios are inside the band or both outside
     * @param integratorCheck largest change of an exact log-ratio when the RK4 steps are halved, over the first
     *                        {@value #CHECKED_SAMPLES} samples (NaN when not checked)
     */
    public record Summary(int samples, double clip, double pearson, double clipAgreement, double meanExactLogRatio,
            double meanFpoLogRatio, double medianExactLogRatio, double medianFpoLogRatio, double stdExactLogRatio, double stdFpoLogRatio, double meanExactRatio,
            double meanFpoRatio, double exactOutside, double fpoOutside, int steps, double integratorCheck) {
    }

    /** Samples and their summary. */
    public record Report(Summary summary, List<Sample> samples) {
    }

    /**
     * A whole inspection of a run: the report and where its samples came from.
     *
     * @param iteration      the checkpoint's iteration (θ_old); θ is the policy after iteration + 1
     * @param rolloutSize    transitions in the iteration's rollout, of which the samples were drawn
     * @param update         the trainer's statistics of that iteration (its learning rate, its own clip fraction
     *                       averaged over the update's minibatches)
     */
    public record Inspection(Report report, int iteration, int rolloutSize, IterationStats update) {
    }

    /**
     * Runs one PPO iteration of {@code trainer} (restored from a run's checkpoint and short of its budget) and
     * compares the ratios of the policy after it (θ) and before it (θ_old) on {@code n} transitions of its rollout.
     *
     * @param seed     picks the transitions
     * @param steps    RK4 steps of the exact likelihoods
     * @param parallel compute the exact likelihoods on the common fork-join pool (else on the calling thread)
     * @param progress told the number of samples done so far, now and then
     * @throws IllegalArgumentException when the run has no exact likelihood here ({@link ExactLikelihood#requireSupported})
     *                                  or {@code n} is not in 1..rollout size
     */
    public static Inspection inspect(Trainer trainer, int n, long seed, int steps, boolean parallel,
            IntConsumer progress) {
        ExperimentConfig cfg = trainer.config();
        ExactLikelihood.requireSupported(cfg.algorithm(), trainer.policy().actDim());
        int batch = rolloutSize(cfg);
        if (n < 1 || n > batch) {
            throw new IllegalArgumentException(n + " samples asked; allowed: 1.." + batch
                    + " (the transitions of one iteration)");
        }
        if (trainer.isDone()) {
            throw new IllegalStateException("the trainer has used up its budget; extend it by an iteration first");
        }
        FlowPolicy policy = (FlowPolicy) trainer.policy();
        int iteration = trainer.iteration();
        FlowField old = FlowField.of(policy.net());
        IterationStats stats = trainer.iterate();
        FlowField now = FlowField.of(policy.net());
        Trainer.RolloutBatch rollout = trainer.lastRollout();
        int[] idx = pick(rollout.size(), n, seed);
        // FPO's ratios of the whole rollout in order, computed as θ_old's losses were, then the picked ones.
        double[] all = perTransition(policy.logRatios(rollout.obs(), rollout.act(),
                Policies.range(0, rollout.size())), policy.unitsPerTransition());
        double[] fpo = new double[n];
        for (int k = 0; k < n; k++) {
            fpo[k] = all[idx[k]];
        }
        Report report = compare(old, now, rollout.obs(), rollout.act(), idx, fpo, cfg.ppo().clip(), steps, parallel,
                progress);
        return new Inspection(report, iteration, rollout.size(), stats);
    }

    /**
     * {@code cfg} with a budget of at least one iteration more than {@code iteration}: a run that has used up its
     * budget continues for one iteration, its learning-rate schedule stretched to the longer budget (so a decaying
     * rate is not zero), as resuming it with a budget one iteration longer would.
     */
    public static ExperimentConfig withOneMoreIteration(ExperimentConfig cfg, int iteration) {
        long budget = (long) (iteration + 1) * rolloutSize(cfg);
        return cfg.ppo().totalSteps() >= budget ? cfg
                : ConfigSchema.withOverride(cfg, "ppo.totalSteps", Long.toString(budget));
    }

    /**
     * {@link #inspect} on a copy of a run: a new trainer of {@code cfg} restored from {@code saved} (given one more
     * iteration of budget where needed), so the run the checkpoint was taken from is left alone. The copy's
     * ND4J work runs on the calling thread.
     */
    public static Inspection inspectCopy(ExperimentConfig cfg, Checkpoint saved, int n, long seed, int steps,
            boolean parallel, IntConsumer progress) {
        ExperimentConfig longer = withOneMoreIteration(cfg, saved.iteration());
        try (VecEnv env = Envs.create(longer.env())) {
            Trainer copy = new Trainer(longer, env);
            copy.setUpdateThreads(1);
            saved.restoreInto(copy);
            return inspect(copy, n, seed, steps, parallel, progress);
        }
    }

    /** Transitions per iteration of a run: envs × steps per env. */
    public static int rolloutSize(ExperimentConfig cfg) {
        return cfg.env().numEnvs() * cfg.ppo().stepsPerEnv();
    }

    /** {@code n} distinct indices of {@code 0..size−1}, drawn with {@code seed}, in increasing order. */
    static int[] pick(int size, int n, long seed) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        new Rng(seed).shuffleInPlace(all);
        int[] idx = Arrays.copyOf(all, n);
        Arrays.sort(idx);
        return idx;
    }

    /** Means of consecutive groups of {@code per} values: one log-ratio per transition. */
    static double[] perTransition(double[] units, int per) {
        if (per == 1) {
            return units;
        }
        double[] out = new double[units.length / per];
        for (int t = 0; t < out.length; t++) {
            double s = 0;
            for (int i = t * per; i < (t + 1) * per; i++) {
                s += units[i];
            }
            out[t] = s / per;
        }
        return out;
    }

    /**
     * Compares exact and FPO ratios of transitions {@code idx}.
     *
     * @param old         θ_old's velocity field
     * @param now         θ's velocity field
     * @param obs         observations as the policy sees them, {@code [rows·obsDim]}
     * @param act         raw actions, {@code [rows·actDim]}
     * @param fpoLogRatio FPO's log-ratio per transition of {@code idx}, in that order
     * @param clip        the run's ε_clip
     * @param steps       RK4 steps of the exact likelihoods
     * @param parallel    compute the samples on the common fork-join pool (else on the calling thread); the
     *                    results are the same
     * @param progress    told the number of samples done so far, now and then, from any thread (one call at a time)
     */
    public static Report compare(FlowField old, FlowField now, float[] obs, float[] act, int[] idx, double[] fpoLogRatio,
            double clip, int steps, boolean parallel, IntConsumer progress) {
        if (fpoLogRatio.length != idx.length) {
            throw new IllegalArgumentException(fpoLogRatio.length + " FPO log-ratios for " + idx.length + " transitions");
        }
        int n = idx.length;
        int every = Math.max(1, n / 20);
        // Samples are independent and the fields immutable: on the common pool each result goes to its own slot.
        Sample[] out = new Sample[n];
        AtomicInteger done = new AtomicInteger();
        int[] reported = {0};
        IntStream range = IntStream.range(0, n);
        (parallel ? range.parallel() : range).forEach(k -> {
            int[] one = {idx[k]};
            double lo = ExactLikelihood.logDensities(old, obs, act, one, steps)[0];
            double ln = ExactLikelihood.logDensities(now, obs, act, one, steps)[0];
            double exact = ln - lo;
            double f = fpoLogRatio[k];
            out[k] = new Sample(idx[k], lo, ln, exact, f, outside(exact, clip), outside(f, clip));
            int d = done.incrementAndGet();
            if (d % every == 0 || d == n) {
                synchronized (reported) {
                    if (d > reported[0]) {
                        reported[0] = d;
                        progress.accept(d);
                    }
                }
            }
        });
        List<Sample> samples = List.of(out);
        double check = Double.NaN;
        int half = steps / 2;
        if (half >= 1) {
            check = 0;
            for (int k = 0; k < Math.min(CHECKED_SAMPLES, n); k++) {
                int[] one = {idx[k]};
                double coarse = ExactLikelihood.logDensities(now, obs, act, one, half)[0]
                        - ExactLikelihood.logDensities(old, obs, act, one, half)[0];
                check = Math.max(check, Math.abs(coarse - samples.get(k).exactLogRatio()));
            }
        }
        return new Report(summarize(samples, clip, steps, check), samples);
    }

    /** Whether {@code exp(logRatio)} lies outside {@code [1 − clip, 1 + clip]}. */
    static boolean outside(double logRatio, double clip) {
        return Math.abs(Math.exp(logRatio) - 1) > clip;
    }

    static Summary summarize(List<Sample> samples, double clip, int steps, double integratorCheck) {
        int n = samples.size();
        double[] e = new double[n];
        double[] f = new double[n];
        int agree = 0;
        int eOut = 0;
        int fOut = 0;
        double eRatio = 0;
        double fRatio = 0;
        for (int k = 0; k < n; k++) {
            Sample s = samples.get(k);
            e[k] = s.exactLogRatio();
            f[k] = s.fpoLogRatio();
            agree += s.exactOutside() == s.fpoOutside() ? 1 : 0;
            eOut += s.exactOutside() ? 1 : 0;
            fOut += s.fpoOutside() ? 1 : 0;
            eRatio += Math.exp(e[k]);
            fRatio += Math.exp(f[k]);
        }
        return new Summary(n, clip, pearson(e, f), (double) agree / n, mean(e), mean(f), median(e), median(f), std(e),
                std(f), eRatio / n, fRatio / n, (double) eOut / n, (double) fOut / n, steps, integratorCheck);
    }

    /** Pearson's r; NaN when either series has no spread. */
    static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double std(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / x.length);
    }
}
