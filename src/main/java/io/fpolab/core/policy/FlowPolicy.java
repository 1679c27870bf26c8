package io.fpolab.core.policy;

import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Nd;
import io.fpolab.core.nn.NetworkConfig;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.core.rl.TrustRegion;
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
public final class FlowPolicy extends FlowPolicyBase {
    private final int nMc;
    private float[] tau = new float[0];
    private float[] eps = new float[0];

    public FlowPolicy(int obsDim, int actDim, NetworkConfig actor, FlowConfig cfg, DataType dtype,
            Rng rng) {
        super(obsDim, actDim, actor, cfg, dtype, rng, cfg.nMc());
        this.nMc = cfg.nMc();
    }

    @Override
    public float[] sample(float[] obs, int rows, float[] noise, Rng rng, boolean eval, float[][] path) {
        INDArray o = Nd.matrix(obs, rows, obsDim(), net.dataType());
        boolean zero = eval ? flow.evalZeroNoiseStart() : flow.zeroNoiseStart();
        INDArray x0 = zero ? Nd4j.zeros(net.dataType(), rows, actDim()) : net.source(noise, rng, rows);
        INDArray x = net.sample(o, x0, eval ? flow.evalSampler() : flow.sampler(), flow.steps(), flow.samplerNoise(),
                rng, path);
        float[] act = Nd.floats(x);
        float bound = (float) flow.actionClip();
        if (bound > 0) {
            for (int i = 0; i < act.length; i++) {
                act[i] = Math.max(-bound, Math.min(bound, act[i]));
            }
            if (path != null) {
                path[path.length - 1] = act.clone(); // the drawn path ends where the action does
            }
        }
        return act;
    }

    @Override
    public int sourceDraws(boolean eval) {
        Sampler sampler = eval ? flow.evalSampler() : flow.sampler();
        if (sampler == Sampler.EULER_MARUYAMA && flow.samplerNoise() > 0) {
            return -1;
        }
        return (eval ? flow.evalZeroNoiseStart() : flow.zeroNoiseStart()) ? 0 : actDim();
    }

    @Override
    public void finishRollout(float[] obs, float[] act, int batch, Rng rng) {
        int rows = batch * nMc;
        tau = new float[rows];
        eps = new float[rows * actDim()];
        for (int r = 0; r < rows; r++) {
            tau[r] = flow.tauSampling() == TauSampling.GRID
                    ? (float) rng.nextInt(flow.steps()) / flow.steps()
                    : (float) rng.nextDouble();
        }
        rng.fillGaussian(eps);
        storeOldLosses(obs, act, batch);
    }

    @Override
    void mirrorRollout(FlowPolicyBase source) {
        FlowPolicy from = (FlowPolicy) source;
        tau = from.tau;
        eps = from.eps;
    }

    /** The network rows of the stored pairs of transitions {@code idx}. */
    @Override
    Rows rows(float[] obs, float[] act, int[] idx) {
        int od = obsDim();
        int d = actDim();
        int rows = idx.length * nMc;
        float[] obsX = OBS_X.zeroed(rows * (od + d));
        float[] tauCol = TAU.zeroed(rows);
        float[] target = TARGET.zeroed(rows * d);
        double[] weight = WEIGHT.zeroed(rows);
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
                weight[r] = weight(flow.lossMode(), tv);
            }
        }
        return toRows(obsX, tauCol, target, weight, rows);
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
    RatioMode ratioMode() {
        return flow.ratio();
    }

    @Override
    double ratioScale() {
        return 1.0;
    }

    @Override
    double ratioClamp() {
        return flow.ratioClamp();
    }

    @Override
    TrustRegion trustRegion() {
        return flow.trustRegion();
    }

    @Override
    double cfmAnchor() {
        return flow.cfmAnchor();
    }
}
