package io.fpolab.ui.views;

import io.fpolab.analysis.GridEvaluator;
import io.fpolab.core.math.Rng;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.ActionPlots;
import io.fpolab.ui.paint.GridScene;
import io.fpolab.ui.paint.GridScene.Trajectory;
import io.fpolab.ui.paint.GridWorldPainter;
import io.fpolab.ui.paint.PaintKit;
import io.fpolab.ui.paint.Painter;
import io.fpolab.ui.paint.Panels;
import io.fpolab.ui.probe.GridProbe;
import io.fpolab.ui.probe.PolicyProbe;
import io.fpolab.ui.runs.Labels;
import io.fpolab.ui.runs.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the Figure 1 demo: the FPO run and its Gaussian PPO twin, and what the last refresh sampled from
 * each at the saddle cell — the action distribution, a fan of rollouts and how the rollouts split between the
 * goal bands. Both trainer threads are asked at once; knows nothing about controls.
 */
final class DemoViewModel {
    /** Actions sampled for each heatmap. */
    static final int SAMPLES = 10_000;
    /** Rollouts from the saddle cell per side: enough for a split to the percent, few enough to see each path. */
    static final int EPISODES = 100;

    /** What one side shows, sampled on its run's trainer thread. */
    record Side(Painter heatmap, Painter fan, String split, String where, int iteration) {
    }

    final ObjectProperty<Side> fpoSide = new SimpleObjectProperty<>();
    final ObjectProperty<Side> gaussianSide = new SimpleObjectProperty<>();
    final ObjectProperty<RunRecord> fpo = new SimpleObjectProperty<>();
    final ObjectProperty<RunRecord> gaussian = new SimpleObjectProperty<>();
    final StringProperty status = new SimpleStringProperty("");
    private long sequence;

    /** Shows {@code fpoRun} on the left and {@code gaussianRun} on the right (nulls: no demo). */
    void setRuns(RunRecord fpoRun, RunRecord gaussianRun) {
        if (fpoRun != fpo.get() || gaussianRun != gaussian.get()) {
            fpoSide.set(null);
            gaussianSide.set(null);
        }
        fpo.set(fpoRun);
        gaussian.set(gaussianRun);
    }

    /** The left run's trainer, or null without a demo (the view refreshes while it is non-null). */
    TrainingRun shownRun() {
        return fpo.get() == null ? null : fpo.get().run();
    }

    /** True while either demo run trains, so the pictures follow it. */
    boolean live() {
        return Views.training(run(fpo.get())) || Views.training(run(gaussian.get()));
    }

    private static TrainingRun run(RunRecord r) {
        return r == null ? null : r.run();
    }

    /** The next refresh: both runs sampled in parallel on their own trainer threads; null without a demo. */
    CompletableFuture<Runnable> request() {
        RunRecord a = fpo.get();
        RunRecord b = gaussian.get();
        if (a == null || b == null) {
            return null;
        }
        long seed = ++sequence;
        CompletableFuture<Side> left = a.run().submit(t -> sample(t, a.name(), seed));
        CompletableFuture<Side> right = b.run().submit(t -> sample(t, b.name(), seed));
        return left.thenCombine(right, (l, r) -> () -> {
            if (fpo.get() != a || gaussian.get() != b) {
                return;
            }
            fpoSide.set(l);
            gaussianSide.set(r);
            status.set(String.format(Locale.ROOT, "The saddle %s is equally far from both goal bands. Each side: "
                    + "%,d sampled actions and %d rollouts from it, redrawn while training.", l.where(), SAMPLES,
                    EPISODES));
        });
    }

