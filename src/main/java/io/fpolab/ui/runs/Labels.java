package io.fpolab.ui.runs;

import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.train.TrainingRun.State;
import java.util.Locale;

/** Words the lab shows for engine values (algorithm names, run states, durations). */
public final class Labels {
    private Labels() {
    }

    public static String algorithm(Algorithm a) {
        return switch (a) {
            case FPO -> "FPO";
            case GAUSSIAN_PPO -> "Gaussian PPO";
            case DPPO -> "DPPO";
        };
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
