package io.fpolab.analysis;

import io.fpolab.core.math.Rng;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.train.Trainer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * GridWorld evaluation at chosen iterations: success rate from random starts and the saddle
 * analysis (episode outcomes from the saddle cell and the move distribution of many action samples).
 * Its RNG is derived from the seed and the iteration, so evaluating never changes training.
 */
public final class GridEvaluator implements Trainer.Evaluator {
    public static final int SADDLE_EPISODES = 200;
    public static final int SADDLE_SAMPLES = 50_000;

    private final int randomEpisodes;

    public GridEvaluator(int randomEpisodes) {
        this.randomEpisodes = randomEpisodes;
    }

    /** The analysis cell: the centre of the grid (12, 12 on the paper's 25×25 layout). */
    public static int[] saddleCell(GridLayout layout) {
        return new int[] {layout.width() / 2, layout.height() / 2};
    }

    /** Metric-name form of a goal region's name ("top", "goal_1"). */
    public static String regionKey(GridLayout layout, int region) {
        return layout.regionName(region).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    @Override
    public Map<String, Double> evaluate(Trainer trainer) {
        GridAnalysis a = new GridAnalysis(trainer);
        GridLayout layout = a.layout();
        Rng rng = new Rng(trainer.config().seed() * 1_000_003L + trainer.iteration());
        int[] cell = saddleCell(layout);
        Map<String, Double> m = new LinkedHashMap<>();
        boolean cellUsable = layout.type(cell[0], cell[1]) == GridLayout.CellType.EMPTY;
        GridAnalysis.Outcomes[] o = cellUsable
                ? a.randomStartsAndCell(randomEpisodes, cell[0], cell[1], SADDLE_EPISODES, rng)
                : new GridAnalysis.Outcomes[] {a.randomStarts(randomEpisodes, rng)};
        m.put("success_rate", o[0].successRate());
        m.put("mean_episode_length", o[0].meanLength());
        if (cellUsable) {
            for (int r = 0; r < layout.regionCount(); r++) {
                m.put("saddle_" + regionKey(layout, r), o[1].regionFraction()[r]);
            }
            m.put("saddle_length", o[1].meanLength());
            float[] samples = a.actionSamples(cell[0], cell[1], SADDLE_SAMPLES, false, rng);
            GridAnalysis.MoveDistribution mv = GridAnalysis.yMoves(samples);
            m.put("move_up", mv.plus());
            m.put("move_down", mv.minus());
            m.put("move_stay", mv.stay());
            ActionShape.Modes modes = ActionShape.yModes(samples);
            m.put("y_peak_up", modes.peakUp());
            m.put("y_peak_down", modes.peakDown());
            m.put("y_valley", modes.valley());
        }
        return m;
    }
}
