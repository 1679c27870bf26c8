package io.fpolab.train;

import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Workspaces;
import io.fpolab.core.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Many actions at once (the action-distribution view's 50,000 at a cell, the saddle figures) on several
 * threads, with the bits one thread would draw. The rows are cut into fixed chunks of {@link #CHUNK}; the source
 * noise of every chunk is drawn from the caller's generator up front, in chunk order, exactly as consecutive
 * {@link Policy#sample} calls would draw it; then each chunk is sampled from its noise on its own
 * {@link Policy#mirror mirror} of the policy, on the calling thread and the {@link UpdateWorkers}. A policy
 * whose sampler draws while it integrates ({@link Policy#sourceDraws} −1) is sampled chunk by chunk on the
 * calling thread instead, which gives the same bits too.
 */
final class ParallelSampler {
    /**
     * Rows per chunk; also what one {@link Policy#sample} call is given on one thread. Small enough that 50,000
     * draws split evenly over two threads (ten chunks), large enough that ND4J's per-call cost stays small.
     * The chunk size is part of the result: a matrix product's rounding depends on how many rows it is given.
     */
    static final int CHUNK = 5_000;

    private final Policy policy;
    private final Supplier<Policy> mirrorFactory;
    private final List<Policy> mirrors = new ArrayList<>();

    ParallelSampler(Policy policy, Supplier<Policy> mirrorFactory) {
        this.policy = policy;
        this.mirrorFactory = mirrorFactory;
    }

    /**
     * One action per row of {@code obs} ({@code [rows·obsDim]}, already normalized), {@code [rows·actDim]}, using
     * up to {@code threads} threads.
     */
    float[] sample(float[] obs, int rows, int obsDim, int actDim, Rng rng, boolean eval, int threads) {
        int chunks = (rows + CHUNK - 1) / CHUNK;
        int draws = policy.sourceDraws(eval);
        float[] out = new float[rows * actDim];
        if (chunks <= 1 || threads <= 1 || draws < 0) {
            for (int c = 0; c < chunks; c++) {
                int from = c * CHUNK;
                int n = Math.min(CHUNK, rows - from);
                float[] a = policy.sample(slice(obs, from, n, obsDim), n, rng, eval, null);
                System.arraycopy(a, 0, out, from * actDim, a.length);
            }
            return out;
        }
        int lanes = Math.min(threads, chunks);
        Policy[] lanePolicy = new Policy[lanes];
        for (int l = 0; l < lanes; l++) {
            lanePolicy[l] = mirror(l);
        }
        List<Runnable> tasks = new ArrayList<>(chunks);
        for (int c = 0; c < chunks; c++) {
            int from = c * CHUNK;
            int n = Math.min(CHUNK, rows - from);
            float[] noise = null;
            if (draws > 0) {
                noise = new float[n * draws];
                rng.fillGaussian(noise);
            }
            Policy p = lanePolicy[c % lanes];
            float[] chunkObs = slice(obs, from, n, obsDim);
            float[] chunkNoise = noise;
            // The rng is not touched: this policy's only randomness is the noise drawn above.
            tasks.add(() -> Workspaces.run("parallel-sampler", () -> {
                float[] a = p.sample(chunkObs, n, chunkNoise, null, eval, null);
                System.arraycopy(a, 0, out, from * actDim, a.length);
            }));
        }
        UpdateWorkers.runAll(byLane(tasks, lanes), threads);
        return out;
    }

    /**
     * The chunks grouped into one task per lane (lane {@code l} takes chunks l, l + lanes, …), so that no two
     * threads ever share a mirror.
     */
    private static List<Runnable> byLane(List<Runnable> chunks, int lanes) {
        List<Runnable> lanesTasks = new ArrayList<>(lanes);
        for (int l = 0; l < lanes; l++) {
            int lane = l;
            lanesTasks.add(() -> {
                for (int c = lane; c < chunks.size(); c += lanes) {
                    chunks.get(c).run();
                }
            });
        }
        return lanesTasks;
    }

    /** Lane 0 samples with the policy itself; lane l ≥ 1 with a mirror holding the policy's current weights. */
    private Policy mirror(int lane) {
        if (lane == 0) {
            return policy;
        }
        while (mirrors.size() < lane) {
            // Its weights must outlive the caller's workspace (an evaluation's, say): made outside all of them.
            mirrors.add(Workspaces.detached(mirrorFactory));
        }
        Policy m = mirrors.get(lane - 1);
        m.mirror(policy);
        return m;
    }

    private static float[] slice(float[] a, int fromRow, int rows, int width) {
        if (fromRow == 0 && rows * width == a.length) {
            return a;
        }
        float[] s = new float[rows * width];
        System.arraycopy(a, fromRow * width, s, 0, s.length);
        return s;
    }
}
