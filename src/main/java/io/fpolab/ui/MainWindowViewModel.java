package io.fpolab.ui;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.config.SampleConfigs.Sample;
import io.fpolab.core.EngineInfo;
import io.fpolab.train.TrainingRun.State;
import io.fpolab.ui.experiment.ExperimentPanelViewModel;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.runs.RunsViewModel;
import io.fpolab.ui.util.Appearance;
import io.fpolab.ui.util.BackgroundExecutor;
import io.fpolab.ui.util.Dialogs;
import io.fpolab.ui.util.FxRelay;
import io.fpolab.ui.views.DemoView;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ChangeListener;

/**
 * The main window's state and the commands behind its menus that are more than widget wiring: the status line and
 * notices, the engine's warm-up, the theme, presentation mode and the side panel (presentation mode folds the panel
 * away and brings it back as it was), which commands the selected run allows, and the preset, compare, demo,
 * learning-rate and copy-to-editor commands. It holds no controls, so this logic is tested without a window;
 * {@link MainWindowView} binds its controls to these properties, forwards menu commands here and turns failed
 * futures into dialogs. Commands run on the FX thread; their futures complete there.
 */
public final class MainWindowViewModel {
    private final BackgroundExecutor background;
    private final ExperimentPanelViewModel panel;
    private final RunsViewModel runs;
    private final ReadOnlyStringWrapper generalStatus = new ReadOnlyStringWrapper(this, "generalStatus", "Starting…");
    private final StringBinding statusText;
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final ObjectProperty<State> selectedState = new SimpleObjectProperty<>(this, "selectedState");
    private final ObjectProperty<RunRecord.Status> selectedStatus = new SimpleObjectProperty<>(this, "selectedStatus");
    private final BooleanBinding noSelection;
    private final BooleanBinding running;
    private final BooleanBinding resumable;
    private final BooleanBinding stoppable;
    private final BooleanBinding pausable;
    private final BooleanBinding diverged;
    private final BooleanProperty dark = new SimpleBooleanProperty(this, "dark");
    private final BooleanProperty presentation = new SimpleBooleanProperty(this, "presentation");
    private final BooleanProperty sidePanelShown = new SimpleBooleanProperty(this, "sidePanelShown", true);
    private final ReadOnlyObjectWrapper<EngineStatus> engine = new ReadOnlyObjectWrapper<>(this, "engine",
            new EngineStatus("", null, false));
    private Function<String, ExperimentConfig> demoPresets = SampleConfigs::load;
    /** Whether the side panel was shown when presentation mode hid it (leaving the mode restores it). */
    private boolean sidePanelBeforePresentation = true;

    /** A window's state over its run list and experiment panel; file work goes to {@code background}. */
    public MainWindowViewModel(BackgroundExecutor background, ExperimentPanelViewModel panel, RunsViewModel runs) {
        this.background = background;
        this.panel = panel;
        this.runs = runs;
        statusText = Bindings.when(runs.statusLineProperty().isEmpty()).then(generalStatus)
                .otherwise(runs.statusLineProperty());
        // The status line already speaks for the selected run; this is for runs that stop in the background.
        runs.lastAlertProperty().addListener((obs, old, now) -> notice.set("⚠ " + now));
        ChangeListener<State> follow = (obs, old, now) -> selectedState.set(now);
        ChangeListener<RunRecord.Status> followStatus = (obs, old, now) -> selectedStatus.set(now);
        runs.selectedProperty().addListener((obs, old, now) -> {
            if (old != null) {
                old.stateProperty().removeListener(follow);
                old.statusProperty().removeListener(followStatus);
            }
            if (now != null) {
                now.stateProperty().addListener(follow);
                now.statusProperty().addListener(followStatus);
            }
            selectedState.set(now == null ? null : now.state());
            selectedStatus.set(now == null ? null : now.statusProperty().get());
        });
        noSelection = runs.selectedProperty().isNull();
        running = selectedState.isEqualTo(State.RUNNING);
        // A run opened from a folder shows as Finished; it can go on only if its checkpoint is short of its budget.
        resumable = Bindings.createBooleanBinding(
                () -> runs.selected() != null && runs.selected().canContinue(), selectedStatus, runs.selectedProperty());
        stoppable = running.or(selectedState.isEqualTo(State.PAUSED)).or(selectedState.isEqualTo(State.NEW));
        pausable = running.or(resumable);
        diverged = Bindings.createBooleanBinding(
                () -> selectedStatus.get() != null && selectedStatus.get().diverged(), selectedStatus);
        presentation.addListener((obs, old, now) -> {
            // The views fill the screen; Ctrl+B or the status bar's "Side panel" brings the panel back.
            if (now) {
                sidePanelBeforePresentation = sidePanelShown.get();
                sidePanelShown.set(false);
            } else {
                sidePanelShown.set(sidePanelBeforePresentation);
            }
        });
    }

