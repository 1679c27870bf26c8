package io.fpolab.analysis;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.env.VecEnv;
import io.fpolab.env.control.ForkEasy;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.train.Trainer;
import java.util.ArrayList;
import java.util.List;

/** The evaluation an experiment gets, and the metric names it produces (for stable CSV columns). */
public final class Evaluators {
    private Evaluators() {
    }

    public static Trainer.Evaluator create(ExperimentConfig cfg, VecEnv env) {
        if (env instanceof GridWorldVecEnv) {
            return new GridEvaluator(cfg.eval().episodes());
        }
        if (env instanceof ForkEasy) {
            return new ForkEvaluator(cfg.eval().episodes());
        }
        return new ControlEvaluator(cfg.eval().episodes());
    }

    /** Names the evaluator of {@code env} reports, in order. */
    public static List<String> keys(VecEnv env) {
        if (env instanceof GridWorldVecEnv g) {
            GridLayout layout = g.layout();
            List<String> k = new ArrayList<>(List.of("success_rate", "mean_episode_length"));
            int[] c = GridEvaluator.saddleCell(layout);
            if (layout.type(c[0], c[1]) == GridLayout.CellType.EMPTY) {
                for (int r = 0; r < layout.regionCount(); r++) {
                    k.add("saddle_" + GridEvaluator.regionKey(layout, r));
                }
                k.addAll(List.of("saddle_length", "move_up", "move_down", "move_stay", "y_peak_up",
                        "y_peak_down", "y_valley"));
            }
            return k;
        }
        return env instanceof ForkEasy ? ForkEvaluator.KEYS : ControlEvaluator.KEYS;
    }
}
