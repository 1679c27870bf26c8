package io.fpolab.ui.views;

import io.fpolab.analysis.GridEvaluator;
import io.fpolab.analysis.TwoModes;
import io.fpolab.analysis.probe.GridProbe;
import io.fpolab.analysis.probe.GridScene.Trajectory;
import io.fpolab.analysis.probe.GridScene;
import io.fpolab.analysis.probe.PolicyProbe;
import io.fpolab.core.math.Rng;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.ActionPlots;
import io.fpolab.ui.paint.GridWorldPainter;
import io.fpolab.ui.paint.PaintKit;
import io.fpolab.ui.paint.Painter;
import io.fpolab.ui.paint.Panels;
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
 * goal bands. Each side is sampled on its own run's copy ({@link TrainingRun#submitOnCopy}) at its own pace; knows
 * nothing about controls.
 */
final class DemoViewModel {
    /** Actions sampled for each heatmap. */
    static final int SAMPLES = 10_000;
    /** Rollouts from the saddle cell per side: enough for a split to the percent, few enough to see each path. */
    static final int EPISODES = 100;
    /**
     * While training, the next sample waits this many times as long as the last one took on its run's copy, so
     * sampling takes at most a ninth of the cores the two trainers share, however slow the machine is (the pictures then
     * follow the policy about once a second on a laptop; the classroom run's speed is the point of the demo).
     */
    static final double PAUSE_PER_SAMPLE_TIME = 8;

    /** What one side shows, sampled on its run's copy. */
    record Side(Painter heatmap, Painter fan, List<Share> shares, String where, int iteration, long sampleNanos) {
        /** "up 52 % · down 48 %". */
        String split() {
            return DemoViewModel.split(shares);
        }
    }

    /**
     * One part of the split: "up 52 %".
     *
     * @param outcome the goal region, or {@link Trajectory#TIMEOUT} for episodes that reached no goal (the fan
     *                draws each in {@link GridWorldPainter#outcomeColor})
     */
    record Share(String label, int percent, int outcome) {
        @Override
        public String toString() {
            return label + " " + percent + " %";
        }
    }

    final ObjectProperty<Side> fpoSide = new SimpleObjectProperty<>();
    final ObjectProperty<Side> gaussianSide = new SimpleObjectProperty<>();
    final ObjectProperty<RunRecord> fpo = new SimpleObjectProperty<>();
    final ObjectProperty<RunRecord> gaussian = new SimpleObjectProperty<>();
    final StringProperty status = new SimpleStringProperty("");
    private long sequence;
    private final long[] lastEnd = new long[2];
    private final long[] lastCost = new long[2];

