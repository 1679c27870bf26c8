package io.fpolab.core.nn;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

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
        private final Slot<float[]> slot = new Slot<>(float[]::new, a -> a.length, a -> Arrays.fill(a, 0f));

        /** An array of length {@code n}, all zeros, reused on this thread (see {@link Scratch}). */
        public float[] zeroed(int n) {
            return slot.zeroed(n);
        }
    }

    /** A slot of double arrays; one static instance per use site. */
    public static final class Doubles {
        private final Slot<double[]> slot = new Slot<>(double[]::new, a -> a.length, a -> Arrays.fill(a, 0.0));

        /** An array of length {@code n}, all zeros, reused on this thread (see {@link Scratch}). */
        public double[] zeroed(int n) {
            return slot.zeroed(n);
        }
    }

    /** The arrays of one slot, {@link #WAYS} lengths per thread, most recently used first. */
    private static final class Slot<A> {
        private final IntFunction<A> create;
        private final ToIntFunction<A> length;
        private final Consumer<A> clear;
        private final ThreadLocal<Object[]> cache = ThreadLocal.withInitial(() -> new Object[WAYS]);

        Slot(IntFunction<A> create, ToIntFunction<A> length, Consumer<A> clear) {
            this.create = create;
            this.length = length;
            this.clear = clear;
        }

        @SuppressWarnings("unchecked")
        A zeroed(int n) {
            Object[] ways = cache.get();
            for (int i = 0; i < WAYS; i++) {
                A a = (A) ways[i];
                if (a != null && length.applyAsInt(a) == n) {
                    System.arraycopy(ways, 0, ways, 1, i);
                    ways[0] = a;
                    clear.accept(a);
                    return a;
                }
            }
            A a = create.apply(n);
            System.arraycopy(ways, 0, ways, 1, WAYS - 1);
            ways[0] = a;
            return a;
        }
    }
}
