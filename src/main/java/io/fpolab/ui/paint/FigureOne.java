package io.fpolab.ui.paint;

import io.fpolab.analysis.probe.FigureOneData;
import io.fpolab.analysis.probe.GridProbe;
import io.fpolab.analysis.probe.FlowPaths;
import io.fpolab.analysis.probe.GridScene;
import io.fpolab.analysis.probe.Histogram2D;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.env.grid.GridLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The three panels of the paper's Figure 1 (Fig. A.1 for Gaussian PPO) from {@link FigureOneData}:
 * (1) the policy field, (2) the action distribution at the analysis cell across flow time τ as a row
 * of small heatmaps, (3) episodes sampled from that cell — and the combined figure.
 */
public final class FigureOne {
    /** Flow times of the small multiples in panel 2. */
    public static final double[] TAUS = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0};

    private final FigureOneData data;

    public FigureOne(FigureOneData data) {
        this.data = data;
    }

    private String cellName() {
        GridLayout l = data.layout();
        return "(" + l.cellX(data.cell()) + ", " + l.cellY(data.cell()) + ")";
    }

    private String algorithmName() {
        return switch (data.algorithm()) {
            case FPO -> "FPO";
            case GAUSSIAN_PPO -> "Gaussian PPO";
            case DPPO -> "DPPO";
        };
    }

    /** Panel 1: one sampled action per cell, arrows coloured by direction. */
    public Painter policyField() {
        return new GridWorldPainter(new GridScene("Policy field", "one sampled action per cell", data.layout(),
                data.field(), null, List.of(), List.of(), data.cell(), null));
    }

    /** Panel 2: the action distribution at the analysis cell at several flow times, in one row. */
    public Painter denoising() {
        return denoising(TAUS.length);
    }

    /** Panel 2 with the small multiples in {@code cols} columns. */
    public Painter denoising(int cols) {
        FlowPaths f = data.flow();
        List<Painter> tiles = new ArrayList<>();
        for (double tau : TAUS) {
            float[] pts = f.samplesAt(tau);
            boolean last = tau == TAUS[TAUS.length - 1];
            // Small multiples: the final tile states the y-move split in one short subtitle line.
            MoveSummary mv = ActionPlots.moves(pts);
            String sub = last ? "up " + PaintKit.percent(mv.up()) + " · down " + PaintKit.percent(mv.down()) : " ";
            tiles.add(new ActionHeatmapPainter(new ActionHeatmap(String.format(Locale.ROOT, "τ = %.1f", tau), sub,
                    Histogram2D.of(pts, 2, 0, 1, 60, -3, 3), last, "x", "y", false)));
        }
        String sub = data.algorithm() == Algorithm.GAUSSIAN_PPO
                ? "Gaussian: straight from ε ~ N(0, I) to μ + σε"
                : "denoising from τ = 0 (noise) to τ = 1 (action), " + f.samples()[0].length / 2 + " samples";
        return Panels.titled("Action distribution at cell " + cellName(), sub, Panels.grid(tiles, cols));
    }

    /** Panel 3: sampled episodes from the analysis cell, coloured by the goal they reach. */
    public Painter trajectories() {
        GridLayout l = data.layout();
        return new GridWorldPainter(new GridScene("Rollouts from " + cellName(), null, l, null, null,
                data.trajectories(), List.of(data.cell()), -1,
                GridProbe.outcomeLine(data.trajectories(), l)));
    }

    /** All three panels under one title. */
    public Painter combined() {
        String title = algorithmName() + " on GridWorld — " + data.runName();
        String sub = String.format(Locale.ROOT, "iteration %d, %,d env steps", data.iteration(), data.envSteps());
        return Panels.titled(title, sub, Panels.row(List.of(policyField(), denoising(3), trajectories()),
                new double[] {1, 1.5, 1}));
    }
}
