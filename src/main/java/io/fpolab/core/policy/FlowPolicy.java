package io.fpolab.core.policy;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.CfmLoss;
import io.fpolab.config.ExperimentConfig.FlowConfig;
import io.fpolab.config.ExperimentConfig.TauSampling;
import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Nd;
import io.fpolab.core.nn.ParamSet;
import io.fpolab.core.rl.FlowRatio;
import io.fpolab.core.rl.PpoObjective;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * FPO's flow policy (algorithm.md §2–3). At rollout time it samples with any ODE/SDE sampler; after
 * the rollout it draws N_mc pairs (τ_i, ε_i) per action and stores {@code ℓ_old,i}; the update
 * recomputes {@code ℓ_θ,i} on the same pairs and turns the difference into the PPO ratio.
 *
 * <p>Per pair: {@code x_τ = (1−τ)ε + τa}, {@code u = a − ε}, {@code ℓ = w(τ)·mean_d(v̂ − u)²} with
 * {@code w = 1} (U_MSE), {@code τ²} (EPS_MSE) or {@code (1−τ)²} (DATA_MSE).
 */
public final class FlowPolicy implements Policy {
    /** Rows per ND4J call when computing θ_old losses for a whole rollout. */
    static final int CHUNK_ROWS = 1 << 16;

    private final FlowNet net;
    private final FlowConfig cfg;
    private final ParamSet params;
    private final int nMc;
    private float[] tau = new float[0];
    private float[] eps = new float[0];
    private double[] lossOld = new double[0];

    public FlowPolicy(int obsDim, int actDim, ExperimentConfig.NetworkConfig actor, FlowConfig cfg, DataType dtype,
            Rng rng) {
        this.cfg = cfg;
        this.nMc = cfg.nMc();
        this.net = new FlowNet(obsDim, actDim, actor.hidden(), actor.activation(), cfg.timeEmbedding(),
                cfg.outputScale(), dtype);
        this.params = new ParamSet(dtype, List.of(net.mlp()));
        net.mlp().init(rng, Policies.OUTPUT_GAIN);
    }

    public FlowNet net() {
        return net;
    }

    @Override
    public int obsDim() {
        return net.obsDim();
    }

    @Override
    public int actDim() {
        return net.actDim();
    }

    @Override
    public ParamSet params() {
        return params;
    }

    @Override
    public int pathLength() {
        return cfg.steps() + 1;
    }

    @Override
    public void beginRollout(int batch) {
        // Nothing to store per step: the (τ, ε) pairs are drawn after the rollout.
    }

    @Override
    public void sampleForRollout(float[] obs, int n, Rng rng, float[] actOut, int first) {
        float[] a = sample(obs, n, rng, false, null);
        System.arraycopy(a, 0, actOut, 0, a.length);
    }

    @Override
    public float[] sample(float[] obs, int rows, Rng rng, boolean eval, float[][] path) {
        INDArray o = Nd.matrix(obs, rows, obsDim(), net.dataType());
        boolean zero = eval ? cfg.evalZeroNoiseStart() : cfg.zeroNoiseStart();
        INDArray x0 = zero ? Nd4j.zeros(net.dataType(), rows, actDim()) : net.gaussian(rng, rows, 1.0);
        INDArray x = net.sample(o, x0, eval ? cfg.evalSampler() : cfg.sampler(), cfg.steps(), cfg.samplerNoise(),
                rng, path);
        return Nd.floats(x);
    }

    @Override
    public void finishRollout(float[] obs, float[] act, int batch, Rng rng) {
        int rows = batch * nMc;
        int d = actDim();
        tau = new float[rows];
        eps = new float[rows * d];
        for (int r = 0; r < rows; r++) {
            tau[r] = cfg.tauSampling() == TauSampling.GRID
                    ? (float) rng.nextInt(cfg.steps()) / cfg.steps()
                    : (float) rng.nextDouble();
        }
        rng.fillGaussian(eps);
        lossOld = new double[rows];
        int perChunk = Math.max(1, CHUNK_ROWS / nMc);
        for (int from = 0; from < batch; from += perChunk) {
            int to = Math.min(batch, from + perChunk);
            int[] idx = Policies.range(from, to);
            Rows r = rows(obs, act, idx);
            double[] out = new double[idx.length * nMc];
            net.rowLosses(r.input, r.target, r.weight, null, out);
            System.arraycopy(out, 0, lossOld, from * nMc, out.length);
        }
    }

