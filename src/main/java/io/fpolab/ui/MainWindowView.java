package io.fpolab.ui;

import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.config.SampleConfigs.Sample;
import io.fpolab.core.EngineInfo;
import io.fpolab.env.mujoco.MujocoSuite;
import io.fpolab.runs.RunFolder;
import io.fpolab.train.TrainingRun;
import io.fpolab.ui.experiment.ExperimentPanelView;
import io.fpolab.ui.experiment.ExperimentPanelViewModel;
import io.fpolab.ui.runs.RunRecord;
import io.fpolab.ui.runs.RunRecordsAware;
import io.fpolab.ui.runs.RunsViewModel;
import io.fpolab.ui.runs.SweepFollow;
import io.fpolab.ui.util.Appearance;
import io.fpolab.ui.util.BackgroundExecutor;
import io.fpolab.ui.util.Dialogs;
import io.fpolab.ui.util.FxRelay;
import io.fpolab.ui.util.LabPreferences;
import io.fpolab.ui.util.Prompts;
import io.fpolab.ui.util.Prompts.PngOptions;
import io.fpolab.ui.util.StallMonitor;
import io.fpolab.ui.views.ConfigView;
import io.fpolab.ui.views.DemoView;
import io.fpolab.ui.views.RunView;
import io.fpolab.ui.views.ViewCatalog;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Controller of {@code fxml/MainWindow.fxml}: wires the menus, the experiment panel, the view tabs and the status
 * bar to {@link MainWindowViewModel} (window state and commands), {@link RunsViewModel} and
 * {@link ExperimentPanelViewModel}, connects the run list ({@link RunListView}, which the Run menu forwards to), and
 * forwards the File menu to {@link FileActions} and the extra keys to {@link Shortcuts}. What it still does itself
 * is what needs the controls: building the preset menu and the tabs, laying out the side panel, applying
 * stylesheets and turning failed commands into one-line dialogs.
 */
public class MainWindowView {
    static final String LIGHT_CSS = "/assets/css/lab.css";
    static final String DARK_CSS = "/assets/css/lab-dark.css";

    @FXML private BorderPane root;
    @FXML private MenuBar menuBar;
    @FXML private Menu presetMenu;
    @FXML private MenuItem startItem;
    @FXML private MenuItem pauseItem;
    @FXML private MenuItem stepItem;
    @FXML private MenuItem stopItem;
    @FXML private MenuItem resetItem;
    @FXML private MenuItem removeItem;
    @FXML private MenuItem renameItem;
    @FXML private MenuItem compareItem;
    @FXML private MenuItem demoItem;
    @FXML private Button demoButton;
    @FXML private MenuItem exportPngItem;
    @FXML private MenuItem exportSvgItem;
    @FXML private MenuItem exportCsvItem;
    @FXML private MenuItem exportExperimentItem;
    @FXML private RadioMenuItem lightThemeItem;
    @FXML private RadioMenuItem darkThemeItem;
    @FXML private CheckMenuItem presentationItem;
    @FXML private CheckMenuItem sidePanelItem;
    @FXML private ToggleButton sidePanelButton;
    @FXML private CheckMenuItem debugItem;
    @FXML private SplitPane split;
    @FXML private VBox experimentPanel;
    @FXML private ExperimentPanelView experimentFormController;
    @FXML private RunListView runListController;
    @FXML private TabPane viewArea;
    @FXML private Label debugOverlay;
    @FXML private HBox statusBar;
    @FXML private Label statusLabel;
    @FXML private Label noticeLabel;
    @FXML private Label engineLabel;
    @FXML private ProgressBar progressBar;

    private final BackgroundExecutor background = new BackgroundExecutor();
    private final StallMonitor stallMonitor = new StallMonitor();
    private final List<RunView> views = new ArrayList<>();
    private final Timeline overlayRefresh = new Timeline(new KeyFrame(Duration.millis(250), e -> refreshOverlay()));
    private MainWindowViewModel model;
    private ExperimentPanelViewModel panel;
    private RunsViewModel runs;
    private FileActions files;
    private Prompts prompts = Prompts.system();
    private LabPreferences preferences;
    private Stage stage;
    /** On the stage, which may outlive this window (the next window of a test run): removed at shutdown. */
    private final javafx.beans.value.ChangeListener<Boolean> leftFullScreen = (obs, old, now) -> {
        if (!now && model.presentationProperty().get()) {
            model.presentationProperty().set(false);
        }
    };
    private Scene scene;
    private boolean shutDown;
    /** Divider position to restore when the side panel comes back. */
    private double sidePanelDivider = 0.3;