    public ExperimentPanelViewModel panel() {
        return panel;
    }

    public RunsViewModel runs() {
        return runs;
    }

    // ---- status bar ----------------------------------------------------------------------------------

    /** The selected run's status line, or the window's own ("Starting…", "Ready") when no run speaks. */
    public StringBinding statusTextProperty() {
        return statusText;
    }

    /** The last one-line notice: what a command did ("Exported …", "Preset: …") or a run that stopped. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Shows a one-line notice in the status bar. */
    public void notice(String text) {
        notice.set(text);
    }

    /**
     * The engine's warm-up as the status bar shows it.
     *
     * @param text   "Engine: starting…", "Engine ready" or "Engine failed: …"
     * @param info   what the engine said about itself once ready (backend, threads), or null
     * @param failed the warm-up failed
     */
    public record EngineStatus(String text, String info, boolean failed) {
        /** True once the warm-up ended, with or without success. */
        public boolean done() {
            return failed || info != null;
        }

        /** The About box's engine line: the state and, once ready, what the engine said about itself. */
        public String summary() {
            return text + (info == null ? "" : " (" + info + ")");
        }
    }

    public ReadOnlyObjectProperty<EngineStatus> engineProperty() {
        return engine.getReadOnlyProperty();
    }

    /** Loads ND4J in the background; {@link #engineProperty()} reports when it is ready. */
    public void startEngine() {
        engine.set(new EngineStatus("Engine: starting…", null, false));
        background.supply(EngineInfo::warmUp).whenComplete((info, error) -> FxRelay.later(() -> {
            if (error != null) {
                engine.set(new EngineStatus("Engine failed: " + Dialogs.oneLine(error), null, true));
            } else {
                engine.set(new EngineStatus("Engine ready", info, false));
                generalStatus.set("Ready");
            }
        }));
    }

