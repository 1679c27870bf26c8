package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.train.IterationStats;
import io.fpolab.ui.charts.MetricsChartModel;
import io.fpolab.ui.charts.MetricsChartModel.Band;
import io.fpolab.ui.charts.MetricsChartModel.ChartData;
import io.fpolab.ui.charts.MetricsChartModel.RunData;
import io.fpolab.ui.charts.MetricsChartModel.XAxis;
import io.fpolab.ui.runs.RunFolders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chart's data without any UI: curves skip missing values, bands are mean ± sample std over seeds. */
class MetricsChartModelTest {
    private static IterationStats stats(int it, double ret, Map<String, Double> eval) {
        double nan = Double.NaN;
        return new IterationStats(it, it * 100L, it * 0.5, 1, ret, 10, nan, 0, 0, 1, 1, 1, 0, 0, 0, 1, nan, nan, 0,
                3e-4, 200, 0.1, 0.4, eval);
    }

    private static List<IterationStats> run(double... returns) {
        List<IterationStats> h = new ArrayList<>();
        for (int i = 0; i < returns.length; i++) {
            h.add(stats(i + 1, returns[i], (i + 1) % 2 == 0 ? Map.of("success_rate", 0.5) : Map.of()));
        }
        return h;
    }

    @Test
    void curvesSkipIterationsWithoutTheMetric() {
        ChartData d = MetricsChartModel.compute(List.of(new RunData("a", "g", 0, run(1, Double.NaN, 3))),
                "return_mean", XAxis.ENV_STEPS, false);
        assertArrayEquals(new double[] {100, 300}, d.curves().get(0).x());
        assertArrayEquals(new double[] {1, 3}, d.curves().get(0).y());
        ChartData eval = MetricsChartModel.compute(List.of(new RunData("a", "g", 0, run(1, 2, 3, 4))),
                "success_rate", XAxis.WALL_TIME, false);
        assertArrayEquals(new double[] {1.0, 2.0}, eval.curves().get(0).x());
    }

    @Test
    void bandIsMeanPlusMinusSampleStdOverSeedsOfOneGroup() {
        ChartData d = MetricsChartModel.compute(List.of(
                new RunData("FPO · gridworld · seed 0", "g", 0, run(1, 2)),
                new RunData("FPO · gridworld · seed 1", "g", 1, run(3, 6)),
                new RunData("Gaussian PPO · gridworld · seed 0", "h", 2, run(5))), "return_mean", XAxis.ENV_STEPS, true);
        assertEquals(2, d.bands().size());
        Band b = d.bands().get(0);
        assertEquals("FPO · gridworld (2 seeds)", b.name());
        assertArrayEquals(new double[] {2, 4}, b.mean(), 1e-12);
        // Sample std of {1, 3} is √2, of {2, 6} is √8.
        assertArrayEquals(new double[] {2 - Math.sqrt(2), 4 - Math.sqrt(8)}, b.lo(), 1e-12);
        assertArrayEquals(new double[] {2 + Math.sqrt(2), 4 + Math.sqrt(8)}, b.hi(), 1e-12);
        assertArrayEquals(new double[] {5}, d.bands().get(1).hi(), 1e-12);
    }

    @Test
    void decimationKeepsEndsAndExtremesInOrderAndBoundsThePointCount() {
        double[] y = new double[100_000];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(i / 500.0);
        }
        y[31_337] = 50;
        y[77_777] = -50;
        int[] keep = MetricsChartModel.decimate(y, 2000);

        assertTrue(keep.length <= 2000, keep.length + " points");
        assertEquals(0, keep[0]);
        assertEquals(y.length - 1, keep[keep.length - 1]);
        for (int i = 1; i < keep.length; i++) {
            assertTrue(keep[i] > keep[i - 1], "indices in order at " + i);
        }
        assertTrue(java.util.Arrays.stream(keep).anyMatch(k -> k == 31_337), "the spike up is kept");
        assertTrue(java.util.Arrays.stream(keep).anyMatch(k -> k == 77_777), "the spike down is kept");
        assertArrayEquals(new int[] {0, 1, 2}, MetricsChartModel.decimate(new double[] {1, 2, 3}, 2000));
    }

    @Test
    void metricsCsvRoundTripsThroughTheParser() throws Exception {
        List<IterationStats> h = run(1.25, 2.5, 3.75);
        String csv = RunFolders.metricsCsv(h, List.of("success_rate"));
        List<IterationStats> back = RunFolders.parseMetrics(csv, "metrics.csv");
        assertEquals(3, back.size());
        assertEquals(2.5, back.get(1).returnMean());
        assertEquals(Map.of("success_rate", 0.5), back.get(1).evaluation());
        assertEquals(Map.of(), back.get(0).evaluation());
        assertEquals(300L, back.get(2).envSteps());
    }

    @Test
    void metricsAreReadByColumnNameSoOlderAndReorderedFilesStillLoad() throws Exception {
        // A file written before the advantage_std column existed. Columns are matched by name, so it loads with NaN there.
        String old = "eval_return,iteration,env_steps,return_mean\n,1,2048,12.5\n900,2,4096,14\n";
        List<IterationStats> back = RunFolders.parseMetrics(old, "old.csv");
        assertEquals(2, back.size());
        assertEquals(4096L, back.get(1).envSteps());
        assertEquals(14.0, back.get(1).returnMean());
        assertTrue(Double.isNaN(back.get(1).advantageStd()));
        assertEquals(Map.of("eval_return", 900.0), back.get(1).evaluation());
        assertEquals(Map.of(), back.get(0).evaluation());

        IOException twice = assertThrows(IOException.class,
                () -> RunFolders.parseMetrics("iteration,env_steps,iteration\n1,2,3\n", "m.csv"));
        assertTrue(twice.getMessage().contains("'iteration' appears twice"), twice.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> RunFolders.parseMetrics("iteration,return_mean\n1,2\n", "m.csv"));
        assertTrue(missing.getMessage().contains("no 'env_steps' column"), missing.getMessage());
    }

    @Test
    void folderNamesAreFileSystemFriendly() {
        assertEquals("fpo-gridworld-seed-0", RunFolders.folderName("FPO · gridworld · seed 0"));
        assertEquals("gaussian-ppo-gridworld-seed-0-2", RunFolders.folderName("Gaussian PPO · gridworld · seed 0 (2)"));
    }
}
