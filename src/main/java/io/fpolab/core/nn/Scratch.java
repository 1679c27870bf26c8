package io.fpolab.core.nn;

import java.util.Arrays;

/**
 * Per-thread reusable arrays for the temporaries of an update step. An FPO minibatch at the paper's GridWorld
 * settings builds tens of thousands of rows, and allocating their Java arrays afresh came to about half of a
 * trainer's heap allocation (JFR allocation samples of the Figure 1 demo): the collector then ran every few
 * seconds and took the cores from the window. A slot hands its thread the same array again for the same length.
 *
 * <p>Each call of {@link Floats#zeroed} or {@link Doubles#zeroed} returns an array of exactly the requested
 * length, filled with zeros, so it behaves as {@code new float[n]} with one rule: <b>a slot's array is valid until
 * the same thread asks the same slot for the same length again</b>. Use a slot only for an array that dies
 * within the call that takes it (never store it in a field, return it to a caller outside the update, or
 * ask the slot again while it is in use). Slots remember a few lengths each, since minibatches and chunks of a
 * rollout come in two or three sizes.
 */
public final class Scratch {
    /** Lengths remembered per slot and thread. */
    private static final int WAYS = 4;

    private Scratch() {
    }

    /** A slot of float arrays; one static instance per use site. */
    public static final class Floats {
        private final ThreadLocal<float[][]> cache = ThreadLocal.withInitial(() -> new float[WAYS][]);

        /** An array of length {@code n}, all zeros, reused on this thread (see {@link Scratch}). */
        public float[] zeroed(int n) {
            float[][] ways = cache.get();
            for (int i = 0; i < WAYS; i++) {
                float[] a = ways[i];
                if (a != null && a.length == n) {
                    moveToFront(ways, i);
                    Arrays.fill(a, 0f);
                    return a;
                }
            }
            float[] a = new float[n];
            System.arraycopy(ways, 0, ways, 1, WAYS - 1);
            ways[0] = a;
            return a;
        }
    }

    /** A slot of double arrays; one static instance per use site. */
    public static final class Doubles {
        private final ThreadLocal<double[][]> cache = ThreadLocal.withInitial(() -> new double[WAYS][]);

        /** An array of length {@code n}, all zeros, reused on this thread (see {@link Scratch}). */
        public double[] zeroed(int n) {
            double[][] ways = cache.get();
            for (int i = 0; i < WAYS; i++) {
                double[] a = ways[i];
                if (a != null && a.length == n) {
                    moveToFront(ways, i);
                    Arrays.fill(a, 0.0);
                    return a;
                }
            }
            double[] a = new double[n];
            System.arraycopy(ways, 0, ways, 1, WAYS - 1);
            ways[0] = a;
            return a;
        }
    }

    /** Least-recently-used order: the entry at {@code i} becomes the first. */
    private static void moveToFront(Object[] ways, int i) {
        Object hit = ways[i];
        System.arraycopy(ways, 0, ways, 1, i);
        ways[0] = hit;
    }
}
