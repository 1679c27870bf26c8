package io.fpolab.ui;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.runs.RunFolder;
import io.fpolab.ui.experiment.ExperimentPanelView;
import io.fpolab.ui.experiment.ExperimentPanelViewModel;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.runs.RunsViewModel;
import io.fpolab.ui.runs.SweepFollow;
import io.fpolab.ui.util.Dialogs;
import io.fpolab.ui.util.FxRelay;
import io.fpolab.ui.util.Prompts;
import io.fpolab.ui.util.Prompts.PngOptions;
import io.fpolab.ui.views.RunView;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Window;

/**
 * The File menu's flows: open and save an experiment config, open a run folder, export the selected view as PNG
 * or SVG, a run's metrics as CSV and every run as an experiment folder. Each flow asks for the file through
 * {@link Prompts} (tests answer without a native dialog), hands the reading or writing to {@link RunFiles} or the
 * experiment panel's view model, both of which work on the background executor, and reports the outcome on the FX
 * thread: a notice in the status bar, or a one-line dialog. It exists so the main window's controller only wires
 * menu items to these flows instead of carrying them.
 */
final class FileActions {
    static final List<ExtensionFilter> CONFIG_FILES = List.of(
            new ExtensionFilter("Experiment config (*.json, *.yaml, *.yml)", "*.json", "*.yaml", "*.yml"));

    private final RunFiles files;
    private final MainWindowViewModel model;
    private final RunsViewModel runs;
    private final ExperimentPanelViewModel panel;
    private final ExperimentPanelView form;
    private final Supplier<Prompts> prompts;
    private final Supplier<Window> window;
    private final Supplier<RunView> selectedView;
    private final SweepFollow sweeps;
    private PngOptions lastPngOptions = PngOptions.DEFAULT;

    /**
     * @param model        the window's runs, experiment panel and notices
     * @param form         the experiment form, which names where its config came from
     * @param prompts      the current prompts (tests replace them after the window opened)
     * @param window       the owner of dialogs
     * @param selectedView the view of the selected tab, or null
     * @param sweeps       the followed sweep, which a sweep folder opens into
     */
    FileActions(RunFiles files, MainWindowViewModel model, ExperimentPanelView form, Supplier<Prompts> prompts,
            Supplier<Window> window, Supplier<RunView> selectedView, SweepFollow sweeps) {
        this.files = files;
        this.model = model;
        runs = model.runs();
        panel = model.panel();
        this.form = form;
        this.prompts = prompts;
        this.window = window;
        this.selectedView = selectedView;
        this.sweeps = sweeps;
    }

    // ---- configs -------------------------------------------------------------------------------------

    /**
     * Whether the experiment panel's settings may be replaced by {@code what} ("the preset GridWorld · DPPO"): at
     * once when that loses nothing (the settings are as shown, saved or started as a run), else only if the user
     * says so. Cancel is the dialog's default.
     */
    boolean mayReplaceEditor(String what) {
        return mayReplaceEditor(what, panel.unkeptChanges());
    }

    /** As {@link #mayReplaceEditor(String)}, where replacing would lose {@code lost} (null: nothing). */
    boolean mayReplaceEditor(String what, String lost) {
        return lost == null || prompts.get().confirm(window.get(), "Replace the edited settings?", "Load " + what
                + "? The experiment panel's changes (" + lost + ") are neither saved to a file nor used by a run, and "
                + "they will be lost.", "Load and lose the changes");
    }

    /** File › Open config: asks for a file and reads it into the panel (asking first if edits would be lost). */
    void openConfig() {
        prompts.get().openFile(window.get(), "Open experiment config", CONFIG_FILES)
                .filter(file -> mayReplaceEditor(file.getFileName().toString()))
                .ifPresent(this::openConfig);
    }

    /** Reads a config file into the panel; a broken file shows the one-line error in a dialog. */
    CompletableFuture<ExperimentConfig> openConfig(Path file) {
        return panel.open(file).whenComplete((cfg, err) -> {
            if (err != null) {
                Dialogs.error(window.get(), "Cannot open config", Dialogs.oneLine(err));
            } else {
                runs.rememberConfig(cfg);
                form.showPreset(ExperimentPanelViewModel.fileSource(file, cfg));
                model.notice("Opened " + file.getFileName());
            }
        });
    }