    /**
     * Loads the main window into {@code stage} with the remembered geometry and theme; the stage is not
     * shown yet. Used by the application and by the screenshots command.
     */
    public static MainWindowView open(Stage stage, LabPreferences preferences) throws IOException {
        FXMLLoader loader = new FXMLLoader(resource("/fxml/MainWindow.fxml"));
        Parent root = loader.load();
        MainWindowView view = loader.getController();
        Scene scene = new Scene(root, 1280, 800);
        stage.setScene(scene);
        stage.setTitle(LabApp.TITLE + " " + EngineInfo.version());
        view.attach(stage, scene, preferences);
        return view;
    }

    static URL resource(String path) {
        return Objects.requireNonNull(MainWindowView.class.getResource(path), "missing resource " + path);
    }

    @FXML
    private void initialize() {
        panel = new ExperimentPanelViewModel(background);
        runs = new RunsViewModel(background);
        model = new MainWindowViewModel(background, panel, runs);
        experimentFormController.bind(panel);
        runListController.bind(model, background);
        runListController.setActions(this::onRename, this::showConfigTab, this::copyToEditor);
        files = new FileActions(new RunFiles(background), model, experimentFormController, () -> prompts,
                this::window, this::selectedView, runListController.sweeps());
        experimentFormController.setActions(this::onOpenConfig, this::onSaveConfig, this::startRun, this::compare,
                this::applyPreset);
        panel.presets().addListener((ListChangeListener<Sample>) c -> rebuildPresetMenu());
        panel.loadPresets().whenComplete((list, err) -> FxRelay.later(() -> {
            if (err != null) {
                model.notice("Presets unavailable: " + Dialogs.oneLine(err));
            }
        }));
        bindViewsToRuns();
        bindMenus();
        createTabs();
        statusLabel.textProperty().bind(model.statusTextProperty());
        noticeLabel.textProperty().bind(model.noticeProperty());
        // A long divergence message must not push the engine state and progress bar out of the window.
        Tooltip statusTip = new Tooltip();
        statusTip.setWrapText(true);
        statusTip.setMaxWidth(600);
        statusTip.textProperty().bind(statusLabel.textProperty());
        statusLabel.setTooltip(statusTip);
        runs.statusAlertProperty().addListener((obs, old, alert) -> {
            statusLabel.getStyleClass().remove("status-alert");
            if (alert) {
                statusLabel.getStyleClass().add("status-alert");
            }
        });
        bindEngineStatus();
        overlayRefresh.setCycleCount(Timeline.INDEFINITE);
        debugOverlay.visibleProperty().bind(debugItem.selectedProperty());
        debugItem.selectedProperty().addListener((obs, old, on) -> {
            if (on) {
                refreshOverlay();
                overlayRefresh.play();
            } else {
                overlayRefresh.stop();
            }
        });
        sidePanelButton.selectedProperty().bindBidirectional(sidePanelItem.selectedProperty());
        sidePanelButton.setTooltip(new Tooltip("Show or hide the experiment form and the run list (Ctrl+B)"));
        sidePanelItem.selectedProperty().bindBidirectional(model.sidePanelShownProperty());
        model.sidePanelShownProperty().addListener((obs, old, show) -> showSidePanel(show));
        darkThemeItem.selectedProperty().bindBidirectional(model.darkProperty());
        presentationItem.selectedProperty().bindBidirectional(model.presentationProperty());
        stallMonitor.start();
    }

    /**
     * Puts the side panel (experiment form, run list and run controls) into the split pane or takes it
     * out, so the views get the whole width. The panel keeps its state while hidden.
     */
    private void showSidePanel(boolean show) {
        boolean shown = split.getItems().contains(experimentPanel);
        if (show == shown) {
            return;
        }
        if (show) {
            split.getItems().add(0, experimentPanel);
            split.setDividerPositions(sidePanelDivider);
        } else {
            sidePanelDivider = split.getDividerPositions()[0];
            split.getItems().remove(experimentPanel);
        }
    }

