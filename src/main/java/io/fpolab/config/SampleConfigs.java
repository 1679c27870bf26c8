package io.fpolab.config;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The example experiments shipped in {@code sample-configs/} (class path {@code /sample-configs/}).
 * They are listed by {@code index.json} rather than by scanning the directory, because a directory
 * inside a jar cannot be listed portably; a test keeps the index and the directory in step. The index is read
 * with the strict config mapper, so a misspelt key in it fails.
 */
public final class SampleConfigs {

    /** Class-path folder of the presets. */
    public static final String RESOURCE_DIR = "/sample-configs/";

    /** The preset behind the lab's "Reproduce Figure 1" action: the paper's GridWorld FPO settings. */
    public static final String REPRODUCE_FIGURE_1 = "gridworld-fpo.json";

    /** Menu group of the paper's settings: the paper's recipes and baselines at a laptop budget. */
    public static final String PAPER = "Paper";

    /** Menu group of the lab's own tuned recipes and the baselines they were compared with. */
    public static final String LAB_TUNED = "Lab-tuned";

    /**
     * Menu group of the classroom demos: the paper's GridWorld and algorithms at a budget, batch shape and
     * sampler chosen for two clear modes in under a minute (files ending in {@code -fast.json}), and the fork
     * task's pair (files starting with {@code fork-}): two routes in continuous control within two minutes.
     */
    public static final String CLASSROOM = "Classroom";

    /** The menu groups, in menu order; every preset belongs to one. */
    public static final List<String> GROUPS = List.of(PAPER, CLASSROOM, LAB_TUNED);

    /**
     * One preset as listed in the index.
     *
     * @param file        file name inside {@code sample-configs/}
     * @param title       the experiment's name (equal to the file's {@code name})
     * @param group       the menu group, one of {@link #GROUPS}
     * @param description one line for the preset menu
     */
    public record Sample(String file, String title, String group, String description) {
    }

    private SampleConfigs() {
    }

    /** The presets in menu order. */
    public static List<Sample> list() {
        try (InputStream in = SampleConfigs.class.getResourceAsStream(RESOURCE_DIR + "index.json")) {
            if (in == null) {
                throw new IllegalStateException("sample-configs/index.json is missing from the class path");
            }
            return List.copyOf(ConfigIO.JSON.readValue(in, new TypeReference<List<Sample>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("sample-configs/index.json is unreadable", e);
        }
    }

    /** Loads and validates a preset by file name ({@code "gridworld-fpo.json"}). */
    public static ExperimentConfig load(String file) {
        return ConfigIO.loadResource(RESOURCE_DIR + file);
    }

    /** Loads and validates a listed preset. */
    public static ExperimentConfig load(Sample sample) {
        return load(sample.file());
    }
}
