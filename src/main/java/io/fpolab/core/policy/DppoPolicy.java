package io.fpolab.core.policy;

import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Nd;
import io.fpolab.core.nn.NetworkConfig;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.core.rl.TrustRegion;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DPPO (algorithm.md §4): the same flow network, sampled with stochastic Euler steps
 * {@code x_{k+1} = x_k + v̂_k/K + σξ}, each step a Gaussian with exact log-likelihood; one clipped PPO
 * ratio per denoising step, averaged over steps. The whole chain x_0…x_K is stored per action.
 *
 * <p>Since {@code log N(x_{k+1}; x_k + v̂/K, σ²I) = −(d/(2σ²K²))·mean_d(v̂ − K(x_{k+1} − x_k))² + c},
 * the per-step log-ratio is FPO's per-sample ratio with target {@code K(x_{k+1} − x_k)} and scale
 * {@code d/(2σ²K²)} — so DPPO reuses {@link FlowPolicyBase} with {@link RatioMode#PER_SAMPLE}.
 */
public final class DppoPolicy extends FlowPolicyBase {
    private final double sigma;
    private final int steps;
    private float[] chain = new float[0];

    public DppoPolicy(int obsDim, int actDim, NetworkConfig actor, FlowConfig flow,
            double sigma, DataType dtype, Rng rng) {
        super(obsDim, actDim, actor, flow, dtype, rng, flow.steps());
        this.sigma = sigma;
        this.steps = flow.steps();
    }

    @Override
    double ratioScale() {
        return actDim() / (2.0 * sigma * sigma * steps * steps);
    }

    @Override
    RatioMode ratioMode() {
        return RatioMode.PER_SAMPLE;
    }

    @Override
    double ratioClamp() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    TrustRegion trustRegion() {
        return TrustRegion.PPO_CLIP;
    }

    @Override
    public void beginRollout(int batch) {
        chain = new float[batch * (steps + 1) * actDim()];
    }

    @Override
    public void sampleForRollout(float[] obs, int n, float[] noise, Rng rng, float[] actOut, int first) {
        float[][] path = new float[steps + 1][];
        INDArray o = Nd.matrix(obs, n, obsDim(), net.dataType());
        INDArray x = net.sample(o, net.source(noise, rng, n), Sampler.EULER_MARUYAMA, steps, sigma, rng, path);
        int d = actDim();
        for (int e = 0; e < n; e++) {
            int base = (first + e) * (steps + 1) * d;
            for (int k = 0; k <= steps; k++) {
                System.arraycopy(path[k], e * d, chain, base + k * d, d);
            }
        }
        float[] a = Nd.floats(x);
        System.arraycopy(a, 0, actOut, 0, a.length);
    }

    @Override
    public float[] sample(float[] obs, int rows, float[] noise, Rng rng, boolean eval, float[][] path) {
        INDArray o = Nd.matrix(obs, rows, obsDim(), net.dataType());
        boolean zero = eval && flow.evalZeroNoiseStart();
        INDArray x0 = zero ? Nd4j.zeros(net.dataType(), rows, actDim()) : net.source(noise, rng, rows);
        Sampler sampler = eval ? flow.evalSampler() : Sampler.EULER_MARUYAMA;
        double stepNoise = eval ? flow.samplerNoise() : sigma;
        return Nd.floats(net.sample(o, x0, sampler, steps, stepNoise, rng, path));
    }

    @Override
    public int sourceDraws(boolean eval) {
        Sampler sampler = eval ? flow.evalSampler() : Sampler.EULER_MARUYAMA;
        double stepNoise = eval ? flow.samplerNoise() : sigma;
        if (sampler == Sampler.EULER_MARUYAMA && stepNoise > 0) {
            return -1;
        }
        return eval && flow.evalZeroNoiseStart() ? 0 : actDim();
    }

    @Override
    public void finishRollout(float[] obs, float[] act, int batch, Rng rng) {
        storeOldLosses(obs, act, batch);
    }

    @Override
    void mirrorRollout(FlowPolicyBase source) {
        chain = ((DppoPolicy) source).chain;
    }

    /** Rows (transition, step k): input {@code [obs, x_k, τ_k]}, target {@code K(x_{k+1} − x_k)}. */
    @Override
    Rows rows(float[] obs, float[] act, int[] idx) {
        int od = obsDim();
        int d = actDim();
        int rows = idx.length * steps;
        float[] obsX = OBS_X.zeroed(rows * (od + d));
        float[] tauCol = TAU.zeroed(rows);
        float[] target = TARGET.zeroed(rows * d);
        double[] weight = WEIGHT.zeroed(rows);
        Arrays.fill(weight, 1.0);
        int r = 0;
        for (int t : idx) {
            int base = t * (steps + 1) * d;
            for (int k = 0; k < steps; k++, r++) {
                System.arraycopy(obs, t * od, obsX, r * (od + d), od);
                System.arraycopy(chain, base + k * d, obsX, r * (od + d) + od, d);
                for (int j = 0; j < d; j++) {
                    target[r * d + j] = steps * (chain[base + (k + 1) * d + j] - chain[base + k * d + j]);
                }
                tauCol[r] = (float) k / steps;
            }
        }
        return toRows(obsX, tauCol, target, weight, rows);
    }
}
