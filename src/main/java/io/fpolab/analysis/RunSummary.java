package io.fpolab.analysis;

import io.fpolab.env.control.ForkEasy;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code summary.json} of a finished run, built from the final evaluation. */
public final class RunSummary {
    private RunSummary() {
    }

    /**
     * Common fields ({@code env_steps}, {@code wall_seconds}, {@code iterations}, final training return),
     * plus for GridWorld {@code success_rate} and the {@code saddle} block, and for control tasks the
     * final evaluation ({@link ControlEvaluator}: deterministic starts): {@code eval_return_mean},
     * {@code eval_return_std} over {@code eval_episodes} episodes, and {@code eval_return}, the older name
     * of the mean, kept for readers of earlier run folders; for the fork task also the {@code fork} block
     * ({@link ForkEvaluator}: the route split from the symmetry point, the x-density's peaks and whether the
     * "both routes" and "committed" conditions hold).
     */
    public static Map<String, Object> of(Trainer trainer, IterationStats last) {
        Map<String, Object> m = new LinkedHashMap<>();
        var cfg = trainer.config();
        m.put("name", cfg.name());
        m.put("algorithm", cfg.algorithm().name().toLowerCase(java.util.Locale.ROOT));
        m.put("env", cfg.env().id());
        m.put("seed", cfg.seed());
        m.put("iterations", trainer.iteration());
        m.put("env_steps", trainer.envSteps());
        m.put("wall_seconds", round(trainer.wallSeconds()));
        m.put("train_return", last == null ? null : finite(last.returnMean()));
        Map<String, Double> eval = last == null ? Map.of() : last.evaluation();
        if (trainer.env() instanceof GridWorldVecEnv g) {
            GridLayout layout = g.layout();
            m.put("success_rate", eval.get("success_rate"));
            int[] cell = GridEvaluator.saddleCell(layout);
            if (eval.containsKey("saddle_length")) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("cell", List.of(cell[0], cell[1]));
                for (int r = layout.regionCount() - 1; r >= 0; r--) {
                    s.put(GridEvaluator.regionKey(layout, r) + "_goal_fraction",
                            eval.get("saddle_" + GridEvaluator.regionKey(layout, r)));
                }
                s.put("mean_episode_length", eval.get("saddle_length"));
                s.put("move_up", eval.get("move_up"));
                s.put("move_down", eval.get("move_down"));
                s.put("move_stay", eval.get("move_stay"));
                s.put("y_peak_up", eval.get("y_peak_up"));
                s.put("y_peak_down", eval.get("y_peak_down"));
                s.put("y_valley", finiteOrNull(eval.get("y_valley")));
                m.put("saddle", s);
            }
        } else {
            m.put("eval_return_mean", eval.get("eval_return"));
            m.put("eval_return_std", eval.get("eval_return_std"));
            m.put("eval_episodes", eval.isEmpty() ? null : cfg.eval().episodes());
            m.put("eval_return", eval.get("eval_return"));
            if (eval.containsKey("fork_left")) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("start", List.of(0.0, ForkEasy.START_Y));
                for (String k : List.of("fork_left", "fork_right", "fork_none", "fork_left_sampled",
                        "fork_right_sampled", "x_peak_left", "x_peak_right")) {
                    f.put(k.replace("fork_", ""), eval.get(k));
                }
                f.put("x_valley", finiteOrNull(eval.get("x_valley")));
                f.put("two_routes", ForkEvaluator.twoRoutes(eval));
                f.put("committed", ForkEvaluator.committed(eval));
                m.put("fork", f);
            }
        }
        return m;
    }

    private static Double finiteOrNull(Double x) {
        return x == null ? null : finite(x);
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
