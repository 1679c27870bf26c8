package io.fpolab.ui.experiment;

import io.fpolab.config.ConfigException;
import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.FieldSpec;
import io.fpolab.config.SampleConfigs;
import io.fpolab.config.SampleConfigs.Sample;
import io.fpolab.ui.util.BackgroundExecutor;
import io.fpolab.ui.util.Dialogs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the experiment panel: one {@link FieldViewModel} per setting of {@link ConfigSchema}, the
 * preset list, and the single problem that currently blocks starting a run (a field's error or a
 * broken cross-field rule). Files are read and written on the background executor.
 */
public final class ExperimentPanelViewModel {
    private final BackgroundExecutor background;
    private final Map<String, FieldViewModel> fields = new LinkedHashMap<>();
    private final ObservableList<Sample> presets = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final BooleanBinding valid;
    private ExperimentConfig config;

    public ExperimentPanelViewModel(BackgroundExecutor background) {
        this.background = background;
        for (FieldSpec f : ConfigSchema.fields()) {
            FieldViewModel vm = new FieldViewModel(f);
            fields.put(f.path(), vm);
        }
        for (FieldViewModel vm : fields.values()) {
            vm.textProperty().addListener((obs, old, now) -> revalidate());
        }
        valid = Bindings.createBooleanBinding(() -> problem.get() == null, problem);
        show(ConfigSchema.defaults());
    }

    /** Loads the preset list in the background; "Reproduce Figure 1" comes first. */
    public CompletableFuture<List<Sample>> loadPresets() {
        return background.supply(SampleConfigs::list).thenApply(list -> {
            List<Sample> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing(s -> !s.file().equals(SampleConfigs.REPRODUCE_FIGURE_1)));
            Platform.runLater(() -> presets.setAll(sorted));
            return sorted;
        });
    }

    public ObservableList<Sample> presets() {
        return presets;
    }

    /** Menu text of a preset. */
    public static String presetLabel(Sample s) {
        return s.file().equals(SampleConfigs.REPRODUCE_FIGURE_1) ? "Reproduce Figure 1 — " + s.title() : s.title();
    }

    /** Reads a preset in the background and shows it; a failure comes back as a one-line message. */
    public CompletableFuture<ExperimentConfig> applyPreset(Sample s) {
        return showWhenLoaded(background.supply(() -> SampleConfigs.load(s)));
    }

    /** Reads a JSON/YAML config in the background and shows it; errors complete the future exceptionally. */
    public CompletableFuture<ExperimentConfig> open(Path file) {
        return showWhenLoaded(background.supply(() -> ConfigIO.read(file)));
    }

    /**
     * Writes the current config (JSON or YAML by extension) in the background.
     *
     * @throws ConfigException right away if the panel holds an invalid value
     */
    public CompletableFuture<Void> save(Path file) {
        ExperimentConfig c = requireConfig();
        return CompletableFuture.runAsync(() -> {
            try {
                ConfigIO.write(file, c);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(file + ": " + Dialogs.oneLine(e), e);
            }
        }, background);
    }

    private CompletableFuture<ExperimentConfig> showWhenLoaded(CompletableFuture<ExperimentConfig> loading) {
        CompletableFuture<ExperimentConfig> shown = new CompletableFuture<>();
        loading.whenComplete((cfg, err) -> Platform.runLater(() -> {
            if (err != null) {
                shown.completeExceptionally(err);
            } else {
                show(cfg);
                shown.complete(cfg);
            }
        }));
        return shown;
    }

    /** Puts every value of {@code cfg} into the fields (FX thread). */
    public void show(ExperimentConfig cfg) {
        Map<String, Object> values = ConfigSchema.toMap(cfg);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            fields.get(e.getKey()).show(e.getValue());
        }
        revalidate();
    }

    public FieldViewModel field(String path) {
        FieldViewModel f = fields.get(path);
        if (f == null) {
            throw new IllegalArgumentException("no setting " + path);
        }
        return f;
    }

    public List<FieldViewModel> fields() {
        return List.copyOf(fields.values());
    }

    /** The algorithm currently chosen (the last valid one while the field is being edited). */
    public Algorithm algorithm() {
        return (Algorithm) field("algorithm").value();
    }

    private void revalidate() {
        Algorithm alg = algorithm();
        boolean grid = "gridworld".equals(field("env.id").value());
        for (FieldViewModel f : fields.values()) {
            boolean gridOnly = f.path().equals("env.layout") || f.path().equals("env.layoutFile");
            f.setApplicable(f.spec().appliesTo(alg) && (!gridOnly || grid));
        }
        String first = null;
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldViewModel f : fields.values()) {
            if (f.error() != null && f.applicableProperty().get()) {
                first = first == null ? f.error() : first;
            }
            values.put(f.path(), f.value());
        }
        if (first == null) {
            try {
                config = ConfigSchema.fromMap(values);
            } catch (ConfigException e) {
                first = e.getMessage();
                config = null;
            }
        } else {
            config = null;
        }
        problem.set(first);
    }

    /** The first problem that blocks starting a run, or null when the config is valid. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** True when every applicable field is valid and the cross-field rules hold. */
    public BooleanBinding validProperty() {
        return valid;
    }

    /** The valid config the panel shows, or null while something is invalid. */
    public ExperimentConfig config() {
        return config;
    }

    /**
     * The valid config.
     *
     * @throws ConfigException with the one-line problem if the panel holds an invalid value
     */
    public ExperimentConfig requireConfig() {
        if (config == null) {
            throw new ConfigException("", problem.get());
        }
        return config;
    }
}