    /** Shows {@code fpoRun} on the left and {@code gaussianRun} on the right (nulls: no demo). */
    void setRuns(RunRecord fpoRun, RunRecord gaussianRun) {
        lastEnd[0] = 0;
        lastEnd[1] = 0;
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

    /** True while the run of one side ({@code left}: FPO) trains, so its pictures follow it. */
    boolean live(boolean left) {
        RunRecord r = left ? fpo.get() : gaussian.get();
        return r != null && Views.training(r.run());
    }

    /**
     * The next refresh of one side, sampled on its run's copy; null without a demo, or while that run
     * trains and its last sample is too recent for its cost. Each side has its own pace: a cheap Gaussian
     * sample need not wait for FPO's.
     */
    CompletableFuture<Runnable> request(boolean left) {
        int i = left ? 0 : 1;
        RunRecord a = fpo.get();
        RunRecord b = gaussian.get();
        if (a == null || b == null) {
            return null;
        }
        long now = System.nanoTime();
        if (live(left) && lastEnd[i] != 0 && now - lastEnd[i] < PAUSE_PER_SAMPLE_TIME * lastCost[i]) {
            return null;
        }
        RunRecord r = left ? a : b;
        long seed = ++sequence;
        return r.run().submitOnCopy(t -> sample(t, r.name(), seed)).thenApply(side -> () -> {
            lastEnd[i] = System.nanoTime();
            lastCost[i] = side.sampleNanos();
            if (fpo.get() != a || gaussian.get() != b) {
                return;
            }
            (left ? fpoSide : gaussianSide).set(side);
            status.set(String.format(Locale.ROOT, "Saddle %s: equally far from both goal bands · per side %,d sampled "
                    + "actions and %d rollouts, redrawn while training", side.where(), SAMPLES, EPISODES));
        });
    }

    /** Copy thread: the saddle cell's action heatmap, rollout fan and split of one run. */
    static Side sample(Trainer t, String runName, long seed) {
        long started = System.nanoTime();
        RunInfo info = RunInfo.of(t);
        if (!info.gridWorld()) {
            Painter note = PaintKit.message(runName + " trains " + info.envId(),
                    "the Figure 1 demo needs GridWorld runs");
            return new Side(note, note, List.of(), "cell", t.iteration(), System.nanoTime() - started);
        }
        Rng rng = new Rng(seed);
        GridLayout l = GridProbe.layout(t);
        int[] saddle = GridEvaluator.saddleCell(l);
        int cell = l.cellIndex(saddle[0], saddle[1]);
        String where = "cell (" + saddle[0] + ", " + saddle[1] + ")";
        String when = "iteration " + t.iteration();
        float[] actions = PolicyProbe.gridSamples(t, saddle[0], saddle[1], SAMPLES, false, rng);
        // The column header names the run; titles stay short enough for a narrow column.
        String who = info.algorithmName();
        Painter heatmap = ActionPlots.distribution("Actions at " + where,
                String.format(Locale.ROOT, "%s · %,d samples · %s", who, SAMPLES, when), actions, info.actDim(), true,
                info.actionHigh(), false);
        List<Trajectory> ts = GridProbe.trajectories(t, List.of(cell), EPISODES, rng);
        Painter fan = new GridWorldPainter(new GridScene("Rollouts from " + where,
                who + " · " + EPISODES + " episodes · " + when, l, null, null, ts, List.of(cell), -1,
                GridProbe.outcomeLine(ts, l)));
        return new Side(heatmap, fan, shares(ts, l), where, t.iteration(), System.nanoTime() - started);
    }

    /** "up 52 % · down 48 %" for a set of episodes (see {@link #shares}); empty without episodes. */
    static String split(List<Trajectory> ts, GridLayout l) {
        return split(shares(ts, l));
    }

    static String split(List<Share> shares) {
        return String.join(" · ", shares.stream().map(Share::toString).toList());
    }

    /**
     * Where the episodes ended, by goal band named for its side of the start cell (up, down, left, right; the
     * band's own name when it surrounds the start), largest share first; episodes that reached no goal come
     * last as "no goal". Empty without episodes.
     */
    static List<Share> shares(List<Trajectory> ts, GridLayout l) {
        if (ts.isEmpty()) {
            return List.of();
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
        List<Share> out = new ArrayList<>();
        for (int r = 0; r < regions; r++) {
            if (counts[r] > 0) {
                out.add(new Share(side(l, r, start), percent(counts[r], ts.size()), r));
            }
        }
        out.sort((x, y) -> y.percent() != x.percent() ? Integer.compare(y.percent(), x.percent())
                : Integer.compare(x.outcome(), y.outcome()));
        if (none > 0) {
            out.add(new Share("no goal", percent(none, ts.size()), Trajectory.TIMEOUT));
        }
        return List.copyOf(out);
    }

    private static int percent(int k, int n) {
        return (int) Math.round(100.0 * k / n);
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

    /** "54 % · 81,920 / 151,552 env steps · running" for a side's header (FX thread). */
    static String progressLine(RunRecord r) {
        if (r == null) {
            return "";
        }
        RunRecord.Status status = r.statusProperty().get();
        IterationStats last = r.latestProperty().get();
        long done = last == null ? 0 : last.envSteps();
        String line = String.format(Locale.ROOT, "%d %% · %,d / %,d env steps · %s",
                Math.round(100 * r.progressProperty().get()), done, r.config().ppo().totalSteps(),
                Labels.state(status).toLowerCase(Locale.ROOT));
        IterationStats first = firstTwoModes(r.history());
        if (first != null) {
            line += String.format(Locale.ROOT, " · two clear modes after %.0f s", first.wallSeconds());
        }
        return status.alert() ? line + " · " + status.message() : line;
    }

    /** The first evaluation of {@code history} with two clear modes at the saddle ({@link TwoModes}), or null. */
    static IterationStats firstTwoModes(List<IterationStats> history) {
        for (IterationStats s : history) {
            if (TwoModes.met(s.evaluation())) {
                return s;
            }
        }
        return null;
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
