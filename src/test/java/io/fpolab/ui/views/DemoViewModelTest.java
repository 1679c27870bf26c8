package io.fpolab.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fpolab.analysis.probe.GridScene.Trajectory;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.env.grid.GridLayouts;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's headline numbers: where the rollouts from the saddle cell ended, named by direction. */
class DemoViewModelTest {
    private static final GridLayout BANDS = GridLayouts.twoBands();
    private static final int SADDLE = BANDS.cellIndex(12, 12);

    private static List<Trajectory> ending(int up, int down, int timeouts) {
        List<Trajectory> ts = new ArrayList<>();
        for (int i = 0; i < up; i++) {
            ts.add(Trajectory.of(new int[] {SADDLE, BANDS.cellIndex(12, BANDS.height() - 1)}, BANDS));
        }
        for (int i = 0; i < down; i++) {
            ts.add(Trajectory.of(new int[] {SADDLE, BANDS.cellIndex(12, 0)}, BANDS));
        }
        for (int i = 0; i < timeouts; i++) {
            ts.add(Trajectory.of(new int[] {SADDLE, SADDLE}, BANDS));
        }
        return ts;
    }

    @Test
    void twoModesAreNamedUpAndDownLargestFirst() {
        assertEquals("up 52 % · down 48 %", DemoViewModel.split(ending(52, 48, 0), BANDS));
        assertEquals("down 61 % · up 39 %", DemoViewModel.split(ending(39, 61, 0), BANDS));
    }

    private static io.fpolab.train.IterationStats eval(int it, double stay) {
        java.util.Map<String, Double> e = java.util.Map.of("move_up", (1 - stay) / 2, "move_down", (1 - stay) / 2,
                "move_stay", stay, "success_rate", 1.0, "y_peak_up", 0.8, "y_peak_down", 0.8, "y_valley", 0.1);
        return new io.fpolab.train.IterationStats(it, it * 4096L, it * 0.7, 1, 20, 12, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1,
                0, 0, 0, 3e-4, 5000, 0.1, 0.5, e);
    }

    @Test
    void theHeaderNamesTheFirstEvaluationWithTwoClearModes() {
        List<io.fpolab.train.IterationStats> h = List.of(eval(3, 0.40), eval(6, 0.14), eval(9, 0.20), eval(12, 0.08));
        assertEquals(6, DemoViewModel.firstTwoModes(h).iteration(), "the first, even if a later one falls back");
        assertEquals(null, DemoViewModel.firstTwoModes(List.of(eval(3, 0.40))));
    }

    @Test
    void aCommittedPolicyShowsOneBandAndEpisodesWithoutGoalAreCounted() {
        assertEquals("up 100 %", DemoViewModel.split(ending(100, 0, 0), BANDS));
        assertEquals("down 97 % · no goal 3 %", DemoViewModel.split(ending(0, 97, 3), BANDS));
        assertEquals("", DemoViewModel.split(List.of(), BANDS));
    }
}
