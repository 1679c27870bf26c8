package io.fpolab.analysis;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.IterationStats;
import io.fpolab.train.Trainer;

/** A tiny run trained to its budget the way {@code train} trains it (evaluator included), for summary tests. */
final class TinyRuns {
    /** The trainer after its last iteration, and that iteration's statistics. */
    record Trained(Trainer trainer, IterationStats last) {
    }

    private TinyRuns() {
    }

    static Trained trainToEnd(ExperimentConfig cfg) {
        Trainer trainer = RunFolder.trainer(cfg);
        IterationStats last = null;
        while (!trainer.isDone()) {
            last = trainer.iterate();
        }
        return new Trained(trainer, last);
    }
}
