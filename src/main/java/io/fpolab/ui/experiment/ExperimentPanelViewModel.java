package io.fpolab.ui.experiment;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.FieldSpec;
import io.fpolab.config.SampleConfigs.Sample;
import io.fpolab.config.SampleConfigs;
import io.fpolab.core.ConfigException;
import io.fpolab.env.mujoco.MujocoSuite;
import io.fpolab.ui.runs.Labels;
import io.fpolab.ui.util.BackgroundExecutor;
import io.fpolab.ui.util.Dialogs;
import io.fpolab.ui.util.FxRelay;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
    private final ReadOnlyObjectWrapper<Sample> suggestion = new ReadOnlyObjectWrapper<>(this, "suggestion");
    private final BooleanBinding valid;
    private ExperimentConfig config;
    /** What the editor was last loaded from (a preset, a file, a run's config), for the name a save proposes. */
    private ExperimentConfig base;
    /**
     * The presets of the family the editor was last loaded from, one per algorithm, read with it in the background;
     * empty after a file, a run or the defaults.
     */
    private Map<Algorithm, ExperimentConfig> family = Map.of();
    /** The preset file the editor was last loaded from ("reacher-hard-fpo-tuned.json"); null after anything else. */
    private String baseFile;
    /** The last settings that are safe elsewhere: shown from a preset, file or run, saved, or started as a run. */
    private ExperimentConfig kept;

    /** Why an environment cannot train on this machine, or null: a MuJoCo task where MuJoCo is missing. */
    private Function<String, String> envProblem = id -> MujocoSuite.ids().contains(id)
            ? MujocoSuite.unavailableReason(id) : null;

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

    /**
     * Why environment {@code id} cannot train here (one line: a MuJoCo task where the system's MuJoCo is missing or
     * of another version), or null when it can. The environment list shows such a task greyed out with the hint.
     */
    public String envUnavailable(String id) {
        return envProblem.apply(id);
    }

    /** Replaces how {@link #envUnavailable} decides (tests stand for a machine without MuJoCo). */
    public void setEnvProblem(Function<String, String> problem) {
        envProblem = java.util.Objects.requireNonNull(problem);
    }

    /**
     * Loads the preset list in the background, group by group in menu order ({@link SampleConfigs#GROUPS}), index
     * order within a group; "Reproduce Figure 1" comes first. The future completes once {@link #presets()} holds it.
     */
    public CompletableFuture<List<Sample>> loadPresets() {
        CompletableFuture<List<Sample>> listed = new CompletableFuture<>();
        background.supply(SampleConfigs::list).whenComplete((list, err) -> {
            if (err != null) {
                listed.completeExceptionally(err);
                return;
            }
            List<Sample> sorted = new ArrayList<>(list);
            sorted.sort(Comparator.comparing((Sample s) -> !s.file().equals(SampleConfigs.REPRODUCE_FIGURE_1))
                    .thenComparing(s -> SampleConfigs.GROUPS.indexOf(s.group())));
            FxRelay.later(() -> {
                presets.setAll(sorted);
                suggest();
                listed.complete(sorted);
            });
        });
        return listed;
    }

    public ObservableList<Sample> presets() {
        return presets;
    }

    /** Group of the picker's entry for a config opened from (or saved to) a file: its file is the sample's file. */
    public static final String FILE_GROUP = "File";
    /** Group of the picker's entry for a run's config copied into the editor: the title is the run's name. */
    public static final String RUN_GROUP = "Run";

    /** Menu text of a preset, or of what else the editor was loaded from. */
    public static String presetLabel(Sample s) {
        if (FILE_GROUP.equals(s.group())) {
            return s.title() + " (" + Path.of(s.file()).getFileName() + ")";
        }
        if (RUN_GROUP.equals(s.group())) {
            return "From run: " + s.title();
        }
        return s.file().equals(SampleConfigs.REPRODUCE_FIGURE_1) ? "Reproduce Figure 1 — " + s.title() : s.title();
    }

    /** The picker's entry naming a config file that is not a preset: its {@code name} and file. */
    public static Sample fileSource(Path file, ExperimentConfig cfg) {
        return new Sample(file.toString(), cfg.name(), FILE_GROUP, cfg.description());
    }

    /** The picker's entry for a run's config copied into the editor. */
    public static Sample runSource(String runName, ExperimentConfig cfg) {
        return new Sample("", runName, RUN_GROUP, cfg.description());
    }

    /**
     * Reads a preset, and the presets of its family that Compare trains, in the background and shows it; a failure
     * comes back as a one-line message.
     */
    public CompletableFuture<ExperimentConfig> applyPreset(Sample s) {
        CompletableFuture<Loaded> loading = background.supply(() -> {
            ExperimentConfig cfg = SampleConfigs.load(s);
            return new Loaded(cfg, familyOf(s.file(), cfg));
        });
        return showWhenLoaded(loading.thenApply(Loaded::config)).thenApply(cfg -> {
            family = loading.join().family();
            baseFile = s.file();
            return cfg;
        });
    }

    /** A preset and the presets of its family, read together. */
    private record Loaded(ExperimentConfig config, Map<Algorithm, ExperimentConfig> family) {
    }

    /** The presets of the family the editor was last loaded from (Compare's runs), or none. */
    public Collection<ExperimentConfig> familyPresets() {
        return family.values();
    }

    /**
     * Each algorithm's preset of the family of {@code file} (already read as {@code preset}); one that does not
     * exist is left out, and Compare then switches the algorithm on the editor's settings, as for a config file.
     */
    private static Map<Algorithm, ExperimentConfig> familyOf(String file, ExperimentConfig preset) {
        Map<Algorithm, ExperimentConfig> out = new EnumMap<>(Algorithm.class);
        for (Algorithm a : Algorithm.values()) {
            String sibling = siblingPreset(file, a);
            if (sibling == null) {
                continue;
            }
            try {
                out.put(a, sibling.equals(file) ? preset : SampleConfigs.load(sibling));
            } catch (ConfigException e) {
                // no such preset: this family has no run of that algorithm
            }
        }
        return out;
    }

    /**
     * What Compare trains for the editor's {@code cfg}: an FPO and a Gaussian PPO config. Loaded from a preset whose
     * family has a preset per algorithm ({@code <task>-fpo}, {@code -gaussian-ppo}, {@code -dppo}, each also as
     * {@code -fast} or {@code -tuned}), each algorithm gets its own preset with the editor's edits since loading
     * applied (so the paper presets' Gaussian run is the authors' baseline, clip and all); otherwise {@code cfg}
     * with the algorithm switched.
     */
    public List<ExperimentConfig> comparePair(ExperimentConfig cfg) {
        return List.of(twin(cfg, Algorithm.FPO), twin(cfg, Algorithm.GAUSSIAN_PPO));
    }

    private ExperimentConfig twin(ExperimentConfig cfg, Algorithm algorithm) {
        if (cfg.algorithm() == algorithm) {
            return cfg;
        }
        ExperimentConfig sibling = family.get(algorithm);
        if (sibling != null && base != null) {
            Map<String, Object> twin = ConfigSchema.toMap(sibling);
            Map<String, Object> was = ConfigSchema.toMap(base);
            ConfigSchema.toMap(cfg).forEach((k, v) -> {
                if (!k.equals("algorithm") && !java.util.Objects.equals(v, was.get(k))) {
                    twin.put(k, v);
                }
            });
            return ConfigSchema.fromMap(twin);
        }
        return ConfigSchema.withOverride(cfg, "algorithm", field("algorithm").spec().format(algorithm));
    }

    /** The preset of {@code file}'s family for {@code algorithm} ("cartpole-balance-gaussian-ppo.json"), or null. */
    public static String siblingPreset(String file, Algorithm algorithm) {
        java.util.regex.Matcher m = PRESET_FAMILY.matcher(file);
        if (!m.matches()) {
            return null;
        }
        return m.group(1) + "-" + fileToken(algorithm) + (m.group(3) == null ? "" : m.group(3)) + ".json";
    }

    /** How preset file names spell an algorithm ("gaussian-ppo"). */
    private static String fileToken(Algorithm algorithm) {
        return switch (algorithm) {
            case FPO -> "fpo";
            case GAUSSIAN_PPO -> "gaussian-ppo";
            case DPPO -> "dppo";
        };
    }

    private static final java.util.regex.Pattern PRESET_FAMILY =
            java.util.regex.Pattern.compile("(.+)-(fpo|gaussian-ppo|dppo)(-fast|-tuned)?\\.json");

    /** Reads a JSON/YAML config in the background and shows it; errors complete the future exceptionally. */
    public CompletableFuture<ExperimentConfig> open(Path file) {
        return showWhenLoaded(background.supply(() -> ConfigIO.read(file)));
    }

    /**
     * The name a save proposes: the name of what the editor was loaded from, followed by the settings changed
     * since ("GridWorld · FPO (paper settings) · nMc=8 clip=0.3 lr=1e-3"), so a variant does not go out under its
     * preset's name; just that name when nothing changed (or the config's own name once it was edited).
     */
    public String proposedName() {
        ExperimentConfig c = config;
        if (c == null || base == null) {
            return c == null ? field("name").textProperty().get() : c.name();
        }
        if (!c.name().equals(base.name())) {
            return c.name();
        }
        String changes = Labels.changes(c, base);
        return changes.isEmpty() ? c.name() : c.name() + " · " + changes;
    }

    /**
     * Sets what the editor's settings were made from: by default the last config shown; a run's config copied into
     * the editor was made from the run's preset. A save's proposed name compares against it ({@link #proposedName()}),
     * and when it is a listed preset the editor counts as loaded from that preset again: another algorithm suggests
     * its sibling (lab-tuned stays lab-tuned) and Compare trains its family, read in the background.
     */
    public CompletableFuture<Void> setBase(ExperimentConfig base) {
        this.base = base;
        Sample preset = presets.stream().filter(p -> p.title().equals(base.name())).findFirst().orElse(null);
        if (preset == null) {
            return CompletableFuture.completedFuture(null);
        }
        baseFile = preset.file();
        suggest();
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        background.supply(() -> familyOf(preset.file(), base)).whenComplete((f, err) -> FxRelay.later(() -> {
            if (err == null && preset.file().equals(baseFile) && this.base == base) {
                family = f;
            }
            loaded.complete(null);
        }));
        return loaded;
    }

    /**
     * Gives the config the experiment name {@code name} (the file's {@code name} field) and writes it (JSON or
     * YAML by extension) in the background; the editor keeps the new name.
     *
     * @throws ConfigException right away, naming the field, if the name or another value is not allowed
     */
    public CompletableFuture<ExperimentConfig> save(Path file, String name) {
        FieldViewModel nameField = field("name");
        String before = nameField.textProperty().get();
        nameField.textProperty().set(name == null ? "" : name.strip());
        if (nameField.error() != null) {
            String error = nameField.error();
            nameField.textProperty().set(before);
            throw new ConfigException("", error);
        }
        ExperimentConfig c = requireConfig();
        return save(file).thenApply(v -> c);
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
        loading.whenComplete((cfg, err) -> FxRelay.later(() -> {
            if (err != null) {
                shown.completeExceptionally(err);
            } else {
                show(cfg);
                shown.complete(cfg);
            }
        }));
        return shown;
    }

    /** Puts every value of {@code cfg} into the fields (FX thread); a save proposes names against it. */
    public void show(ExperimentConfig cfg) {
        base = cfg;
        family = Map.of();
        baseFile = null;
        Map<String, Object> values = ConfigSchema.toMap(cfg);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            fields.get(e.getKey()).show(e.getValue());
        }
        revalidate();
        kept = config;
    }

    /** Marks {@code cfg} as kept elsewhere (written to a file, or started as a run): replacing it loses nothing. */
    public void markKept(ExperimentConfig cfg) {
        kept = cfg;
    }

    /**
     * What replacing the editor's settings (with a preset, a file or a run's config) would lose: the settings
     * changed since they were last shown, saved or started as a run ("clip=0.3 nMc=8"), or null when nothing
     * would be lost.
     */
    public String unkeptChanges() {
        if (config == null) {
            return "settings being edited, some not valid yet";
        }
        if (kept == null || config.equals(kept)) {
            return null;
        }
        String edits = Labels.edits(config, kept);
        return edits.isEmpty() ? "edited settings" : edits;
    }

    /**
     * What loading {@link #suggestedPresetProperty() the suggested preset} would lose: as {@link #unkeptChanges()},
     * but the environment and algorithm just chosen are not lost, since the preset has them.
     */
    public String unkeptChangesBesideTask() {
        if (config == null || kept == null) {
            return unkeptChanges();
        }
        Map<String, Object> now = ConfigSchema.toMap(config);
        Map<String, Object> was = ConfigSchema.toMap(kept);
        for (String path : List.of("env.id", "algorithm")) {
            now.remove(path);
            was.remove(path);
        }
        return now.equals(was) ? null : unkeptChanges();
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
        suggest();
    }

    /**
     * A preset for the chosen environment and algorithm, offered while the settings were made for another
     * environment or algorithm: choosing cheetah-run in the environment list keeps every other setting, GridWorld's
     * 151,552 steps and evaluations of 200 episodes every 3 iterations among them, and choosing Gaussian PPO after
     * FPO's paper preset keeps FPO's clip of 0.05. For the same environment it is the loaded preset's sibling of that
     * algorithm (lab-tuned stays lab-tuned), otherwise the task's paper preset ({@link #paperPreset}). Null when the
     * settings were made for the chosen environment and algorithm, or no such preset exists.
     */
    public ReadOnlyObjectProperty<Sample> suggestedPresetProperty() {
        return suggestion.getReadOnlyProperty();
    }

    /** What the editor's settings were made for, "gridworld with FPO": the preset, file or run last shown. */
    public String settingsMadeFor() {
        return base.env().id() + " with " + Labels.algorithm(base.algorithm());
    }

    private void suggest() {
        Object env = field("env.id").value();
        Algorithm algorithm = algorithm();
        boolean sameTask = base.env().id().equals(env);
        if (env == null || (sameTask && algorithm == base.algorithm())) {
            suggestion.set(null);
            return;
        }
        Sample sibling = sameTask && baseFile != null ? listed(presets, siblingPreset(baseFile, algorithm)) : null;
        suggestion.set(sibling != null ? sibling : paperPreset(presets, env.toString(), algorithm));
    }

    /**
     * The paper preset of a task and algorithm in {@code presets}, {@code <task>-<algorithm>.json}, or null. The fork
     * task's presets are named for the task without its level ("fork-fpo.json" for fork-easy).
     */
    public static Sample paperPreset(List<Sample> presets, String envId, Algorithm algorithm) {
        String token = "-" + fileToken(algorithm) + ".json";
        Sample own = listed(presets, envId + token);
        return own != null ? own : listed(presets, envId.replaceFirst("-[a-z_]+$", "") + token);
    }

    /** The preset of {@code file} in {@code presets}, or null. */
    private static Sample listed(List<Sample> presets, String file) {
        return presets.stream().filter(p -> p.file().equals(file)).findFirst().orElse(null);
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
