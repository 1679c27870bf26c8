package io.fpolab.ui.paint;

import io.fpolab.analysis.probe.ForkFigureData;
import io.fpolab.ui.runs.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fork task's counterpart of Figure 1 ({@link FigureOne}) for runs side by side, typically FPO beside
 * Gaussian PPO: per run a column under its algorithm and name with (1) its episodes from the symmetry point
 * ({@link ForkRoutesPainter}) over (2) its actions there ({@link ForkActionsPainter}), so the runs' panels of
 * a kind stand level with each other; the two kinds of panel alone, and the combined figure.
 */
public final class ForkFigure {
    private final List<ForkFigureData> runs;

    public ForkFigure(List<ForkFigureData> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        this.runs = List.copyOf(runs);
    }

    /** A run's panel under its algorithm, name, iteration and steps. */
    private static Painter column(ForkFigureData d, Painter body) {
        return Panels.titled(Labels.algorithm(d.algorithm()) + " — " + d.runName(),
                String.format(Locale.ROOT, "iteration %d, %,d env steps", d.iteration(), d.envSteps()), body);
    }

    /** The runs' episodes from the symmetry point, side by side. */
    public Painter routes() {
        List<Painter> cols = new ArrayList<>();
        for (ForkFigureData d : runs) {
            cols.add(column(d, new ForkRoutesPainter(d)));
        }
        return Panels.row(cols);
    }

    /** The runs' actions at the symmetry point, side by side. */
    public Painter actions() {
        List<Painter> cols = new ArrayList<>();
        for (ForkFigureData d : runs) {
            cols.add(column(d, new ForkActionsPainter(d)));
        }
        return Panels.row(cols);
    }

    /** Both panels of every run, a column per run, under one title. */
    public Painter combined() {
        List<Painter> cols = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ForkFigureData d : runs) {
            cols.add(column(d, Panels.grid(List.of(new ForkRoutesPainter(d), new ForkActionsPainter(d)), 1)));
            names.add(Labels.algorithm(d.algorithm()));
        }
        return Panels.titled("The fork task: " + String.join(" vs ", names),
                "two equally good routes from the symmetry point (0, −0.2) at rest, through the left or the right gap",
                Panels.row(cols));
    }
}
