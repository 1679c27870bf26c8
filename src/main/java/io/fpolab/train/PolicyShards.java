package io.fpolab.train;

import io.fpolab.core.nn.Workspaces;
import io.fpolab.core.policy.Policy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A minibatch's policy gradient computed in {@code ppo.shards} pieces: data parallelism for one update.
 * Shard {@code s} takes the s-th contiguous slice of the minibatch on its own {@link Policy#mirror mirror}
 * of the policy (its own gradient buffers and caches; shard 0 is the policy itself), and the slices'
 * gradients are combined as {@code g = Σ_s (n_s/n)·g_s}, in shard order, into the policy's gradient. That
 * is the whole minibatch's gradient, because every term of each policy's surrogate is a mean over the
 * minibatch's transitions (advantages arrive already normalized over the whole minibatch).
 *
 * <p>Which thread computes a shard never changes its bits, so a run's results depend on the shard count
 * (through float summation order only), never on the number of threads.
 */
final class PolicyShards {
    private final Policy policy;
    private final Policy[] shards;
    private final Policy.UpdateStats[] stats;
    private int[] sizes = new int[0];

    /**
     * @param policy  the trained policy (shard 0)
     * @param count   number of shards, at least 1
     * @param mirrors makes a policy of the same kind and shape for each further shard
     */
    PolicyShards(Policy policy, int count, Supplier<Policy> mirrors) {
        this.policy = policy;
        this.shards = new Policy[count];
        this.stats = new Policy.UpdateStats[count];
        shards[0] = policy;
        for (int s = 1; s < count; s++) {
            shards[s] = mirrors.get();
        }
    }

    int count() {
        return shards.length;
    }

    /**
     * Where part {@code k} starts when {@code n} items are split into {@code parts} parts as evenly as whole items
     * allow (part {@code parts} "starts" at {@code n}): the split of minibatches and of their shards.
     */
    static int splitAt(int n, int k, int parts) {
        return (int) ((long) n * k / parts);
    }

    /**
     * One task per shard computing its slice's loss and gradient; run them all (on any threads), then
     * {@link #combine}. The mirrors take the policy's current parameters here, on the calling thread.
     */
    List<Runnable> tasks(float[] obs, float[] act, int[] idx, float[] adv, double clip) {
        int n = idx.length;
        sizes = new int[shards.length];
        List<Runnable> tasks = new ArrayList<>(shards.length);
        for (int s = 0; s < shards.length; s++) {
            int from = splitAt(n, s, shards.length);
            int to = splitAt(n, s + 1, shards.length);
            sizes[s] = to - from;
            int[] part = Arrays.copyOfRange(idx, from, to);
            float[] partAdv = Arrays.copyOfRange(adv, from, to);
            Policy p = shards[s];
            if (s > 0) {
                p.mirror(policy);
            }
            int slot = s;
            tasks.add(() -> stats[slot] = Workspaces.run("policy-shard",
                    () -> p.lossAndGrad(obs, act, part, partAdv, clip)));
        }
        return tasks;
    }

    /**
     * Weights and sums the shards' gradients into the policy's gradient (in shard order) and returns the
     * minibatch's statistics: means weighted by shard size, the extreme ratios over all shards.
     */
    Policy.UpdateStats combine() {
        if (shards.length == 1) {
            return stats[0];
        }
        int n = Arrays.stream(sizes).sum();
        INDArray grads = policy.params().grads();
        grads.muli((double) sizes[0] / n);
        double loss = 0;
        double ratioMean = 0;
        double ratioMin = Double.POSITIVE_INFINITY;
        double ratioMax = Double.NEGATIVE_INFINITY;
        double clipFraction = 0;
        double kl = 0;
        double cfm = 0;
        double entropy = 0;
        for (int s = 0; s < shards.length; s++) {
            double w = (double) sizes[s] / n;
            if (s > 0) {
                grads.addi(shards[s].params().grads().mul(w));
            }
            Policy.UpdateStats st = stats[s];
            loss += w * st.policyLoss();
            ratioMean += w * st.ratioMean();
            ratioMin = Math.min(ratioMin, st.ratioMin());
            ratioMax = Math.max(ratioMax, st.ratioMax());
            clipFraction += w * st.clipFraction();
            kl += w * st.approxKl();
            cfm += w * st.cfmLoss();
            entropy += w * st.entropy();
        }
        return new Policy.UpdateStats(loss, ratioMean, ratioMin, ratioMax, clipFraction, kl, cfm, entropy);
    }
}