    private void attach(Stage stage, Scene scene, LabPreferences preferences) {
        this.stage = stage;
        this.scene = scene;
        this.preferences = preferences;
        preferences.restoreWindow(stage, 1280, 800);
        preferences.restoreDivider(split, 0.3);
        setDarkTheme(preferences.darkTheme());
        model.darkProperty().addListener((obs, old, now) -> {
            preferences.setDarkTheme(now);
            applyAppearance();
        });
        // The model has folded the side panel away or brought it back by now.
        model.presentationProperty().addListener((obs, old, now) -> {
            stage.setFullScreen(now);
            applyAppearance();
        });
        // Leaving full screen with Esc must also leave presentation mode, or the menu check would lie.
        stage.fullScreenProperty().addListener(leftFullScreen);
        stage.setFullScreenExitHint("Press F11 or Esc to leave presentation mode");
        applyAppearance();
        Shortcuts.install(scene, this::onStart, this::onStop, this::onPauseResume);
        stage.setOnHiding(e -> preferences.save(stage, split));
        stage.setOnCloseRequest(e -> {
            if (!mayQuit()) {
                e.consume();
            }
        });
    }

    /** Loads ND4J in the background; the status bar reports when it is ready. */
    void startEngine() {
        progressBar.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        model.startEngine();
    }

    private void bindEngineStatus() {
        model.engineProperty().addListener((obs, old, engine) -> {
            engineLabel.setText(engine.text());
            if (engine.failed()) {
                engineLabel.getStyleClass().add("error");
            }
            if (engine.info() != null) {
                engineLabel.setTooltip(new Tooltip(engine.info()));
            }
            if (engine.done()) {
                progressBar.progressProperty().bind(runs.selectedProgressProperty());
            }
        });
    }

    // ---- runs in the views and menus -----------------------------------------------------------------

    /** Shows the selected run in every view, and hands the views every run of the lab whenever the list changes. */
    private void bindViewsToRuns() {
        runs.selectedProperty().addListener((obs, old, now) -> {
            for (RunView v : views) {
                v.setRun(now == null ? null : now.run());
            }
        });
        runs.runs().addListener((ListChangeListener<RunRecord>) c -> publishRuns());
    }

    private void publishRuns() {
        List<TrainingRun> all = runs.runs().stream().map(RunRecord::run).toList();
        for (RunView v : views) {
            v.setAvailableRuns(all);
            if (v instanceof RunRecordsAware a) {
                a.setRecords(runs.runs());
            }
        }
    }

    /** Enables the menu commands as far as the selected run and the experiment panel allow them. */
    private void bindMenus() {
        BooleanBinding none = model.noSelection();
        BooleanBinding resumable = model.resumable();
        pauseItem.disableProperty().bind(model.pausable().not());
        stepItem.disableProperty().bind(resumable.not());
        stopItem.disableProperty().bind(model.stoppable().not());
        resetItem.disableProperty().bind(none);
        removeItem.disableProperty().bind(none);
        renameItem.disableProperty().bind(none);
        exportCsvItem.disableProperty().bind(none);
        exportExperimentItem.disableProperty().bind(Bindings.isEmpty(runs.runs()));
        startItem.disableProperty().bind(panel.validProperty().not());
        compareItem.disableProperty().bind(panel.validProperty().not());
    }

    // ---- view tabs -----------------------------------------------------------------------------------

