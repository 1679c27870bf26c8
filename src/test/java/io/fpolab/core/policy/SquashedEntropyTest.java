package io.fpolab.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.core.math.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The squashed-entropy estimate of {@link GaussianPolicy} against the entropy of the squashed density itself:
 * {@code y = tanh(u)}, {@code u ~ N(μ, σ²)} has density {@code p(y) = N(atanh y; μ, σ²) / (1 − y²)} on (−1, 1),
 * and {@code H = −∫ p log p dy} is integrated numerically (in u = atanh y, where the integrand is smooth).
 */
class SquashedEntropyTest {

    /** {@code −∫ p(y) log p(y) dy} by the midpoint rule over u ∈ μ ± 12σ, with p written in y. */
    private static double quadrature(double mu, double sigma) {
        int cells = 200_000;
        double lo = mu - 12 * sigma;
        double du = 24 * sigma / cells;
        double h = 0;
        for (int c = 0; c < cells; c++) {
            double u = lo + (c + 0.5) * du;
            double y = Math.tanh(u);
            double oneMinusY2 = 1 / (Math.cosh(u) * Math.cosh(u)); // 1 − y², without cancellation near ±1
            double z = (0.5 * Math.log((1 + y) / (1 - y)) - mu) / sigma; // atanh(y), computed from y
            if (Math.abs(y) > 1 - 1e-15) {
                z = (u - mu) / sigma; // y rounds to ±1 in double; atanh(y) is u there
            }
            double logP = -0.5 * z * z - Math.log(sigma) - 0.5 * Math.log(2 * Math.PI) - Math.log(oneMinusY2);
            double dy = oneMinusY2 * du;
            h -= Math.exp(logP) * logP * dy;
        }
        return h;
    }

    /** Mean of the one-sample estimator the policy uses over many draws of ξ, and its standard error. */
    private static double[] estimate(double mu, double sigma) {
        Rng rng = new Rng(11);
        int n = 400_000;
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double h = GaussianPolicy.squashedEntropySample(mu, sigma, rng.nextGaussian());
            sum += h;
            sq += h * h;
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt((sq / n - mean * mean) / n)};
    }

    @ParameterizedTest(name = "μ = {0}, σ = {1}")
    @CsvSource({"0, 0.2", "0, 0.6941", "0.5, 1", "-1.5, 0.3", "2, 3", "0, 8"})
    void estimateMatchesTheEntropyOfTheSquashedDensity(double mu, double sigma) {
        double exact = quadrature(mu, sigma);
        double[] est = estimate(mu, sigma);
        // Four standard errors of the Monte Carlo mean (0.003 for small σ, 0.06 at σ = 8, where the
        // log-det term spreads as 2|u|).
        assertEquals(exact, est[0], 4 * est[1] + 1e-3, "H(tanh u) for μ = " + mu + ", σ = " + sigma);
        // The squashed action lives on (−1, 1): no distribution there has more entropy than the uniform's, ln 2.
        assertTrue(exact < Math.log(2) + 1e-9, "entropy " + exact + " above ln 2");
        // Narrow and centred, tanh is nearly the identity, so the entropy is nearly the Gaussian's.
        if (mu == 0 && sigma <= 0.2) {
            assertEquals(0.5 + 0.5 * Math.log(2 * Math.PI) + Math.log(sigma), exact, 0.05);
        }
    }

    @ParameterizedTest(name = "u = {0}")
    @CsvSource({"0", "0.3", "-2", "15", "-400"})
    void tanhLogDetIsLogOfOneMinusTanhSquaredWithoutOverflow(double u) {
        double direct = Math.log(1 / (Math.cosh(u) * Math.cosh(u)));
        double got = GaussianPolicy.tanhLogDet(u);
        assertTrue(Double.isFinite(got));
        if (Double.isFinite(direct)) {
            assertEquals(direct, got, 1e-9 * Math.max(1, Math.abs(direct)));
        } else {
            assertEquals(2 * Math.log(2) - 2 * Math.abs(u), got, 1e-9 * Math.abs(u));
        }
    }
}
