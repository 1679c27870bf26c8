package io.fpolab.env.control;

/**
 * The reward shaping functions of dm_control ({@code dm_control/utils/rewards.py}) in the two forms the
 * suite's tasks use.
 */
public final class Rewards {
    /** {@code value_at_margin} of dm_control's default Gaussian sigmoid. */
    static final double VALUE_AT_MARGIN = 0.1;

    private Rewards() {
    }

    /**
     * {@code tolerance(x, bounds=(lo, hi), margin, sigmoid='gaussian', value_at_margin=0.1)}: 1 inside
     * [lo, hi]; outside, 0 when margin is 0, else {@code 0.1^(d²)} with d the distance to the bounds
     * over the margin (the Gaussian is scaled so that it equals 0.1 at one margin).
     */
    public static double tolerance(double x, double lo, double hi, double margin) {
        if (x >= lo && x <= hi) {
            return 1.0;
        }
        if (margin == 0) {
            return 0.0;
        }
        double d = (x < lo ? lo - x : x - hi) / margin;
        return Math.pow(VALUE_AT_MARGIN, d * d);
    }

    /**
     * {@code tolerance(u, margin=1, value_at_margin=0, sigmoid='quadratic')}: the "small control" term,
     * {@code max(0, 1 − u²)}.
     */
    static double smallControl(double u) {
        return Math.max(0.0, 1.0 - u * u);
    }
}
