package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.SampleConfigs;
import io.fpolab.train.TrainingRun.State;
import io.fpolab.ui.charts.MetricsChartView;
import io.fpolab.ui.runs.RunRecord;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The FX thread keeps rendering smoothly while a run trains at full speed with the chart and overlay live. */
class StallMonitorTest extends LabWindowFixture {
    /** Measurement length; {@code -Dfpolab.stallSeconds=60} for the one-minute measurement. */
    private static final int SECONDS = Integer.getInteger("fpolab.stallSeconds", 10);
    /** Tab shown while measuring; {@code -Dfpolab.stallTab="Action distribution"} measures a heatmap view. */
    private static final String TAB = System.getProperty("fpolab.stallTab", MetricsChartView.TITLE);

    @Test
    void worstFrameGapStaysSmallWhileTraining() throws Exception {
        // The Figure 1 preset with the paper's batch sizes and evaluations, but a budget that outlasts any
        // measurement (the whole preset now trains in under a minute here).
        LabFixture.fastFigure1(view, Map.of());
        LabFixture.fxRun(() -> {
            var p = view.panel();
            p.show(io.fpolab.config.ConfigSchema.withOverride(SampleConfigs.load(SampleConfigs.REPRODUCE_FIGURE_1),
                    "ppo.totalSteps", "10000000"));
        });
        press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.D)
                .release(javafx.scene.input.KeyCode.D, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.CONTROL);
        LabFixture.fxRun(() -> view.runs().start(view.panel().config()));
        RunRecord r = LabFixture.fx(() -> view.runs().selected());
        LabFixture.waitFor(60, () -> r.historySize() >= 1);
        LabFixture.fxRun(() -> view.viewArea().getTabs().stream().filter(t -> t.getText().equals(TAB)).findFirst()
                .ifPresent(t -> view.viewArea().getSelectionModel().select(t)));
        MetricsChartView chart = (MetricsChartView) view.views().get(0);
        long redrawsBefore = LabFixture.fx(chart::redraws);
        Thread fxThread = LabFixture.fx(Thread::currentThread);
        StallSampler sampler = new StallSampler(fxThread, view.stallMonitor(), 30);
        LabFixture.fxRun(() -> view.stallMonitor().reset());
        sampler.start();
        Thread.sleep(SECONDS * 1000L);
        sampler.stop();
        double worst = LabFixture.fx(() -> view.stallMonitor().worstStallMillis());
        long frames = LabFixture.fx(() -> view.stallMonitor().frames());
        long redraws = LabFixture.fx(chart::redraws) - redrawsBefore;
        int iterations = LabFixture.fx(r::historySize);
        LabFixture.snapshot(view, Path.of("target", "ui-shots", "training-debug-overlay.png"));
        System.out.printf("STALL [%s] worst %.1f ms over %d s, %d frames, %d iterations, %d chart redraws, state %s, load %.1f%n",
                TAB, worst, SECONDS, frames, iterations, redraws, r.state(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.print(sampler.report());
        assertTrue(r.state() == State.RUNNING, "run should still train, was " + r.state());
        assertTrue(frames > 30L * SECONDS, "only " + frames + " frames in " + SECONDS + " s");
        assertTrue(!TAB.equals(MetricsChartView.TITLE) || redraws >= 1, "the chart was never redrawn");
        assertTrue(redraws <= SECONDS * MetricsChartView.REDRAW_HZ + 2, redraws + " redraws in " + SECONDS + " s");
        // On a machine whose load exceeds its cores, the FX thread waits for a CPU and GC workers crawl: the gap
        // then measures the neighbours, not the lab. Skip the bound there instead of passing or failing at random.
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        Assumptions.assumeTrue(load <= cores, String.format(java.util.Locale.ROOT,
                "load average %.1f on %d cores; worst frame gap measured %.1f ms", load, cores, worst));
        // Target 50 ms; measured 49–95 ms on an idle 2-core machine (software rendering under Monocle), so this
        // guards against real blocking of the FX thread (ND4J or file work there costs hundreds of ms).
        assertTrue(worst < 150, "worst FX frame gap " + worst + " ms");
    }
}
