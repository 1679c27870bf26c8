package io.fpolab.analysis;

import java.util.Map;

/**
 * The classroom condition for "two clear modes at the saddle", read off one GridWorld evaluation
 * ({@link GridEvaluator}'s metrics): of the 50,000 action samples at the saddle cell at least
 * {@value #MIN_MOVE} move up and at least as many move down, at most {@value #MAX_STAY} stay, the
 * y-density has two peaks (one above +0.5, one below −0.5) with the valley between them at most half
 * the smaller peak ({@link ActionShape.Modes#twoPeaks()}), and at least {@value #MIN_SUCCESS} of the
 * random-start episodes reach a goal.
 */
public final class TwoModes {
    public static final double MIN_MOVE = 0.30;
    public static final double MAX_STAY = 0.15;
    public static final double MIN_SUCCESS = 0.95;

    private TwoModes() {
    }

    /** Whether an evaluation meets the condition; false when it lacks the saddle metrics. */
    public static boolean met(Map<String, Double> evaluation) {
        double[] v = ActionShape.values(evaluation, "move_up", "move_down", "move_stay", "success_rate", "y_peak_up",
                "y_peak_down", "y_valley");
        return v != null && v[0] >= MIN_MOVE && v[1] >= MIN_MOVE && v[2] <= MAX_STAY && v[3] >= MIN_SUCCESS
                && ActionShape.twoPeaks(v[4], v[5], v[6]);
    }
}
