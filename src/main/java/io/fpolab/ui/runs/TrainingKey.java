package io.fpolab.ui.runs;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What of an experiment config decides what training produces: every field except the display fields
 * ({@code name}, {@code description}) and {@code ppo.threads}, which changes only the speed. Two configs with equal keys (the seed included) train the same run
 * bit for bit, so the lab reuses a run in its list instead of training it again (the Figure 1 demo, Compare),
 * and runs whose keys differ only in the seed are one seed group in the chart.
 */
public final class TrainingKey {
    /** Fields that only label a run; changing them changes nothing that is trained. */
    public static final List<String> DISPLAY_FIELDS = List.of("name", "description");


    private TrainingKey() {
    }

    /** Every training field of {@code config} by its path ("ppo.totalSteps" → 151552), display fields left out. */
    public static LinkedHashMap<String, Object> of(ExperimentConfig config) {
        LinkedHashMap<String, Object> m = ConfigSchema.toMap(config);
        DISPLAY_FIELDS.forEach(m::remove);
        ConfigSchema.SPEED_FIELDS.forEach(m::remove);
        return m;
    }

    /** True when {@code a} and {@code b} train the same run: equal in every field but the display and speed fields. */
    public static boolean sameTraining(ExperimentConfig a, ExperimentConfig b) {
        return of(a).equals(of(b));
    }

    /** The key without the seed: runs of one experiment on different seeds share it. */
    public static String seedGroup(ExperimentConfig config) {
        LinkedHashMap<String, Object> m = of(config);
        m.remove("seed");
        return m.toString();
    }
}
