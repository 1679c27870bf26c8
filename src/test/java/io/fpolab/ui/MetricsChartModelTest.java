package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.runs.RunFolder;
import io.fpolab.train.IterationStats;
import io.fpolab.ui.charts.MetricsChartModel;
import io.fpolab.ui.charts.MetricsChartModel.Band;
import io.fpolab.ui.charts.MetricsChartModel.ChartData;
import io.fpolab.ui.charts.MetricsChartModel.RunData;
import io.fpolab.ui.charts.MetricsChartModel.XAxis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chart's data without any UI: curves skip missing values, bands are mean ± sample std over distinct seeds,
 * clamped to the metric's range; smoothing, metric choices and the log-scale note.
 */
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
        ChartData d = MetricsChartModel.compute(List.of(new RunData("a", "g", "A", 0, 0, run(1, Double.NaN, 3))),
                "return_mean", XAxis.ENV_STEPS, false);
        assertArrayEquals(new double[] {100, 300}, d.curves().get(0).x());
        assertArrayEquals(new double[] {1, 3}, d.curves().get(0).y());
        ChartData eval = MetricsChartModel.compute(List.of(new RunData("a", "g", "A", 0, 0, run(1, 2, 3, 4))),
                "success_rate", XAxis.WALL_TIME, false);
        assertArrayEquals(new double[] {1.0, 2.0}, eval.curves().get(0).x());
    }

    @Test
    void bandIsMeanPlusMinusSampleStdOverSeedsOfOneGroup() {
        ChartData d = MetricsChartModel.compute(List.of(
                new RunData("FPO · gridworld · seed 0", "g", "FPO · gridworld", 0, 0, run(1, 2)),
                new RunData("FPO · gridworld · seed 1", "g", "FPO · gridworld", 1, 1, run(3, 6)),
                new RunData("Gaussian PPO · gridworld · seed 0", "h", "Gaussian PPO · gridworld", 0, 2, run(5))),
                "return_mean", XAxis.ENV_STEPS, true);
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
    void aBandCountsEachSeedOnceKeepingTheLongestRunOfASeed() {
        // Two GUI runs of seed 0 with the same settings (the second trained again, further) and a command-line
        // run of seed 1 opened from its folder: two seeds, not three.
        ChartData d = MetricsChartModel.compute(List.of(
                new RunData("FPO · gridworld · seed 0", "g", "FPO · gridworld", 0, 0, run(1, 2)),
                new RunData("FPO · gridworld · seed 0 (2)", "g", "FPO · gridworld", 0, 1, run(5, 6, 7)),
                new RunData("fpo-s1", "g", "FPO · gridworld", 1, 2, run(3, 4, 9))), "return_mean", XAxis.ENV_STEPS,
                true);
        assertEquals(1, d.bands().size());
        Band b = d.bands().get(0);
        assertEquals(2, b.runs());
        assertEquals("FPO · gridworld (2 seeds)", b.name());
        // The longer seed-0 run (5, 6, 7) stands for seed 0; the short one is left out.
        assertArrayEquals(new double[] {4, 5, 8}, b.mean(), 1e-12);
        assertArrayEquals(new double[] {4 - Math.sqrt(2), 5 - Math.sqrt(2), 8 - Math.sqrt(2)}, b.lo(), 1e-12);

        // A different setting with the same algorithm and task is its own band with its own legend name.
        ChartData two = MetricsChartModel.compute(List.of(
                new RunData("a", "g", "FPO · gridworld", 0, 0, run(1)),
                new RunData("b", "other lr", "FPO · gridworld", 0, 1, run(2))), "return_mean", XAxis.ENV_STEPS, true);
        assertEquals(List.of("FPO · gridworld (1 seed)", "FPO · gridworld, setting 2 (1 seed)"),
                two.bands().stream().map(Band::name).toList());
    }

    @Test
    void bandsGetColoursNoEarlierBandHasEvenWhenTheirFirstRunsShareOne() {
        // Run colours repeat every ten runs: the first runs of these groups have slots 0, 10 and 1.
        ChartData d = MetricsChartModel.compute(List.of(
                new RunData("a", "g", "FPO", 0, 0, run(1)),
                new RunData("b", "h", "Gaussian PPO", 0, 10, run(2)),
                new RunData("c", "i", "DPPO", 0, 1, run(3))), "return_mean", XAxis.ENV_STEPS, true);
        assertEquals(List.of(0, 1, 2), d.bands().stream().map(Band::color).toList(),
                "the second band takes the first free slot, the third then its run's slot 1 is taken too");
    }

    @Test
    void bandsOfFractionsStayWithinZeroAndOne() {
        List<IterationStats> high = new ArrayList<>();
        List<IterationStats> low = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            high.add(stats(i, 0, Map.of("success_rate", 1.0, "move_stay", 0.0)));
            low.add(stats(i, 0, Map.of("success_rate", 0.2, "move_stay", 0.8)));
        }
        List<RunData> runs = List.of(new RunData("a", "g", "A", 0, 0, high), new RunData("b", "g", "A", 1, 1, low));
        for (String metric : List.of("success_rate", "move_stay")) {
            Band b = MetricsChartModel.compute(runs, metric, XAxis.ENV_STEPS, true).bands().get(0);
            for (int i = 0; i < b.x().length; i++) {
                // Mean 0.6 (0.4), sample std 0.566: unclamped the band would reach 1.17 (−0.17).
                assertTrue(b.hi()[i] <= 1 && b.lo()[i] >= 0, metric + " band " + b.lo()[i] + " to " + b.hi()[i]);
            }
            Band smooth = MetricsChartModel.smoothed(MetricsChartModel.compute(runs, metric, XAxis.ENV_STEPS, true),
                    0.9).bands().get(0);
            assertTrue(java.util.Arrays.stream(smooth.hi()).allMatch(v -> v <= 1 + 1e-12), "smoothed band stays ≤ 1");
        }
        Band returns = MetricsChartModel.compute(List.of(new RunData("a", "g", "A", 0, 0, run(-5, 5)),
                new RunData("b", "g", "A", 1, 1, run(5, -5))), "return_mean", XAxis.ENV_STEPS, true).bands().get(0);
        assertTrue(returns.lo()[0] < -5, "unbounded metrics are not clamped");
    }

    @Test
    void metricChoicesAreTheMetricsTheRunsHaveHeadlineFirst() {
        List<IterationStats> grid = new ArrayList<>();
        grid.add(stats(1, 0, Map.of()));
        grid.add(stats(2, 0, Map.of("mean_episode_length", 20.0, "success_rate", 0.5, "move_up", 0.4,
                "move_down", 0.5, "move_stay", 0.1)));
        List<String> m = MetricsChartModel.metrics(List.of(new RunData("a", "g", "A", 0, 0, grid)));
        assertEquals(List.of("success_rate", "move_up", "move_down", "move_stay"), m.subList(0, 4));
        assertTrue(m.contains("return_mean") && m.contains("mean_episode_length"), m.toString());
        // stats() leaves the training success rate, CFM loss and entropy NaN: a metric no run has is not offered.
        assertTrue(!m.contains("train_success_rate") && !m.contains("entropy") && !m.contains("eval_return") && !m.contains("cfm_loss"), m.toString());

        List<IterationStats> control = List.of(stats(1, 0, Map.of("eval_return", 900.0, "eval_return_std", 3.0)));
        assertEquals("eval_return", MetricsChartModel.metrics(List.of(new RunData("c", "h", "C", 0, 0, control)))
                .get(0));
        assertEquals(List.of(), MetricsChartModel.metrics(List.of()));
    }

    @Test
    void aRunWithoutTheMetricGetsNoCurve() {
        List<IterationStats> none = List.of(stats(1, 1, Map.of()), stats(2, 2, Map.of()));
        ChartData d = MetricsChartModel.compute(List.of(new RunData("with", "g", "A", 0, 0, run(1, 2, 3, 4)),
                new RunData("without", "h", "B", 0, 1, none)), "success_rate", XAxis.ENV_STEPS, false);
        assertEquals(List.of("with"), d.curves().stream().map(c -> c.name()).toList());
        ChartData bands = MetricsChartModel.compute(List.of(new RunData("with", "g", "A", 0, 0, run(1, 2, 3, 4)),
                new RunData("without", "h", "B", 0, 1, none)), "success_rate", XAxis.ENV_STEPS, true);
        assertEquals(1, bands.bands().size());
    }

    @Test
    void smoothingIsTensorBoardsDebiasedMovingAverage() {
        double[] y = {1, 3, 2, Double.NaN, 4};
        double[] s = MetricsChartModel.smooth(y, 0.5);
        // last = 0.5; 1.75; 1.875 (then NaN passes); 2.9375 — divided by 1 − 0.5^k.
        assertArrayEquals(new double[] {1, 1.75 / 0.75, 1.875 / 0.875, Double.NaN, 2.9375 / 0.9375}, s, 1e-12);
        assertTrue(MetricsChartModel.smooth(y, 0) == y, "weight 0 is the raw curve");
        ChartData d = MetricsChartModel.smoothed(MetricsChartModel.compute(
                List.of(new RunData("a", "g", "A", 0, 0, run(1, 3, 2))), "return_mean", XAxis.ENV_STEPS, false), 0.5);
        assertArrayEquals(new double[] {1, 3, 2}, d.curves().get(0).raw());
        assertArrayEquals(new double[] {1, 1.75 / 0.75, 1.875 / 0.875}, d.curves().get(0).y(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> MetricsChartModel.smooth(y, 1));
    }

    @Test
    void logScaleNoteCountsWhatALogAxisCannotShow() {
        ChartData d = MetricsChartModel.compute(List.of(new RunData("a", "g", "A", 0, 0, run(-1, 0, 2, 3))),
                "return_mean", XAxis.ENV_STEPS, false);
        assertEquals("Log scale: 2 points at or below 0 not drawn.", MetricsChartModel.logScaleNote(d));
        assertEquals(2.0, MetricsChartModel.smallestPositive(d));
        ChartData none = MetricsChartModel.compute(List.of(new RunData("a", "g", "A", 0, 0, run(-1, 0))),
                "return_mean", XAxis.ENV_STEPS, false);
        assertTrue(MetricsChartModel.logScaleNote(none).contains("linear scale"), MetricsChartModel.logScaleNote(none));
        assertEquals("", MetricsChartModel.logScaleNote(MetricsChartModel.compute(
                List.of(new RunData("a", "g", "A", 0, 0, run(1, 2))), "return_mean", XAxis.ENV_STEPS, false)));
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
        String csv = RunFolder.metricsCsv(h, List.of("success_rate"));
        List<IterationStats> back = RunFolder.parseMetrics(csv, "metrics.csv");
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
        List<IterationStats> back = RunFolder.parseMetrics(old, "old.csv");
        assertEquals(2, back.size());
        assertEquals(4096L, back.get(1).envSteps());
        assertEquals(14.0, back.get(1).returnMean());
        assertTrue(Double.isNaN(back.get(1).advantageStd()));
        assertEquals(Map.of("eval_return", 900.0), back.get(1).evaluation());
        assertEquals(Map.of(), back.get(0).evaluation());

        IOException twice = assertThrows(IOException.class,
                () -> RunFolder.parseMetrics("iteration,env_steps,iteration\n1,2,3\n", "m.csv"));
        assertTrue(twice.getMessage().contains("'iteration' appears twice"), twice.getMessage());
        IOException missing = assertThrows(IOException.class,
                () -> RunFolder.parseMetrics("iteration,return_mean\n1,2\n", "m.csv"));
        assertTrue(missing.getMessage().contains("no 'env_steps' column"), missing.getMessage());
    }

    @Test
    void folderNamesAreFileSystemFriendly() {
        assertEquals("fpo-gridworld-seed-0", RunFolder.folderName("FPO · gridworld · seed 0"));
        assertEquals("gaussian-ppo-gridworld-seed-0-2",
                RunFolder.folderName("Gaussian PPO · gridworld · seed 0 (2)"));
    }
}
