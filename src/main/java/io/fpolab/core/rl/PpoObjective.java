package io.fpolab.core.rl;


/**
 * The PPO surrogate as a pure function of per-unit log-ratios and advantages.
 *
 * <p>A "unit" is whatever carries one ratio: a transition (Gaussian PPO, FPO's mean-then-exp
 * ratio), a (transition, τ-ε pair) (per-sample FPO++) or a (transition, denoising step) (DPPO).
 * Unit {@code u} uses advantage {@code adv[u / unitsPerAdvantage]}.
 *
 * <p>{@code L = −mean_u f(ρ_u, A)}, with PPO clip {@code f = min(ρA, clip(ρ, 1−ε, 1+ε)·A)}; ASPO keeps
 * the clip for {@code A ≥ 0} and uses {@code f = ρA − |A|·(ρ−1)²/(2ε)} for {@code A < 0}.
 */
public final class PpoObjective {
    private PpoObjective() {
    }

    /** Loss and diagnostics of one evaluation. */
    public record Result(double loss, double ratioMean, double ratioMin, double ratioMax, double clipFraction,
            double approxKl) {
    }

    /**
     * @param logRatio          log ρ per unit
     * @param adv               advantages per transition
     * @param unitsPerAdvantage units sharing one advantage
     * @param clip              ε
     * @param gradOut           written: dL/d(log ρ_u)
     */
    public static Result evaluate(double[] logRatio, float[] adv, int unitsPerAdvantage, double clip,
            TrustRegion trustRegion, double[] gradOut) {
        int n = logRatio.length;
        double loss = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int clipped = 0;
        double kl = 0;
        for (int u = 0; u < n; u++) {
            double a = adv[u / unitsPerAdvantage];
            double lr = logRatio[u];
            double rho = Math.exp(lr);
            double f;
            double dfdrho;
            if (trustRegion == TrustRegion.ASPO && a < 0) {
                f = rho * a - Math.abs(a) * (rho - 1) * (rho - 1) / (2 * clip);
                dfdrho = a - Math.abs(a) * (rho - 1) / clip;
            } else {
                double clippedRho = Math.max(1 - clip, Math.min(1 + clip, rho));
                double unclippedTerm = rho * a;
                double clippedTerm = clippedRho * a;
                if (unclippedTerm <= clippedTerm) {
                    f = unclippedTerm;
                    dfdrho = a;
                } else {
                    f = clippedTerm;
                    dfdrho = 0;
                }
            }
            loss -= f;
            gradOut[u] = -dfdrho * rho / n;
            sum += rho;
            min = Math.min(min, rho);
            max = Math.max(max, rho);
            if (Math.abs(rho - 1) > clip) {
                clipped++;
            }
            kl += (rho - 1) - lr;
        }
        return new Result(loss / n, sum / n, min, max, (double) clipped / n, kl / n);
    }
}
