package io.fpolab.ui.runs;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.train.TrainingRun.State;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Words the lab shows for engine values (algorithm names, run states, durations). */
public final class Labels {
    private static final Pattern DIVERGED_AT = Pattern.compile("diverged at iteration (\\d+)");
    private static final int MAX_ALERT_LINE = 90;

    private Labels() {
    }

    public static String algorithm(Algorithm a) {
        return switch (a) {
            case FPO -> "FPO";
            case GAUSSIAN_PPO -> "Gaussian PPO";
            case DPPO -> "DPPO";
        };
    }

    /** The name the lab gives a new run of {@code c}: "FPO · gridworld · seed 0". */
    public static String defaultRunName(ExperimentConfig c) {
        return algorithm(c.algorithm()) + " · " + c.env().id() + " · seed " + c.seed();
    }

    public static String state(State s) {
        return switch (s) {
            case NEW -> "Ready";
            case RUNNING -> "Running";
            case PAUSED -> "Paused";
            case FINISHED -> "Finished";
            case CANCELLED -> "Stopped";
            case FAILED -> "Failed";
        };
    }

    /** The state as the run list shows it: a run that paused itself after a divergence is "Diverged". */
    public static String state(RunRecord.Status s) {
        return s.diverged() ? "Diverged" : state(s.state());
    }

    /**
     * The short second line of an alerting run in the run list ("Diverged at iteration 12", or the start of a
     * failure's message), or "" when the run needs no attention. The full message goes into the tooltip.
     */
    public static String alertLine(RunRecord.Status s) {
        if (!s.alert()) {
            return "";
        }
        if (s.diverged()) {
            Matcher m = DIVERGED_AT.matcher(s.message());
            return m.find() ? "Diverged at iteration " + m.group(1) : "Diverged";
        }
        String msg = s.message();
        return msg.length() <= MAX_ALERT_LINE ? msg : msg.substring(0, MAX_ALERT_LINE - 1) + "…";
    }

    /** {@code 1:05} or {@code 2:03:04}. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "–";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