    /** File › Save config: asks for the experiment's name, then for the file. */
    void saveConfig() {
        if (panel.config() == null) {
            Dialogs.error(window.get(), "Cannot save config", panel.problemProperty().get());
            return;
        }
        Optional<String> name = prompts.get().text(window.get(), "Save experiment config",
                "Name of the experiment (the saved file's \"name\" field)", panel.proposedName());
        if (name.isEmpty()) {
            return;
        }
        String chosen = name.get().strip();
        if (chosen.isEmpty()) {
            Dialogs.error(window.get(), "Cannot save config", "name: empty (allowed: 1 to 200 characters)");
            return;
        }
        prompts.get().saveFile(window.get(), "Save experiment config", RunFolder.folderName(chosen) + ".json",
                CONFIG_FILES).ifPresent(file -> saveConfig(file, chosen));
    }

    /**
     * Writes the editor's config under the experiment name {@code name} (the file's {@code name} field); the
     * editor keeps that name and the preset picker names the file.
     */
    CompletableFuture<Void> saveConfig(Path file, String name) {
        CompletableFuture<ExperimentConfig> saving;
        try {
            saving = panel.save(file, name);
        } catch (RuntimeException e) {
            Dialogs.error(window.get(), "Cannot save config", Dialogs.oneLine(e));
            return CompletableFuture.failedFuture(e);
        }
        return reported(saving.thenAccept(cfg -> FxRelay.later(() -> {
            panel.markKept(cfg);
            runs.rememberConfig(cfg);
            form.showPreset(ExperimentPanelViewModel.fileSource(file, cfg));
        })), "Cannot save config", v -> "Saved " + file.getFileName());
    }

    // ---- run folders ---------------------------------------------------------------------------------

    /** File › Open run folder: asks for a folder and adds its runs. */
    void openRunFolder() {
        prompts.get().directory(window.get(), "Open run folder").ifPresent(this::openRunFolder);
    }

    /**
     * Reads a run folder, or every run below a folder (an exported experiment, a finished sweep), and adds its runs;
     * a sweep folder (one with a run list) is followed instead: its planned runs are listed with their state and
     * re-read while any is unfinished ({@link SweepFollow}).
     *
     * @return the number of runs opened, or of runs the sweep plans
     */
    CompletableFuture<Integer> openRunFolder(Path dir) {
        return files.isSweep(dir).exceptionally(err -> false).thenCompose(sweep -> {
            if (sweep) {
                CompletableFuture<io.fpolab.runs.SweepWatch.Snapshot> opened = new CompletableFuture<>();
                FxRelay.later(() -> sweeps.open(dir).whenComplete((snap, err) -> {
                    if (err != null) {
                        opened.completeExceptionally(err);
                    } else {
                        opened.complete(snap);
                    }
                }));
                return reported(opened, "Cannot open sweep folder", snap -> sweeps.indicatorProperty().get()
                        + (snap.settled() ? "" : " (re-read every " + (int) SweepFollow.PERIOD.toSeconds() + " s)"))
                        .thenApply(snap -> snap.runs().size());
            }
            return reported(files.readRuns(dir), "Cannot open run folder", loaded -> {
                runs.addRestored(loaded);
                return "Opened " + loaded.size() + " run(s) from " + dir.getFileName();
            }).thenApply(List::size);
        });
    }

    // ---- exports -------------------------------------------------------------------------------------

    /** File › Export view as PNG: asks for the image size, then for the file. */
    void exportPng() {
        RunView view = selectedView.get();
        if (view == null) {
            return;
        }
        Optional<PngOptions> options = prompts.get().pngOptions(window.get(), lastPngOptions);
        if (options.isEmpty()) {
            return;
        }
        lastPngOptions = options.get();
        prompts.get().saveFile(window.get(), "Export view as PNG", RunFolder.folderName(view.title()) + ".png",
                List.of(new ExtensionFilter("PNG image", "*.png")))
                .ifPresent(file -> exportPng(view, file, lastPngOptions));
    }