    private void createTabs() {
        for (RunView v : ViewCatalog.create()) {
            Tab tab = new Tab(v.title(), v.node());
            tab.setId("tab-" + RunFolder.folderName(v.title()));
            tab.setUserData(v);
            views.add(v);
            viewArea.getTabs().add(tab);
            if (v instanceof DemoView demo) {
                demo.setOnStart(this::onDemo);
            }
            if (v instanceof ConfigView config) {
                config.setActions(this::copyToEditor, r -> {
                    String changes = runs.changesFromBase(r.config());
                    return changes.isEmpty() ? "" : "Changed from " + r.config().name() + ": " + changes;
                });
            }
        }
        demoButton.setTooltip(new Tooltip(DemoView.startTooltip() + " (Ctrl+D)"));
        viewArea.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (old != null) {
                ((RunView) old.getUserData()).setVisible(false);
            }
            if (now != null) {
                ((RunView) now.getUserData()).setVisible(true);
            }
        });
        // The Config tab is text: nothing to export as a figure (Copy JSON and Save config are its exports).
        BooleanBinding textTab = Bindings.createBooleanBinding(() -> {
            Tab t = viewArea.getSelectionModel().getSelectedItem();
            return t == null || t.getUserData() instanceof ConfigView;
        }, viewArea.getSelectionModel().selectedItemProperty());
        exportPngItem.disableProperty().bind(textTab);
        exportSvgItem.disableProperty().bind(textTab);
        Tab first = viewArea.getSelectionModel().getSelectedItem();
        if (first != null) {
            ((RunView) first.getUserData()).setVisible(true);
        }
    }

    /** The view of the selected tab, or null when there are no views. */
    public RunView selectedView() {
        Tab t = viewArea.getSelectionModel().getSelectedItem();
        return t == null ? null : (RunView) t.getUserData();
    }

    // ---- experiment panel and runs -------------------------------------------------------------------

    /**
     * One submenu per preset group ("Paper", "Classroom", "Lab-tuned"), in index order, with a separator wherever the task
     * (the title before " · ") changes, so a task's FPO and its baselines sit together.
     */
    private void rebuildPresetMenu() {
        presetMenu.getItems().clear();
        for (String group : io.fpolab.config.SampleConfigs.GROUPS) {
            Menu sub = new Menu(group);
            String task = null;
            for (Sample s : panel.presets()) {
                if (!group.equals(s.group())) {
                    continue;
                }
                String t = s.title().split(" · ", 2)[0];
                if (task != null && !t.equals(task)) {
                    sub.getItems().add(new SeparatorMenuItem());
                }
                task = t;
                MenuItem item = new MenuItem(ExperimentPanelViewModel.presetLabel(s));
                item.setOnAction(e -> applyPreset(s));
                sub.getItems().add(item);
            }
            if (!sub.getItems().isEmpty()) {
                presetMenu.getItems().add(sub);
            }
        }
    }

    /**
     * Loads a preset into the panel (FX thread; the file is read in the background). If that would lose edits
     * nothing else holds, the user is asked first; kept edits leave the panel and its picker as they were, and
     * the result is then null.
     */
    public CompletableFuture<ExperimentConfig> applyPreset(Sample s) {
        // The preset the panel suggests for a newly chosen environment or algorithm has both: loading it loses no
        // edit but that choice itself.
        String lost = s.equals(panel.suggestedPresetProperty().get()) ? panel.unkeptChangesBesideTask()
                : panel.unkeptChanges();
        if (!files.mayReplaceEditor("the preset " + s.title(), lost)) {
            experimentFormController.showPreset(experimentFormController.shownPreset());
            return CompletableFuture.completedFuture(null);
        }
        experimentFormController.showPreset(s);
        return model.applyPreset(s).whenComplete((cfg, err) -> {
            if (err != null) {
                Dialogs.error(window(), "Cannot load preset", Dialogs.oneLine(err));
            }
        });
    }

    private void startRun(ExperimentConfig cfg) {
        // A MuJoCo task where MuJoCo is missing: say how to install it instead of a run that fails at once.
        String missing = MujocoSuite.ids().contains(cfg.env().id()) ? MujocoSuite.unavailableReason(cfg.env().id()) : null;
        if (missing != null) {
            Dialogs.error(window(), "Cannot start a run", missing);
            return;
        }
        runs.start(cfg);
        panel.markKept(cfg);
    }

    private void compare(ExperimentConfig cfg) {
        try {
            model.compare(cfg);
            panel.markKept(cfg);
        } catch (RuntimeException e) {
            Dialogs.error(window(), "Cannot compare", Dialogs.oneLine(e));
        }
    }

    @FXML
    private void onDemo() {
        startDemo();
    }

    /**
     * The Figure 1 demo ({@link MainWindowViewModel#startDemo()}), shown side by side in the demo tab. Completes
     * on the FX thread with the two runs, FPO first.
     */
    public CompletableFuture<List<RunRecord>> startDemo() {
        return model.startDemo().whenComplete((pair, err) -> {
            if (err != null) {
                Dialogs.error(window(), "Cannot start the Figure 1 demo", Dialogs.oneLine(err));
                return;
            }
            for (Tab t : viewArea.getTabs()) {
                if (t.getUserData() instanceof DemoView demo) {
                    demo.showRuns(pair.get(0), pair.get(1));
                    viewArea.getSelectionModel().select(t);
                }
            }
        });
    }

    @FXML
    private void onStart() {
        if (panel.config() == null) {
            Dialogs.error(window(), "Cannot start a run", panel.problemProperty().get());
            return;
        }
        startRun(panel.config());
    }

    @FXML
    private void onCompare() {
        if (panel.config() != null) {
            compare(panel.config());
        }
    }

    @FXML
    private void onPauseResume() {
        runs.togglePause(runs.selected());
    }

    @FXML
    private void onStep() {
        runListController.onStep();
    }

    @FXML
    private void onStop() {
        runListController.onStop();
    }

    @FXML
    private void onReset() {
        runListController.onReset();
    }

    @FXML
    private void onRemove() {
        runListController.onRemove();
    }

    // ---- files ---------------------------------------------------------------------------------------

    @FXML
    private void onOpenConfig() {
        files.openConfig();
    }

    /** Reads a config file into the panel; a broken file shows the one-line error in a dialog. */
    public CompletableFuture<ExperimentConfig> openConfig(Path file) {
        return files.openConfig(file);
    }

    @FXML
    private void onSaveConfig() {
        files.saveConfig();
    }

    /** Writes the editor's config under the experiment name {@code name}; see {@link FileActions}. */
    public CompletableFuture<Void> saveConfig(Path file, String name) {
        return files.saveConfig(file, name);
    }

    @FXML
    private void onOpenRunFolder() {
        files.openRunFolder();
    }

    /**
     * Reads a run folder, or every run below a folder (an exported experiment, a finished sweep), and adds its runs;
     * follows a sweep folder ({@link FileActions#openRunFolder(Path)}).
     */
    public CompletableFuture<Integer> openRunFolder(Path dir) {
        return files.openRunFolder(dir);
    }

    @FXML
    private void onExportPng() {
        files.exportPng();
    }

    /** Writes a view as PNG in the background at the options' size, scale and font size. */
    public CompletableFuture<Void> exportPng(RunView view, Path file, PngOptions o) {
        return files.exportPng(view, file, o);
    }

    @FXML
    private void onExportSvg() {
        files.exportSvg();
    }

    /** Writes a view as SVG (at the last PNG size and font size) in the background. */
    public CompletableFuture<Void> exportSvg(RunView view, Path file) {
        return files.exportSvg(view, file);
    }

    @FXML
    private void onExportCsv() {
        files.exportCsv();
    }

    /** Writes a run's metrics in the {@code metrics.csv} format in the background. */
    public CompletableFuture<Void> exportCsv(RunRecord r, Path file) {
        return files.exportCsv(r, file);
    }

    @FXML
    private void onExportExperiment() {
        files.exportExperiment();
    }

    /** Writes every run into its own run folder under {@code dir}, in the CLI's layout. */
    public CompletableFuture<Void> exportExperiment(Path dir) {
        return files.exportExperiment(dir);
    }

    /**
     * Loads a run's config into the experiment panel (FX thread): the preset picker names the run, and a save
     * proposes a name listing what the run changed from its preset.
     */
    public void copyToEditor(RunRecord r) {
        if (r == null || !files.mayReplaceEditor("the settings of run " + r.name())) {
            return;
        }
        model.copyToEditor(r);
        experimentFormController.showPreset(ExperimentPanelViewModel.runSource(r.name(), r.config()));
    }

    /** Selects the Config tab, which shows the selected run's config. */
    private void showConfigTab() {
        for (Tab t : viewArea.getTabs()) {
            if (t.getUserData() instanceof ConfigView) {
                viewArea.getSelectionModel().select(t);
            }
        }
    }

    @FXML
    private void onRename() {
        RunRecord r = runs.selected();
        if (r == null) {
            return;
        }
        prompts.text(window(), "Rename run", "New name of the run", r.name()).ifPresent(n -> rename(r, n));
    }

    /** Renames a run; a bad name, or a run folder that cannot keep it, is reported in a one-line dialog. */
    public CompletableFuture<String> rename(RunRecord r, String newName) {
        CompletableFuture<String> done = new CompletableFuture<>();
        try {
            runs.rename(r, newName).whenComplete((name, err) -> FxRelay.later(() -> {
                if (err != null) {
                    Dialogs.error(window(), "Cannot keep the run's new name", Dialogs.oneLine(err));
                    done.completeExceptionally(err);
                } else {
                    model.notice("Renamed to " + name);
                    done.complete(name);
                }
            }));
        } catch (IllegalArgumentException e) {
            Dialogs.error(window(), "Cannot rename run", e.getMessage());
            done.completeExceptionally(e);
        }
        return done;
    }

    @FXML
    private void onQuit() {
        if (!mayQuit()) {
            return;
        }
        if (stage != null) {
            stage.close();
        }
        Platform.exit();
    }

    /** Whether the lab may close now, asking first if runs trained here are not saved in a folder (FX thread). */
    public boolean mayQuit() {
        return files.mayQuit();
    }

    // ---- appearance, help, overlay -------------------------------------------------------------------

    private void applyAppearance() {
        Appearance a = model.appearance();
        List<String> sheets = new ArrayList<>(List.of(resource(LIGHT_CSS).toExternalForm()));
        if (a.dark()) {
            sheets.add(resource(DARK_CSS).toExternalForm());
        }
        scene.getStylesheets().setAll(sheets);
        root.getStyleClass().removeAll("presentation");
        if (a.presentation()) {
            root.getStyleClass().add("presentation");
        }
        for (RunView v : views) {
            if (v instanceof Appearance.Aware aware) {
                aware.setAppearance(a);
            }
        }
    }

    /** Turns presentation mode on or off, as View › Presentation mode does (FX thread). */
    public void setPresentation(boolean on) {
        model.presentationProperty().set(on);
    }

    /** Switches between the light and the dark theme, as the View menu does (FX thread). */
    public void setDarkTheme(boolean dark) {
        (dark ? darkThemeItem : lightThemeItem).setSelected(true);
    }

    /** The current theme and presentation mode. */
    public Appearance appearance() {
        return model.appearance();
    }

    @FXML
    private void onShortcuts() {
        Shortcuts.showHelp(window());
    }

    @FXML
    private void onAbout() {
        Dialogs.info(window(), LabApp.TITLE + " " + EngineInfo.version(),
                "A lab for Flow Policy Optimization: train flow-matching policies with PPO and compare them with "
                        + "Gaussian PPO and DPPO.\n\n" + model.engineProperty().get().summary());
    }

    private void refreshOverlay() {
        debugOverlay.setText(model.overlayText(stallMonitor.worstStallMillis(), stallMonitor.recentStallMillis()));
    }

    private Window window() {
        return stage;
    }

    // ---- for the application, the screenshots command and tests ---------------------------------------

    /** Replaces the file and image-size dialogs (tests answer them without a native dialog). */
    public void setPrompts(Prompts prompts) {
        this.prompts = prompts;
    }

    /**
     * Replaces how the demo reads its presets by file name (tests shrink their budgets); by default
     * {@link SampleConfigs#load(String)}.
     */
    public void setDemoPresets(Function<String, ExperimentConfig> loader) {
        model.setDemoPresets(loader);
    }

    public MainWindowViewModel model() {
        return model;
    }

    public StallMonitor stallMonitor() {
        return stallMonitor;
    }

    public RunsViewModel runs() {
        return runs;
    }

    /** The followed sweep folder, if any (tests and the screenshots command look at it). */
    public SweepFollow sweeps() {
        return runListController.sweeps();
    }

    public ExperimentPanelViewModel panel() {
        return panel;
    }

    public TabPane viewArea() {
        return viewArea;
    }

    public List<RunView> views() {
        return List.copyOf(views);
    }

    /** Stops every run and waits for their threads; the window's background work ends too. */
    void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        if (stage != null) {
            stage.fullScreenProperty().removeListener(leftFullScreen);
        }
        overlayRefresh.stop();
        stallMonitor.stop();
        runListController.close();
        for (RunView v : views) {
            v.setVisible(false);
        }
        model.shutdown();
    }

    /** Used by {@link LabApp#stop()} and by callers that own the stage. */
    public void close() {
        shutdown();
    }

}
