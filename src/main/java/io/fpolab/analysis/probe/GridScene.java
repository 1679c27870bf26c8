package io.fpolab.analysis.probe;

import io.fpolab.env.grid.GridLayout;
import java.util.List;

/**
 * What {@link GridWorldPainter} draws: a layout with optional policy field, value map, sampled
 * trajectories and markers. All arrays are in cell-index order ({@code y·width + x}, y up).
 *
 * @param field        one raw action per cell ({@code [cells·2]}, NaN for walls), or null
 * @param values       V(s) per cell, or null
 * @param trajectories sampled episodes, drawn with slight jitter and coloured by outcome
 * @param starts       cells the user picked as trajectory starts (ringed)
 * @param selected     highlighted cell index, or −1
 * @param footer       one line under the legend (e.g. outcome counts), or null
 */
public record GridScene(String title, String subtitle, GridLayout layout, float[] field, float[] values,
        List<Trajectory> trajectories, List<Integer> starts, int selected, String footer) {

    public GridScene {
        trajectories = trajectories == null ? List.of() : List.copyOf(trajectories);
        starts = starts == null ? List.of() : List.copyOf(starts);
    }

    /** Just the map (the grid picker and the editor). */
    public static GridScene of(GridLayout layout, int selected) {
        return new GridScene(null, null, layout, null, null, List.of(), List.of(), selected, null);
    }

    /**
     * One sampled episode: visited cells (start first) and how it ended.
     *
     * @param outcome goal region index (≥ 0), {@link #DEATH} or {@link #TIMEOUT}
     */
    public record Trajectory(int[] cells, int outcome) {
        public static final int DEATH = -2;
        public static final int TIMEOUT = -1;

        /** The outcome read off the last visited cell of {@code layout}. */
        public static Trajectory of(int[] cells, GridLayout layout) {
            int last = cells[cells.length - 1];
            int x = layout.cellX(last);
            int y = layout.cellY(last);
            int outcome = switch (layout.type(x, y)) {
                case GOAL -> layout.region(x, y);
                case DEATH -> DEATH;
                default -> TIMEOUT;
            };
            return new Trajectory(cells, outcome);
        }
    }
}
