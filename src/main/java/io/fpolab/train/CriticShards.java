package io.fpolab.train;

import io.fpolab.core.nn.Mlp;
import io.fpolab.core.nn.Nd;
import io.fpolab.core.nn.ParamSet;
import io.fpolab.core.nn.Workspaces;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A minibatch's value-loss gradient computed in {@code ppo.criticShards} pieces, as {@link PolicyShards} does for
 * the policy: shard {@code s} takes the s-th contiguous slice of the minibatch on its own copy of the critic (shard
 * 0 is the critic itself), and the slices' gradients are combined as {@code g = Σ_s (n_s/n)·g_s} in shard order,
 * which is the gradient of the minibatch's mean loss. The paper's DMC critic (256×5) costs more than twice the
 * policy's shards together, so with one critic task a second core idles for most of each step.
 *
 * <p>Which thread computes a shard never changes its bits; the shard count changes float summation order only.
 */
final class CriticShards {
    private final ParamSet params;
    private final Mlp[] nets;
    private final ParamSet[] sets;
    private final double[] losses;
    private int[] sizes = new int[0];

    /**
     * @param critic  the trained critic (shard 0) and its parameters
     * @param count   number of shards, at least 1
     * @param mirrors makes a critic of the same shape for each further shard
     */
    CriticShards(Mlp critic, ParamSet params, int count, Supplier<Mlp> mirrors) {
        this.params = params;
        this.nets = new Mlp[count];
        this.sets = new ParamSet[count];
        this.losses = new double[count];
        nets[0] = critic;
        sets[0] = params;
        for (int s = 1; s < count; s++) {
            nets[s] = mirrors.get();
            sets[s] = new ParamSet(params.params().dataType(), List.of(nets[s]));
        }
    }

    /**
     * One task per shard computing its slice's loss and gradient; run them all (on any threads), then
     * {@link #combine}. The copies take the critic's current parameters here, on the calling thread.
     */
    List<Runnable> tasks(float[] obs, float[] returns, int obsDim, int[] idx) {
        int n = idx.length;
        sizes = new int[nets.length];
        List<Runnable> tasks = new ArrayList<>(nets.length);
        for (int s = 0; s < nets.length; s++) {
            int from = PolicyShards.splitAt(n, s, nets.length);
            int to = PolicyShards.splitAt(n, s + 1, nets.length);
            sizes[s] = to - from;
            int[] part = Arrays.copyOfRange(idx, from, to);
            if (s > 0) {
                sets[s].params().assign(params.params());
            }
            Mlp net = nets[s];
            int slot = s;
            tasks.add(() -> losses[slot] = Workspaces.run("critic-update",
                    () -> valueLossAndGrad(net, obs, returns, obsDim, part)));
        }
        return tasks;
    }

    /** Weights and sums the shards' gradients into the critic's (in shard order); returns the minibatch's loss. */
    double combine() {
        if (nets.length == 1) {
            return losses[0];
        }
        int n = Arrays.stream(sizes).sum();
        INDArray grads = params.grads();
        grads.muli((double) sizes[0] / n);
        double loss = 0;
        for (int s = 0; s < nets.length; s++) {
            double w = (double) sizes[s] / n;
            if (s > 0) {
                grads.addi(sets[s].grads().mul(w));
            }
            loss += w * losses[s];
        }
        return loss;
    }

    /** 0.5·mean((V − R)²) over the rows {@code idx} of {@code obs}; writes {@code net}'s gradients. */
    static double valueLossAndGrad(Mlp net, float[] obs, float[] returns, int od, int[] idx) {
        int n = idx.length;
        float[] o = new float[n * od];
        float[] target = new float[n];
        for (int k = 0; k < n; k++) {
            System.arraycopy(obs, idx[k] * od, o, k * od, od);
            target[k] = returns[idx[k]];
        }
        Mlp.Cache cache = net.newCache();
        // Residual, loss and gradient in Java from one copy of V, in the network's precision: fewer ND4J calls.
        double[] diff = Nd.doubles(net.forward(o, n, cache));
        boolean single = net.dataType() == DataType.FLOAT;
        double sq = 0;
        for (int k = 0; k < n; k++) {
            double d = single ? (float) diff[k] - target[k] : diff[k] - target[k];
            sq += d * d;
            diff[k] = single ? (float) d / n : d / n;
        }
        net.backward(cache, Nd.matrix(diff, n, 1, net.dataType()), false);
        return 0.5 * sq / n;
    }
}
