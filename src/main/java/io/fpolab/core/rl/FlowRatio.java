package io.fpolab.core.rl;


/**
 * FPO's likelihood-ratio surrogate built from per-row CFM losses (algorithm.md §3).
 *
 * <p>Rows are grouped per transition ({@code rowsPer} consecutive rows: the N_mc stored (τ, ε) pairs,
 * or DPPO's K denoising steps). With {@code d_i = scale·(ℓ_old,i − ℓ_θ,i)}:
 * <ul>
 *   <li>{@code MEAN_EXP}: one unit per transition, {@code log ρ = mean_i d_i} (paper);</li>
 *   <li>{@code CLAMPED}: {@code log ρ = clamp(mean_i clamp(d_i, ±c), ±c)} (authors' GridWorld code);</li>
 *   <li>{@code PER_SAMPLE}: one unit per row, {@code log ρ_i = clamp(d_i, ±c)} (FPO++; the authors'
 *       per-sample code clamps to ±3 before exp so one outlier pair cannot overflow the loss; with
 *       {@code scale = actDim/(2σ²K²)} and no clamp this is exactly DPPO's per-step Gaussian log-ratio).</li>
 * </ul>
 */
public final class FlowRatio {
    private FlowRatio() {
    }

    /** Units the mode produces for {@code transitions} transitions. */
    public static int units(RatioMode mode, int transitions, int rowsPer) {
        return mode == RatioMode.PER_SAMPLE ? transitions * rowsPer : transitions;
    }

    /** Units sharing one advantage. */
    public static int unitsPerAdvantage(RatioMode mode, int rowsPer) {
        return mode == RatioMode.PER_SAMPLE ? rowsPer : 1;
    }

    /** Computes log ρ per unit into {@code logRatioOut}. */
    public static void logRatio(RatioMode mode, double[] lossNew, double[] lossOld, int rowsPer, double scale,
            double clamp, double[] logRatioOut) {
        int transitions = lossNew.length / rowsPer;
        if (mode == RatioMode.PER_SAMPLE) {
            for (int r = 0; r < lossNew.length; r++) {
                logRatioOut[r] = clamp(scale * (lossOld[r] - lossNew[r]), clamp);
            }
            return;
        }
        for (int t = 0; t < transitions; t++) {
            double s = 0;
            for (int i = t * rowsPer; i < (t + 1) * rowsPer; i++) {
                double d = scale * (lossOld[i] - lossNew[i]);
                s += mode == RatioMode.CLAMPED ? clamp(d, clamp) : d;
            }
            double mean = s / rowsPer;
            logRatioOut[t] = mode == RatioMode.CLAMPED ? clamp(mean, clamp) : mean;
        }
    }

    /** Chain rule: turns dL/d(log ρ) per unit into dL/dℓ_θ per row ({@code gradRowsOut}). */
    public static void backward(RatioMode mode, double[] lossNew, double[] lossOld, int rowsPer, double scale,
            double clamp, double[] logRatio, double[] gradLogRatio, double[] gradRowsOut) {
        int transitions = lossNew.length / rowsPer;
        if (mode == RatioMode.PER_SAMPLE) {
            for (int r = 0; r < lossNew.length; r++) {
                boolean clamped = Math.abs(scale * (lossOld[r] - lossNew[r])) > clamp;
                gradRowsOut[r] = clamped ? 0 : -scale * gradLogRatio[r];
            }
            return;
        }
        for (int t = 0; t < transitions; t++) {
            double g = gradLogRatio[t] / rowsPer;
            if (mode == RatioMode.CLAMPED && Math.abs(logRatio[t]) >= clamp) {
                // Outer clamp saturated only if the unclamped mean lies beyond it.
                double s = 0;
                for (int i = t * rowsPer; i < (t + 1) * rowsPer; i++) {
                    s += clamp(scale * (lossOld[i] - lossNew[i]), clamp);
                }
                if (Math.abs(s / rowsPer) > clamp) {
                    g = 0;
                }
            }
            for (int i = t * rowsPer; i < (t + 1) * rowsPer; i++) {
                double inner = g;
                if (mode == RatioMode.CLAMPED && Math.abs(scale * (lossOld[i] - lossNew[i])) > clamp) {
                    inner = 0;
                }
                gradRowsOut[i] = -scale * inner;
            }
        }
    }

    private static double clamp(double x, double c) {
        return Math.max(-c, Math.min(c, x));
    }
}
