package io.fpolab.ui;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;
import io.fpolab.ui.runs.RunRecord;
import java.util.List;
import java.util.Locale;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * Measurement, not a test of the suite (its name matches none of Surefire's test patterns): the Figure 1 preset's
 * training speed in the lab window with the Action distribution tab open (its 50,000 samples at a cell redrawn
 * while the run trains), against the same preset trained headless in the same JVM right after. Prints env steps
 * per second of both over iterations {@value #FIRST}..{@value #LAST} (rollout, update and evaluation: the runs'
 * own wall clocks) and their ratio.
 *
 * <pre>
 * OMP_NUM_THREADS=1 mvn -o test -Dtest=AppSpeedTiming -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Run it on an idle machine.
 */
class AppSpeedTiming extends LabWindowFixture {
    private static final int FIRST = 3;
    private static final int LAST = 18;
    private static final String TAB = "Action distribution";

    private static double stepsPerSecond(List<IterationStats> h) {
        IterationStats a = h.get(FIRST - 1);
        IterationStats b = h.get(LAST - 1);
        return (b.envSteps() - a.envSteps()) / (b.wallSeconds() - a.wallSeconds());
    }

    @Test
    void figureOnePresetInTheWindowAgainstHeadless() throws Exception {
        LabFixture.fxRun(() -> {
            Stage s = FxToolkit.toolkitContext().getRegisteredStage();
            s.setWidth(1280);
            s.setHeight(800);
        });
        ExperimentConfig cfg = ConfigSchema.withOverride(SampleConfigs.load(SampleConfigs.REPRODUCE_FIGURE_1),
                "ppo.totalSteps", "10000000");
        LabFixture.fxRun(() -> view.viewArea().getTabs().stream().filter(t -> t.getText().equals(TAB)).findFirst()
                .ifPresent(t -> view.viewArea().getSelectionModel().select(t)));
        RunRecord r = LabFixture.fx(() -> view.runs().start(cfg));
        LabFixture.waitFor(600, () -> r.historySize() >= LAST);
        List<IterationStats> app = LabFixture.fx(r::history);
        LabFixture.fxRun(() -> r.run().cancel());
        long paints = LabFixture.fx(() -> lookup("#mainCanvas").queryAs(io.fpolab.ui.views.PainterCanvas.class).paints());

        Trainer t = RunFolder.trainer(cfg);
        List<IterationStats> headlessHistory = new java.util.ArrayList<>();
        for (int i = 0; i < LAST; i++) {
            headlessHistory.add(t.iterate());
        }
        double window = stepsPerSecond(app);
        double headless = stepsPerSecond(headlessHistory);
        System.out.printf(Locale.ROOT, "APPSPEED window with %s open: %.0f env steps/s (%d paints of the distribution);"
                + " headless: %.0f env steps/s; ratio %.2f%n", TAB, window, paints, headless, window / headless);
    }
}