    /** The network rows of the stored pairs of transitions {@code idx}. */
    private Rows rows(float[] obs, float[] act, int[] idx) {
        int od = obsDim();
        int d = actDim();
        int rows = idx.length * nMc;
        float[] obsX = new float[rows * (od + d)];
        float[] tauCol = new float[rows];
        float[] target = new float[rows * d];
        double[] weight = new double[rows];
        int r = 0;
        for (int t : idx) {
            for (int i = 0; i < nMc; i++, r++) {
                int pair = t * nMc + i;
                float tv = tau[pair];
                System.arraycopy(obs, t * od, obsX, r * (od + d), od);
                for (int k = 0; k < d; k++) {
                    float e = eps[pair * d + k];
                    float a = act[t * d + k];
                    obsX[r * (od + d) + od + k] = (1 - tv) * e + tv * a;
                    target[r * d + k] = a - e;
                }
                tauCol[r] = tv;
                weight[r] = weight(cfg.lossMode(), tv);
            }
        }
        DataType dt = net.dataType();
        INDArray input = net.input(Nd.matrix(obsX, rows, od + d, dt),
                Nd.matrix(tauCol, rows, 1, dt));
        return new Rows(input, Nd.matrix(target, rows, d, dt), weight);
    }

    /** Loss weight of a pair: U_MSE 1, EPS_MSE τ², DATA_MSE (1−τ)². */
    static double weight(CfmLoss mode, double tau) {
        return switch (mode) {
            case U_MSE -> 1.0;
            case EPS_MSE -> tau * tau;
            case DATA_MSE -> (1 - tau) * (1 - tau);
        };
    }

    @Override
    public UpdateStats lossAndGrad(float[] obs, float[] act, int[] idx, float[] adv, double clip) {
        Rows r = rows(obs, act, idx);
        int rowCount = idx.length * nMc;
        double[] lossNew = new double[rowCount];
        double[] old = new double[rowCount];
        int k = 0;
        for (int t : idx) {
            System.arraycopy(lossOld, t * nMc, old, k, nMc);
            k += nMc;
        }
        var cache = net.mlp().newCache();
        INDArray err = net.rowLosses(r.input, r.target, r.weight, cache, lossNew);
        return surrogate(net, cache, err, r.weight, lossNew, old, nMc, 1.0, cfg.ratio(), cfg.ratioClamp(),
                adv, clip, cfg.trustRegion());
    }

    /** The shared FPO/DPPO tail: ratio → PPO objective → per-row gradients → network gradients. */
    static UpdateStats surrogate(FlowNet net, io.fpolab.core.nn.Mlp.Cache cache, INDArray err, double[] weight,
            double[] lossNew, double[] lossOld, int rowsPer, double scale, ExperimentConfig.RatioMode mode,
            double clamp, float[] adv, double clip, ExperimentConfig.TrustRegion trustRegion) {
        int transitions = lossNew.length / rowsPer;
        int units = FlowRatio.units(mode, transitions, rowsPer);
        double[] logRatio = new double[units];
        FlowRatio.logRatio(mode, lossNew, lossOld, rowsPer, scale, clamp, logRatio);
        double[] gradLogRatio = new double[units];
        PpoObjective.Result res = PpoObjective.evaluate(logRatio, adv, FlowRatio.unitsPerAdvantage(mode, rowsPer),
                clip, trustRegion, gradLogRatio);
        double[] gradRows = new double[lossNew.length];
        FlowRatio.backward(mode, lossNew, lossOld, rowsPer, scale, clamp, logRatio, gradLogRatio, gradRows);
        net.backwardRows(cache, err, weight, gradRows);
        double cfm = 0;
        for (double l : lossNew) {
            cfm += l;
        }
        return new UpdateStats(res.loss(), res.ratioMean(), res.ratioMin(), res.ratioMax(), res.clipFraction(),
                res.approxKl(), cfm / lossNew.length, Double.NaN);
    }

    /** Rows ready for the network: input, CFM target and per-row weight. */
    record Rows(INDArray input, INDArray target, double[] weight) {
    }
}