    /**
     * Writes a view as PNG in the background: laid out at the options' size in points, {@code scale} pixels per
     * point, text at the options' font size, with the view's key.
     */
    CompletableFuture<Void> exportPng(RunView view, Path file, PngOptions o) {
        return reported(files.png(view, file, o), "Cannot export PNG", v -> "Exported " + file.getFileName());
    }

    /** File › Export view as SVG: asks for the file. */
    void exportSvg() {
        RunView view = selectedView.get();
        if (view == null) {
            return;
        }
        prompts.get().saveFile(window.get(), "Export view as SVG", RunFolder.folderName(view.title()) + ".svg",
                List.of(new ExtensionFilter("SVG image", "*.svg")))
                .ifPresent(file -> exportSvg(view, file));
    }

    /** Writes a view as SVG (at the last PNG size and font size) in the background. */
    CompletableFuture<Void> exportSvg(RunView view, Path file) {
        return reported(files.svg(view, file, lastPngOptions), "Cannot export SVG",
                v -> "Exported " + file.getFileName());
    }

    /** File › Export metrics as CSV: asks for the file of the selected run's metrics. */
    void exportCsv() {
        RunRecord r = runs.selected();
        if (r == null) {
            return;
        }
        prompts.get().saveFile(window.get(), "Export metrics as CSV", RunFolder.folderName(r.name()) + ".csv",
                List.of(new ExtensionFilter("CSV table", "*.csv"))).ifPresent(file -> exportCsv(r, file));
    }

    /** Writes a run's metrics in the {@code metrics.csv} format in the background. */
    CompletableFuture<Void> exportCsv(RunRecord r, Path file) {
        return reported(files.metricsCsv(r.snapshot(), file), "Cannot export metrics",
                v -> "Exported " + file.getFileName());
    }

    /** File › Export experiment folder: asks for the folder. */
    void exportExperiment() {
        prompts.get().directory(window.get(), "Export experiment into folder").ifPresent(this::exportExperiment);
    }

    /** Writes every run into its own run folder under {@code dir}, in the CLI's layout. */
    CompletableFuture<Void> exportExperiment(Path dir) {
        List<RunRecord> exported = runs.runs();
        List<RunFolder.Snapshot> snaps = exported.stream().map(RunRecord::snapshot).toList();
        return reported(files.experiment(snaps, dir), "Cannot export experiment", v -> {
            for (int i = 0; i < exported.size(); i++) {
                exported.get(i).markSaved(snaps.get(i));
            }
            return "Exported " + snaps.size() + " run(s) to " + dir.getFileName();
        });
    }

    /**
     * Whether the lab may close: at once when every run's training is in a folder (opened from one, exported, or a
     * followed sweep's), else only if the user agrees to lose it. Cancel is the dialog's default.
     */
    boolean mayQuit() {
        List<RunRecord> unsaved = runs.runs().stream().filter(RunRecord::hasUnsavedTraining).toList();
        if (unsaved.isEmpty()) {
            return true;
        }
        String which = unsaved.size() == 1 ? "The run “" + unsaved.get(0).name() + "” has"
                : unsaved.size() + " runs have";
        return prompts.get().confirm(window.get(), "Quit and lose the runs?", which + " trained in this window "
                + "without being saved to a folder; quitting loses them. File › Export experiment writes every run "
                + "into a folder that the lab and the CLI can open again.", "Quit without saving");
    }

    /**
     * Reports background file work on the FX thread: the one-line error in a dialog titled {@code failure}, or
     * the notice {@code success} returns for the result ({@code success} runs on the FX thread, so it may also
     * hand the result to the view models). The returned future completes after the report.
     */
    private <T> CompletableFuture<T> reported(CompletableFuture<T> work, String failure,
            Function<T, String> success) {
        CompletableFuture<T> done = new CompletableFuture<>();
        work.whenComplete((result, err) -> FxRelay.later(() -> {
            if (err != null) {
                Dialogs.error(window.get(), failure, Dialogs.oneLine(err));
                done.completeExceptionally(err);
            } else {
                model.notice(success.apply(result));
                done.complete(result);
            }
        }));
        return done;
    }
}