    /** The debug overlay's text: FX frame gaps (from the stall monitor), running runs and heap use. */
    public String overlayText(double worstStallMillis, double recentStallMillis) {
        Runtime rt = Runtime.getRuntime();
        long active = runs.runs().stream().filter(r -> r.state() == State.RUNNING).count();
        return String.format(Locale.ROOT,
                "FX frame gap  worst %.1f ms · last second %.1f ms%nRuns  %d running of %d%nHeap  %d / %d MB",
                worstStallMillis, recentStallMillis, active, runs.runs().size(),
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
    }

    // ---- what the selected run allows ----------------------------------------------------------------

    public BooleanBinding noSelection() {
        return noSelection;
    }

    /** The selected run trains now (pause applies). */
    public BooleanBinding running() {
        return running;
    }

    /** The selected run can train on: paused, new, or opened from a folder short of its budget. */
    public BooleanBinding resumable() {
        return resumable;
    }

    public BooleanBinding stoppable() {
        return stoppable;
    }

    /** Pause / Resume applies: the run trains or can train on. */
    public BooleanBinding pausable() {
        return pausable;
    }

    /** The selected run diverged and went back to its last good state. */
    public BooleanBinding diverged() {
        return diverged;
    }

    // ---- appearance and layout -----------------------------------------------------------------------

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** Presentation mode; turning it on folds the side panel away, turning it off restores it as it was. */
    public BooleanProperty presentationProperty() {
        return presentation;
    }

    public BooleanProperty sidePanelShownProperty() {
        return sidePanelShown;
    }

    /** The current theme and presentation mode. */
    public Appearance appearance() {
        return new Appearance(dark.get(), presentation.get());
    }

    // ---- commands ------------------------------------------------------------------------------------

    /**
     * Loads a preset into the panel (the file is read in the background); the run list names runs against it, and
     * Compare's runs against the presets of its family, lab-tuned ones as such.
     */
    public CompletableFuture<ExperimentConfig> applyPreset(Sample s) {
        return panel.applyPreset(s).whenComplete((cfg, err) -> {
            if (err == null) {
                String family = SampleConfigs.LAB_TUNED.equals(s.group()) ? "lab-tuned" : "";
                panel.familyPresets().forEach(p -> runs.rememberPreset(p, family));
                runs.rememberPreset(cfg, family);
                notice("Preset: " + s.title());
            }
        });
    }

    /**
     * Starts {@code cfg} as FPO and as Gaussian PPO ({@link ExperimentPanelViewModel#comparePair}: each algorithm's
     * preset of the family {@code cfg} was loaded from, with its edits), reusing runs of the list that already train
     * the same; the notice says what was reused. A config that cannot be paired throws.
     */
    public void compare(ExperimentConfig cfg) {
        int before = runs.runs().size();
        List<ExperimentConfig> pair = panel.comparePair(cfg);
        runs.pair(pair.get(0), pair.get(1));
        noticeReused(2 - (runs.runs().size() - before));
    }

    /** The notice for a pair of runs of which {@code reused} were already in the list, or null if none was. */
    static String reusedNotice(int reused) {
        if (reused <= 0) {
            return null;
        }
        return reused == 2 ? "Reused both runs (same settings): nothing new to train"
                : "Reused one run (same settings): only its twin trains";
    }

    private void noticeReused(int reused) {
        String text = reusedNotice(reused);
        if (text != null) {
            notice(text);
        }
    }

    /**
     * The Figure 1 demo: loads the classroom FPO preset and its Gaussian PPO twin by name (in the background),
     * trains both at once — reusing runs of the list that already train the same — and folds the side panel away,
     * since the demo is for a room. Completes on the FX thread with the two runs, FPO first.
     */
    public CompletableFuture<List<RunRecord>> startDemo() {
        Function<String, ExperimentConfig> presets = demoPresets;
        CompletableFuture<List<ExperimentConfig>> load = background.supply(
                () -> List.of(presets.apply(DemoView.FPO_PRESET), presets.apply(DemoView.GAUSSIAN_PRESET)));
        CompletableFuture<List<RunRecord>> started = new CompletableFuture<>();
        load.whenComplete((configs, err) -> FxRelay.later(() -> {
            if (err != null) {
                started.completeExceptionally(err);
                return;
            }
            configs.forEach(runs::rememberPreset);
            int before = runs.runs().size();
            List<RunRecord> pair = runs.pair(configs.get(0), configs.get(1));
            // Its two sides get the whole width (Ctrl+B brings the panel back).
            sidePanelShown.set(false);
            notice("Figure 1 demo started · side panel folded away (Ctrl+B shows it)");
            noticeReused(2 - (runs.runs().size() - before));
            started.complete(pair);
        }));
        return started;
    }

    /**
     * Replaces how the demo reads its presets by file name (tests shrink their budgets); by default
     * {@link SampleConfigs#load(String)}.
     */
    public void setDemoPresets(Function<String, ExperimentConfig> loader) {
        demoPresets = Objects.requireNonNull(loader);
    }

    /**
     * Divides the selected run's learning rates by {@link RunsViewModel#LR_DIVISOR} and resumes it; the notice
     * names the new rates.
     */
    public CompletableFuture<double[]> lowerLearningRate() {
        RunRecord r = runs.selected();
        return runs.lowerLearningRateAndResume(r).whenComplete((lr, err) -> {
            if (err == null && lr != null) {
                notice(String.format(Locale.ROOT, "%s: resumed with learning rates %.3g (actor), %.3g (critic)",
                        r.name(), lr[0], lr[1]));
            }
        });
    }

    /**
     * Loads a run's config into the experiment panel against the config it was named from, so a save proposes a
     * name listing what the run changed and, for a preset, another algorithm suggests that preset's sibling and
     * Compare trains its family; shows the side panel.
     */
    public void copyToEditor(RunRecord r) {
        panel.show(r.config());
        ExperimentConfig base = runs.baseOf(r.config());
        if (base != null) {
            panel.setBase(base);
        }
        sidePanelShown.set(true);
        notice("Copied the config of " + r.name() + " to the editor");
    }

    /** Stops every run and waits for their threads; background work ends too. */
    public void shutdown() {
        runs.shutdown();
        background.shutdown(5);
    }
}
