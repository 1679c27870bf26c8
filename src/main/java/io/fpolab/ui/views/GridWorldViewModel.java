package io.fpolab.ui.views;

import io.fpolab.analysis.probe.GridProbe;
import io.fpolab.analysis.probe.GridScene.Trajectory;
import io.fpolab.analysis.probe.GridScene;
import io.fpolab.core.math.Rng;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridLayoutIO;
import io.fpolab.env.grid.GridWorldVecEnv;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.paint.GridWorldPainter;
import io.fpolab.ui.paint.Painter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State of the GridWorld view: the run's policy field, value map and sampled episodes from the
 * starts the user clicked; and in editor mode a draft layout painted with a brush, applied to the
 * running experiment, saved or loaded.
 */
final class GridWorldViewModel {
    /** Editor brushes. */
    enum Brush { EMPTY, WALL, GOAL, DEATH, START }

    /** The footer on screen before any start cell is picked. */
    static final String CLICK_HINT = "click cells to sample episodes from them";

    final ObjectProperty<GridWorldPainter> scene = new SimpleObjectProperty<>();
    final BooleanProperty showValues = new SimpleBooleanProperty(false);
    final BooleanProperty eval = new SimpleBooleanProperty(false);
    final IntegerProperty episodes = new SimpleIntegerProperty(20);
    final BooleanProperty editing = new SimpleBooleanProperty(false);
    final BooleanProperty gridRun = new SimpleBooleanProperty(true);
    final ObjectProperty<Brush> brush = new SimpleObjectProperty<>(Brush.WALL);
    final StringProperty status = new SimpleStringProperty("");

    private TrainingRun run;
    private final List<Integer> starts = new ArrayList<>();
    private GridLayout lastLayout;
    private GridLayout.Builder draft;
    private long sequence;

    TrainingRun run() {
        return run;
    }

    void setRun(TrainingRun r) {
        run = r;
        starts.clear();
        lastLayout = null;
        draft = null;
        editing.set(false);
        scene.set(null);
    }

    List<Integer> starts() {
        return List.copyOf(starts);
    }

    /** Adds a trajectory start at a walkable cell, or removes it if it is already one. */
    boolean toggleStart(int cell) {
        GridLayout l = lastLayout;
        if (l == null || cell < 0 || l.type(l.cellX(cell), l.cellY(cell)) != GridLayout.CellType.EMPTY) {
            return false;
        }
        if (!starts.remove(Integer.valueOf(cell))) {
            starts.add(cell);
        }
        return true;
    }

    void clearStarts() {
        starts.clear();
    }

    CompletableFuture<Runnable> request() {
        TrainingRun r = run;
        if (r == null || editing.get()) {
            return null;
        }
        boolean values = showValues.get();
        boolean ev = eval.get();
        int n = episodes.get();
        List<Integer> from = List.copyOf(starts);
        long seed = ++sequence;
        return r.submitOnCopy(t -> {
            RunInfo info = RunInfo.of(t);
            if (!info.gridWorld()) {
                return (Runnable) () -> {
                    gridRun.set(false);
                    scene.set(null);
                };
            }
            Rng rng = new Rng(seed);
            GridProbe.Snapshot s = GridProbe.snapshot(t, ev, values, rng);
            List<Trajectory> ts = from.isEmpty() ? List.of() : GridProbe.trajectories(t, from, n, rng);
            String title = info.title(r.name()) + " · iteration " + s.iteration();
            String sub = "arrows: one " + (ev ? "evaluation" : "rollout") + " sample per cell, coloured by direction";
            GridScene scene1 = new GridScene(title, sub, s.layout(), s.field(), s.values(), ts, from, -1,
                    ts.isEmpty() ? CLICK_HINT : GridProbe.outcomeLine(ts, s.layout()));
            return (Runnable) () -> {
                gridRun.set(true);
                lastLayout = s.layout();
                if (!editing.get()) {
                    scene.set(new GridWorldPainter(scene1));
                }
            };
        }).thenApply(apply -> () -> {
            if (run == r) {
                apply.run();
            }
        });
    }

    /**
     * What the export writes: the scene on screen with its key, without the hint to click cells (a figure in a
     * paper has no cells to click).
     */
    Painter exportPainter() {
        GridWorldPainter p = scene.get();
        if (p == null || !CLICK_HINT.equals(p.scene().footer())) {
            return p;
        }
        GridScene s = p.scene();
        return new GridWorldPainter(new GridScene(s.title(), s.subtitle(), s.layout(), s.field(), s.values(),
                s.trajectories(), s.starts(), s.selected(), null));
    }

    /** Enters editor mode on a copy of the run's current layout. */
    boolean startEditing() {
        if (lastLayout == null) {
            return false;
        }
        draft = lastLayout.toBuilder();
        editing.set(true);
        showDraft();
        return true;
    }

    void stopEditing() {
        editing.set(false);
        draft = null;
    }

    /** Paints one cell of the draft with the current brush; {@code reward} is used by goal and death. */
    void paint(int cell, double reward) {
        if (draft == null || cell < 0 || cell >= draft.width() * draft.height()) {
            return;
        }
        int x = cell % draft.width();
        int y = cell / draft.width();
        switch (brush.get()) {
            case EMPTY -> draft.empty(x, y);
            case WALL -> draft.wall(x, y);
            case GOAL -> draft.goal(x, y, reward);
            case DEATH -> draft.death(x, y, reward);
            case START -> draft.start(x, y);
        }
        showDraft();
    }

    GridLayout draftLayout() {
        return draft == null ? null : draft.build();
    }

    private void showDraft() {
        GridLayout l = draft.build();
        List<String> problems = l.problems();
        scene.set(new GridWorldPainter(new GridScene("Editing layout · " + l.name(),
                "brush: " + brush.get().name().toLowerCase() + " — click or drag to paint, then Apply to run", l, null,
                null, List.of(), List.of(), -1, problems.isEmpty() ? null : "⚠ " + problems.get(0))));
    }

    /** Puts the draft into the running experiment (its env, from the next step on). */
    CompletableFuture<GridLayout> apply() {
        TrainingRun r = run;
        GridLayout l = draftLayout();
        if (r == null || l == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no layout to apply"));
        }
        return r.submit(t -> {
            ((GridWorldVecEnv) t.env()).setLayout(l);
            return l;
        }).thenApply(applied -> {
            lastLayout = applied;
            return applied;
        });
    }

    void save(Path file) {
        GridLayoutIO.write(file, draftLayout() != null ? draftLayout() : lastLayout);
    }

    /** Loads a layout file into the editor (enters editor mode). */
    void load(Path file) {
        GridLayout l = GridLayoutIO.read(file);
        draft = l.toBuilder();
        editing.set(true);
        showDraft();
    }
}
