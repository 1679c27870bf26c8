package io.fpolab.core.math;

import java.util.Arrays;

/**
 * The one random source of a run: xoshiro256** with an explicit, copyable state, so that a checkpoint
 * can save it and a resumed run continues bit-identically. Not thread-safe: one instance per thread.
 */
public final class Rng {
    private final long[] s = new long[4];
    private boolean hasSpare;
    private double spare;

    public Rng(long seed) {
        long x = seed;
        for (int i = 0; i < 4; i++) {
            x += 0x9E3779B97F4A7C15L;
            long z = x;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            s[i] = z ^ (z >>> 31);
        }
    }

    private Rng(long[] state, boolean hasSpare, double spare) {
        System.arraycopy(state, 0, s, 0, 4);
        this.hasSpare = hasSpare;
        this.spare = spare;
    }

    /** An independent stream derived from this one (advances this generator). */
    public Rng split() {
        return new Rng(nextLong());
    }

    public long nextLong() {
        long result = Long.rotateLeft(s[1] * 5, 7) * 9;
        long t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = Long.rotateLeft(s[3], 45);
        return result;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Standard normal (polar Box–Muller, caches the second value). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u;
        double v;
        double q;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        double f = Math.sqrt(-2 * Math.log(q) / q);
        spare = v * f;
        hasSpare = true;
        return u * f;
    }

    /** Fills {@code out} with standard normal floats. */
    public void fillGaussian(float[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) nextGaussian();
        }
    }

    /** Fisher–Yates shuffle of {@code a} in place. */
    public void shuffleInPlace(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The full state (for checkpoints): four state words, the spare flag, and the spare's bits. */
    public long[] state() {
        long[] st = Arrays.copyOf(s, 6);
        st[4] = hasSpare ? 1 : 0;
        st[5] = Double.doubleToRawLongBits(spare);
        return st;
    }

    /** Restores a generator from {@link #state()}. */
    public static Rng fromState(long[] state) {
        if (state.length != 6) {
            throw new IllegalArgumentException("RNG state must have 6 words, got " + state.length);
        }
        return new Rng(state, state[4] != 0, Double.longBitsToDouble(state[5]));
    }
}