    /** Trainer thread: the saddle cell's action heatmap, rollout fan and split of one run. */
    static Side sample(Trainer t, String runName, long seed) {
        RunInfo info = RunInfo.of(t);
        if (!info.gridWorld()) {
            Painter note = PaintKit.message(runName + " trains " + info.envId(), "the Figure 1 demo needs GridWorld runs");
            return new Side(note, note, "", "cell", t.iteration());
        }
        Rng rng = new Rng(seed);
        GridLayout l = GridProbe.layout(t);
        int[] saddle = GridEvaluator.saddleCell(l);
        int cell = l.cellIndex(saddle[0], saddle[1]);
        String where = "cell (" + saddle[0] + ", " + saddle[1] + ")";
        String when = "iteration " + t.iteration();
        float[] actions = PolicyProbe.gridSamples(t, saddle[0], saddle[1], SAMPLES, false, rng);
        Painter heatmap = ActionPlots.distribution(info.title(runName) + " · actions at " + where,
                String.format(Locale.ROOT, "%,d samples · %s", SAMPLES, when), actions, info.actDim(), true,
                info.actionHigh(), false);
        List<Trajectory> ts = GridProbe.trajectories(t, List.of(cell), EPISODES, rng);
        Painter fan = new GridWorldPainter(new GridScene(info.title(runName) + " · rollouts from " + where,
                EPISODES + " episodes · " + when, l, null, null, ts, List.of(cell), -1, GridProbe.outcomeLine(ts, l)));
        return new Side(heatmap, fan, split(ts, l), where, t.iteration());
    }

    /**
     * "up 52 % · down 48 %": where the episodes ended, by goal band named for its side of the start cell (up,
     * down, left, right; the band's own name when it surrounds the start), largest share first; episodes that
     * reached no goal are counted as "no goal". Empty without episodes.
     */
    static String split(List<Trajectory> ts, GridLayout l) {
        if (ts.isEmpty()) {
            return "";
        }
        int regions = l.regionCount();
        int[] counts = new int[regions];
        int none = 0;
        for (Trajectory t : ts) {
            if (t.outcome() >= 0) {
                counts[t.outcome()]++;
            } else {
                none++;
            }
        }
        int start = ts.get(0).cells()[0];
        List<int[]> shares = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            if (counts[r] > 0) {
                shares.add(new int[] {r, counts[r]});
            }
        }
        shares.sort((x, y) -> y[1] != x[1] ? Integer.compare(y[1], x[1]) : Integer.compare(x[0], y[0]));
        List<String> parts = new ArrayList<>();
        for (int[] s : shares) {
            parts.add(side(l, s[0], start) + " " + percent(s[1], ts.size()));
        }
        if (none > 0) {
            parts.add("no goal " + percent(none, ts.size()));
        }
        return String.join(" · ", parts);
    }

    private static String percent(int k, int n) {
        return Math.round(100.0 * k / n) + " %";
    }

    /** Which way goal band {@code region} lies from cell {@code start}: its cells' mean offset decides. */
    static String side(GridLayout l, int region, int start) {
        double dx = 0;
        double dy = 0;
        int n = 0;
        for (int c = 0; c < l.cellCount(); c++) {
            int x = l.cellX(c);
            int y = l.cellY(c);
            if (l.type(x, y) == GridLayout.CellType.GOAL && l.region(x, y) == region) {
                dx += x - l.cellX(start);
                dy += y - l.cellY(start);
                n++;
            }
        }
        dx /= Math.max(1, n);
        dy /= Math.max(1, n);
        if (Math.max(Math.abs(dx), Math.abs(dy)) < 0.5) {
            return l.regionName(region);
        }
        if (Math.abs(dy) >= Math.abs(dx)) {
            return dy > 0 ? "up" : "down";
        }
        return dx > 0 ? "right" : "left";
    }

    /** "Running · 81,920 / 151,552 env steps · 54 %" for a side's header (FX thread). */
    static String progressLine(RunRecord r) {
        if (r == null) {
            return "";
        }
        RunRecord.Status status = r.statusProperty().get();
        IterationStats last = r.latestProperty().get();
        long done = last == null ? 0 : last.envSteps();
        String line = String.format(Locale.ROOT, "%s · %,d / %,d env steps · %d %%", Labels.state(status), done,
                r.config().ppo().totalSteps(), Math.round(100 * r.progressProperty().get()));
        return status.alert() ? line + " · " + status.message() : line;
    }

    /** What the export writes: both sides' heatmaps over their rollout fans, FPO left. */
    Painter exportPainter() {
        Side l = fpoSide.get();
        Side r = gaussianSide.get();
        if (l == null || r == null) {
            return null;
        }
        return Panels.titled("Figure 1 at the saddle cell", "FPO: " + l.split() + "    Gaussian PPO: " + r.split(),
                Panels.grid(List.of(l.heatmap(), r.heatmap(), l.fan(), r.fan()), 2));
    }
}
