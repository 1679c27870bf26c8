package io.fpolab.ui.runs;

import java.util.List;

/**
 * A view that needs more than {@link io.fpolab.train.TrainingRun}: each run's config (to group seeds),
 * its color and the metrics imported from a run folder. The main window calls {@link #setRecords}
 * whenever the run list changes, on the FX thread.
 */
public interface RunRecordsAware {
    void setRecords(List<RunRecord> records);
}
