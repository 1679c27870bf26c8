package io.fpolab.core.policy;

import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Mlp;
import io.fpolab.core.nn.Nd;
import io.fpolab.core.nn.NetworkConfig;
import io.fpolab.core.nn.ParamSet;
import io.fpolab.core.nn.ParamVector;
import io.fpolab.core.rl.PpoObjective;
import io.fpolab.core.rl.TrustRegion;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gaussian PPO (algorithm.md §4): an MLP mean with a fixed std, a learned state-independent log-std,
 * or a state-dependent std {@code softplus(s(obs)) + 1e-3} (Brax). The stored action is the
 * pre-squash sample {@code u}; with tanh squashing the log-det term depends only on {@code u}, so it
 * cancels in the ratio.
 *
 * <p>{@code log π(u) = Σ_d [−(u−μ)²/(2σ²) − log σ − ½ log 2π]}, {@code H(u) = Σ_d [½ + ½ log 2π + log σ]}.
 *
 * <p>The entropy bonus rewards either {@code H(u)} ({@link GaussianEntropy#PRE_TANH}) or the entropy of the
 * action the env receives, {@code H(tanh u) = H(u) + E[Σ_d log(1 − tanh(u_d)²)]}
 * ({@link GaussianEntropy#SQUASHED}). Only the second stops paying once tanh saturates, so only it keeps σ
 * bounded. The expectation is estimated as the authors' Playground PPO does
 * ({@code playground/src/flow_policy/ppo.py}, {@code _compute_ppo_loss}, and
 * {@code math_utils.tanh_log_det_jacobian} in akanazawa/fpo): from one reparameterized sample
 * {@code u = μ + σ·ξ} of the current policy per transition, so the gradient reaches μ and σ through
 * u. The authors draw ξ afresh for every minibatch step; here ξ is drawn once per transition after each
 * rollout and reused in every epoch (an unbiased estimate either way), which keeps one update a
 * deterministic function of the parameters.
 */
public final class GaussianPolicy implements Policy {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LOG_2 = Math.log(2);
    private static final double MIN_STD = 1e-3;

    private final int obsDim;
    private final int actDim;
    private final GaussianConfig cfg;
    private final Mlp mlp;
    private final ParamVector logStd;
    private final ParamSet params;
    private double[] logpOld = new double[0];
    /** ξ of the squashed-entropy sample, {@code [batch·actDim]}; empty with the pre-tanh entropy. */
    private float[] entropyNoise = new float[0];

    public GaussianPolicy(int obsDim, int actDim, NetworkConfig actor,
            GaussianConfig cfg, DataType dtype, Rng rng) {
        this.obsDim = obsDim;
        this.actDim = actDim;
        this.cfg = cfg;
        int out = cfg.std() == StdMode.STATE_DEPENDENT ? 2 * actDim : actDim;
        this.mlp = new Mlp(obsDim, actor.hidden(), out, actor.activation(), dtype);
        List<ParamSet.Module> modules = new ArrayList<>(List.of(mlp));
        this.logStd = cfg.std() == StdMode.LEARNED ? new ParamVector(actDim) : null;
        if (logStd != null) {
            modules.add(logStd);
        }
        this.params = new ParamSet(dtype, modules);
        mlp.init(rng, Policies.GAUSSIAN_OUTPUT_GAIN);
        if (logStd != null) {
            logStd.value().assign(Math.log(cfg.initStd()));
        }
        if (cfg.std() == StdMode.STATE_DEPENDENT) {
            // Start the std head at σ ≈ initStd: softplus(b) + 1e-3 = initStd.
            double target = Math.max(cfg.initStd() - MIN_STD, 1e-6);
            double inverseSoftplus = target > 20 ? target : Math.log(Math.expm1(target));
            INDArray bias = mlp.bias(mlp.layers() - 1);
            for (int d = 0; d < actDim; d++) {
                bias.putScalar(0, actDim + d, inverseSoftplus);
            }
        }
    }

    @Override
    public int obsDim() {
        return obsDim;
    }

    @Override
    public int actDim() {
        return actDim;
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public int pathLength() {
        return 2;
    }

    /** Network outputs as Java arrays: mean {@code [n·d]} and std {@code [n·d]}; {@code pre} keeps s for the softplus grad. */
    private record Head(double[] mean, double[] std, double[] pre) {
    }

    private Head head(INDArray out, int n) {
        double[] raw = Nd.doubles(out);
        double[] mean = new double[n * actDim];
        double[] std = new double[n * actDim];
        double[] pre = cfg.std() == StdMode.STATE_DEPENDENT ? new double[n * actDim] : null;
        double[] learned = logStd != null ? Nd.doubles(logStd.value()) : null;
        int width = (int) out.columns();
        for (int r = 0; r < n; r++) {
            for (int d = 0; d < actDim; d++) {
                int i = r * actDim + d;
                mean[i] = raw[r * width + d];
                std[i] = switch (cfg.std()) {
                    case FIXED -> cfg.initStd();
                    case LEARNED -> Math.exp(learned[d]);
                    case STATE_DEPENDENT -> {
                        double s = raw[r * width + actDim + d];
                        pre[i] = s;
                        yield softplus(s) + MIN_STD;
                    }
                };
            }
        }
        return new Head(mean, std, pre);
    }

    private static double softplus(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }

    /** The observations of transitions {@code idx}, row-major. */
    private float[] obsRows(float[] obs, int[] idx) {
        float[] o = new float[idx.length * obsDim];
        for (int k = 0; k < idx.length; k++) {
            System.arraycopy(obs, idx[k] * obsDim, o, k * obsDim, obsDim);
        }
        return o;
    }

    @Override
    public float[] sample(float[] obs, int rows, float[] given, Rng rng, boolean eval, float[][] path) {
        Head h = head(mlp.forward(obs, rows, null), rows);
        float[] a = new float[rows * actDim];
        float[] noise = new float[rows * actDim];
        if (!(eval && cfg.evalMean())) {
            if (given == null) {
                rng.fillGaussian(noise);
            } else {
                System.arraycopy(given, 0, noise, 0, noise.length);
            }
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (h.mean[i] + h.std[i] * noise[i]);
        }
        if (path != null) {
            path[0] = noise;
            path[1] = a.clone();
        }
        return a;
    }

    @Override
    public int sourceDraws(boolean eval) {
        return eval && cfg.evalMean() ? 0 : actDim;
    }

    private double logProb(Head h, int r, float[] act, int t) {
        double lp = 0;
        for (int d = 0; d < actDim; d++) {
            int i = r * actDim + d;
            double z = (act[t * actDim + d] - h.mean[i]) / h.std[i];
            lp += -0.5 * z * z - Math.log(h.std[i]) - HALF_LOG_2PI;
        }
        return lp;
    }

    /**
     * {@code log(1 − tanh(u)²)}, the log-Jacobian of tanh, in the overflow-free form
     * {@code 2·(log 2 − |u| − log(1 + e^{−2|u|}))} (the authors' {@code tanh_log_det_jacobian}).
     */
    static double tanhLogDet(double u) {
        double a = Math.abs(u);
        return 2 * (LOG_2 - a - Math.log1p(Math.exp(-2 * a)));
    }

    /**
     * One-sample estimate of the per-dimension entropy of {@code tanh(u)}, {@code u ~ N(μ, σ²)}, at the
     * sample {@code u = μ + σ·ξ}: {@code ½ + ½ log 2π + log σ + log(1 − tanh(u)²)}.
     */
    static double squashedEntropySample(double mu, double sigma, double xi) {
        return 0.5 + HALF_LOG_2PI + Math.log(sigma) + tanhLogDet(mu + sigma * xi);
    }

    @Override
    public void finishRollout(float[] obs, float[] act, int batch, Rng rng) {
        if (cfg.entropy() == GaussianEntropy.SQUASHED) {
            entropyNoise = new float[batch * actDim];
            rng.fillGaussian(entropyNoise);
        }
        logpOld = new double[batch];
        int chunk = FlowPolicyBase.CHUNK_ROWS;
        for (int from = 0; from < batch; from += chunk) {
            int to = Math.min(batch, from + chunk);
            int[] idx = Policies.range(from, to);
            Head h = head(mlp.forward(obsRows(obs, idx), idx.length, null), idx.length);
            for (int k = 0; k < idx.length; k++) {
                logpOld[idx[k]] = logProb(h, k, act, idx[k]);
            }
        }
    }

    @Override
    public void mirror(Policy source) {
        GaussianPolicy from = (GaussianPolicy) source;
        params.params().assign(from.params.params());
        logpOld = from.logpOld;
        entropyNoise = from.entropyNoise;
    }

    @Override
    public UpdateStats lossAndGrad(float[] obs, float[] act, int[] idx, float[] adv, double clip) {
        int n = idx.length;
        Mlp.Cache cache = mlp.newCache();
        INDArray out = mlp.forward(obsRows(obs, idx), n, cache);
        Head h = head(out, n);
        double[] logRatio = new double[n];
        for (int k = 0; k < n; k++) {
            logRatio[k] = logProb(h, k, act, idx[k]) - logpOld[idx[k]];
        }
        double[] gLogp = new double[n];
        PpoObjective.Result res = PpoObjective.evaluate(logRatio, adv, 1, clip, TrustRegion.PPO_CLIP, gLogp);

        double entropy = 0;
        int width = (int) out.columns();
        double[] dOut = new double[n * width];
        double[] dLogStd = new double[actDim];
        double ent = cfg.entropyCoef();
        boolean squashed = cfg.entropy() == GaussianEntropy.SQUASHED;
        for (int k = 0; k < n; k++) {
            for (int d = 0; d < actDim; d++) {
                int i = k * actDim + d;
                double sigma = h.std[i];
                double diff = act[idx[k] * actDim + d] - h.mean[i];
                dOut[k * width + d] = gLogp[k] * diff / (sigma * sigma);
                // dL/dσ from the ratio term and from the entropy bonus −c·mean_t H_t.
                double dSigma = gLogp[k] * (diff * diff / (sigma * sigma * sigma) - 1 / sigma) - ent / (n * sigma);
                if (squashed) {
                    // H gains log(1 − tanh(u)²) at u = μ + σξ, whose derivative in u is −2·tanh(u).
                    double xi = entropyNoise[idx[k] * actDim + d];
                    entropy += squashedEntropySample(h.mean[i], sigma, xi);
                    double dH = -2 * Math.tanh(h.mean[i] + sigma * xi);
                    dOut[k * width + d] -= ent / n * dH;
                    dSigma -= ent / n * dH * xi;
                } else {
                    entropy += 0.5 + HALF_LOG_2PI + Math.log(sigma);
                }
                switch (cfg.std()) {
                    case FIXED -> { }
                    case LEARNED -> dLogStd[d] += dSigma * sigma;
                    case STATE_DEPENDENT -> dOut[k * width + actDim + d] = dSigma / (1 + Math.exp(-h.pre[i]));
                }
            }
        }
        entropy /= n;
        mlp.backward(cache, Nd.matrix(dOut, n, width, mlp.dataType()), false);
        if (logStd != null) {
            logStd.grad().assign(Nd.matrix(dLogStd, 1, actDim, mlp.dataType()));
        }
        // A fixed std leaves the pre-tanh entropy constant; the squashed one still moves with the mean.
        double loss = res.loss() - (cfg.std() == StdMode.FIXED && !squashed ? 0 : ent * entropy);
        return new UpdateStats(loss, res.ratioMean(), res.ratioMin(), res.ratioMax(), res.clipFraction(),
                res.approxKl(), Double.NaN, entropy);
    }
}
