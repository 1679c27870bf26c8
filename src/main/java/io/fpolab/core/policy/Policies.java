package io.fpolab.core.policy;

/** What the policies share: their output layers' initial gains and index ranges. */
public final class Policies {
    /**
     * Output-layer gain at init of flow policies (FPO, DPPO). A near-zero velocity field makes a fresh
     * flow policy output its noise, N(0, I), at every state: symmetric, so no goal is favoured before
     * learning starts — which matters for the bimodal split at GridWorld's saddle cells.
     */
    public static final double FLOW_OUTPUT_GAIN = 0.01;

    /**
     * Output-layer gain at init of the Gaussian mean: 1, PyTorch's default {@code nn.Linear} init as in
     * the authors' GridWorld baseline.
     */
    public static final double GAUSSIAN_OUTPUT_GAIN = 1.0;

    private Policies() {
    }

    /** {@code [from, from+1, …, to−1]}. */
    public static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
