package io.fpolab.analysis.probe;

import io.fpolab.analysis.GridAnalysis;
import io.fpolab.analysis.probe.GridScene.Trajectory;
import io.fpolab.core.math.Rng;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.train.Trainer;
import java.util.ArrayList;
import java.util.List;

/** GridWorld policy field, value map and sampled episodes of a trainer. Call on the trainer thread. */
public final class GridProbe {
    private GridProbe() {
    }

    /**
     * The trainer's current layout with one sampled action per cell and, if asked, V(s) per cell.
     *
     * @param values compute the value map (null otherwise)
     */
    public record Snapshot(GridLayout layout, float[] field, float[] values, int iteration) {
    }

    public static Snapshot snapshot(Trainer t, boolean eval, boolean values, Rng rng) {
        GridAnalysis a = new GridAnalysis(t);
        return new Snapshot(a.layout(), a.policyField(eval, rng), values ? a.valueMap() : null, t.iteration());
    }

    /** The trainer's current layout. */
    public static GridLayout layout(Trainer t) {
        return ((GridWorldVecEnv) t.env()).layout();
    }

    /**
     * {@code episodes} sampled episodes from each start cell (cell indices), with the rollout sampler.
     * Start cells that are no longer walkable (the layout was edited) are skipped.
     */
    public static List<Trajectory> trajectories(Trainer t, List<Integer> starts, int episodes, Rng rng) {
        GridAnalysis a = new GridAnalysis(t);
        GridLayout l = a.layout();
        List<Trajectory> out = new ArrayList<>();
        for (int c : starts) {
            int x = l.cellX(c);
            int y = l.cellY(c);
            if (c >= l.cellCount() || l.type(x, y) != GridLayout.CellType.EMPTY) {
                continue;
            }
            for (int[] path : a.trajectories(x, y, episodes, rng)) {
                out.add(Trajectory.of(path, l));
            }
        }
        return out;
    }

    /** "top 52% · bottom 47% · timeout 1% · mean length 11.3" for a set of episodes. */
    public static String outcomeLine(List<Trajectory> ts, GridLayout l) {
        if (ts.isEmpty()) {
            return null;
        }
        int[] counts = new int[l.regionCount() + 2];
        double len = 0;
        for (Trajectory t : ts) {
            counts[t.outcome() + 2]++;
            len += t.cells().length - 1;
        }
        StringBuilder b = new StringBuilder(ts.size() + " episodes: ");
        for (int r = l.regionCount() - 1; r >= 0; r--) {
            b.append(l.regionName(r)).append(' ').append(pct(counts[r + 2], ts.size())).append(" · ");
        }
        if (counts[0] > 0) {
            b.append("death ").append(pct(counts[0], ts.size())).append(" · ");
        }
        if (counts[1] > 0) {
            b.append("timeout ").append(pct(counts[1], ts.size())).append(" · ");
        }
        b.append(String.format(java.util.Locale.ROOT, "mean length %.1f", len / ts.size()));
        return b.toString();
    }

    private static String pct(int k, int n) {
        return Math.round(100.0 * k / n) + "%";
    }
}
