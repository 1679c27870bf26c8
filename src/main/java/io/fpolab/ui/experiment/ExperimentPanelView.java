package io.fpolab.ui.experiment;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.FieldSpec;
import io.fpolab.config.SampleConfigs.Sample;
import io.fpolab.ui.runs.Labels;
import io.fpolab.ui.runs.RunsViewModel;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * Controller of {@code fxml/ExperimentPanel.fxml}: builds one editor per setting of the schema, grouped
 * by section in collapsible panes, and binds them to {@link ExperimentPanelViewModel}. It holds no logic
 * of its own; file dialogs and starting runs are forwarded to the main window.
 */
public class ExperimentPanelView {
    /** Editors of settings get this id prefix plus the path with dots as dashes ("field-ppo-totalSteps"). */
    public static final String FIELD_ID_PREFIX = "field-";

    private static final Map<String, String> SECTION_TITLES = Map.of(
            "", "General", "env", "Environment", "actor", "Policy network", "critic", "Value network",
            "flow", "Flow policy (FPO, DPPO)", "gaussian", "Gaussian policy", "dppo", "DPPO", "ppo", "PPO",
            "eval", "Evaluation");
    /** Settings with their own editor at the top of the panel. */
    private static final List<String> TOP_FIELDS = List.of("seed", "algorithm", "env.id");

    @FXML private ComboBox<Sample> presetBox;
    @FXML private ComboBox<String> envBox;
    @FXML private ComboBox<String> algorithmBox;
    @FXML private TextField seedField;
    @FXML private Label seedError;
    @FXML private VBox suggestionBox;
    @FXML private Label suggestionLabel;
    @FXML private Hyperlink suggestionLink;
    @FXML private VBox sections;
    @FXML private Label problemLabel;
    @FXML private Button startButton;
    @FXML private Button compareButton;

    private ExperimentPanelViewModel viewModel;
    private Runnable onOpen = () -> { };
    private Runnable onSave = () -> { };
    private Consumer<ExperimentConfig> onStart = c -> { };
    private Consumer<ExperimentConfig> onCompare = c -> { };
    private Consumer<Sample> onPreset = s -> { };
    private boolean showingPreset;
    /** The preset, file or run the editor was last loaded from, as the picker shows it. */
    private Sample shown;
    /** Escape closed the picker's list: the list's selection is dropped. */
    private boolean escaped;
    /** What was typed into the open preset list, and when last ({@link #typeAhead}). */
    private final StringBuilder typed = new StringBuilder();
    private long lastTyped;

    /** Connects the view to its model (called once, after loading the FXML). */
    public void bind(ExperimentPanelViewModel vm) {
        this.viewModel = vm;
        presetBox.setItems(vm.presets());
        presetBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Sample s) {
                return s == null ? "" : ExperimentPanelViewModel.presetLabel(s);
            }

            @Override
            public Sample fromString(String s) {
                return null;
            }
        });
        // Preset names are long ("MountainCarContinuous-v0 · FPO (FPO++ trust region)"): the chosen one wraps
        // onto a second line rather than being cut to "Mountain…" in a narrow side panel.
        presetBox.setButtonCell(new WrappingCell<>(presetBox.getConverter()));
        presetBox.setCellFactory(list -> new PresetCell());
        presetBox.setVisibleRowCount(16);
        // A preset loads when chosen (a click, or Enter in the open list), not while the arrow keys walk the list:
        // each load replaces the editor's settings. Escape closes the list and keeps what the editor holds.
        presetBox.setOnAction(e -> {
            if (!presetBox.isShowing()) {
                choose(presetBox.getValue());
            }
        });
        presetBox.setOnHidden(e -> {
            if (escaped) {
                escaped = false;
                showPreset(shown);
            } else {
                // After the list has closed: loading may ask first, in a dialog of its own.
                Sample chosen = presetBox.getValue();
                javafx.application.Platform.runLater(() -> choose(chosen));
            }
        });
        // The open list lives in a popup window of its own, whose scene gets the keys: Escape, and letters that jump
        // to the next preset whose name starts with what was typed (within a second; "reacher hard d" finds
        // "ReacherHard · DPPO (paper)").
        presetBox.setOnShown(e -> {
            escaped = false;
            typed.setLength(0);
            ListView<?> list = popupList(presetBox);
            if (list != null && list.getScene() != null && list.getProperties().putIfAbsent("key-watch", true) == null) {
                javafx.scene.Scene popup = list.getScene();
                popup.addEventFilter(KeyEvent.KEY_PRESSED, k -> {
                    escaped |= k.getCode() == KeyCode.ESCAPE;
                    // The list closes on Space; while a name is being typed it is a space between its words.
                    if (k.getCode() == KeyCode.SPACE && typing(System.nanoTime())) {
                        k.consume();
                    }
                });
                popup.addEventFilter(KeyEvent.KEY_TYPED, k -> {
                    if (typeAhead(k.getCharacter(), System.nanoTime())) {
                        list.scrollTo(presetBox.getSelectionModel().getSelectedIndex());
                        k.consume();
                    }
                });
            }
        });

        envBox.getItems().setAll(ConfigSchema.ENV_IDS);
        showLastRowWholeOnEnd(envBox);
        // A task this machine cannot train (MuJoCo missing) stays listed, greyed out, with how to get it; a disabled
        // cell shows no tooltip, so the hint is in its text (Start gives the whole reason).
        envBox.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String id, boolean empty) {
                super.updateItem(id, empty);
                String why = empty || id == null ? null : vm.envUnavailable(id);
                setText(empty || id == null ? null : why == null ? id : id + "  (needs MuJoCo 2.2.2: apt-get install "
                        + "libmujoco-dev, or FPOLAB_MUJOCO)");
                setDisable(why != null);
            }
        });
        envBox.valueProperty().bindBidirectional(vm.field("env.id").textProperty());
        envBox.setId(fieldId("env.id"));
        tooltip(envBox, vm.field("env.id"));

        showLastRowWholeOnEnd(algorithmBox);
        algorithmBox.getItems().setAll(RunsViewModel.algorithms().stream()
                .map(a -> vm.field("algorithm").spec().format(a)).toList());
        algorithmBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null ? "" : Labels.algorithm((ExperimentConfig.Algorithm)
                        vm.field("algorithm").spec().parseText(name));
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        algorithmBox.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : algorithmBox.getConverter().toString(item));
            }
        });
        algorithmBox.valueProperty().bindBidirectional(vm.field("algorithm").textProperty());
        algorithmBox.setId(fieldId("algorithm"));
        tooltip(algorithmBox, vm.field("algorithm"));

        FieldViewModel seed = vm.field("seed");
        seedField.textProperty().bindBidirectional(seed.textProperty());
        seedField.setId(fieldId("seed"));
        markErrors(seedField, seed, seedError);
        tooltip(seedField, seed);

        String current = null;
        GridPane grid = null;
        int row = 0;
        for (FieldViewModel f : vm.fields()) {
            if (TOP_FIELDS.contains(f.path())) {
                continue;
            }
            String section = f.spec().section();
            if (!section.equals(current)) {
                current = section;
                grid = newGrid();
                row = 0;
                TitledPane pane = new TitledPane(SECTION_TITLES.getOrDefault(section, section), grid);
                pane.setId("section-" + (section.isEmpty() ? "general" : section));
                pane.setExpanded(section.equals("ppo"));
                pane.setAnimated(false);
                sections.getChildren().add(pane);
            }
            row = addField(grid, row, f);
        }

        // Choosing another environment or algorithm keeps every other setting; the panel offers a preset for the choice.
        vm.suggestedPresetProperty().addListener((obs, old, s) -> {
            suggestionBox.setVisible(s != null);
            if (s != null) {
                suggestionLabel.setText("These settings were made for " + vm.settingsMadeFor() + ".");
                suggestionLink.setText("Load " + s.title());
            }
        });
        suggestionBox.managedProperty().bind(suggestionBox.visibleProperty());
        Tooltip suggestion = new Tooltip("Every other setting is still that of the preset, file or run last loaded; "
                + "another task or algorithm usually needs other ones (network, budget, discount, clip, evaluation). "
                + "The link loads a preset of the chosen task and algorithm: the loaded preset's own sibling for the "
                + "same task, else the task's paper preset. The Preset list has the others.");
        suggestion.setWrapText(true);
        suggestion.setMaxWidth(420);
        suggestion.setShowDelay(Duration.millis(400));
        suggestionLink.setTooltip(suggestion);

        problemLabel.textProperty().bind(vm.problemProperty());
        problemLabel.visibleProperty().bind(vm.problemProperty().isNotNull());
        problemLabel.managedProperty().bind(problemLabel.visibleProperty());
        startButton.disableProperty().bind(vm.validProperty().not());
        compareButton.disableProperty().bind(vm.validProperty().not());
        Tooltip compare = new Tooltip("Trains the experiment as FPO and as Gaussian PPO side by side. Loaded from a "
                + "preset, each algorithm runs its own preset of that family (the paper presets' Gaussian run is the "
                + "authors' baseline) with your edits applied to both; otherwise the same settings with the algorithm "
                + "switched. A run already in the list with the same settings is reused.");
        compare.setWrapText(true);
        compare.setMaxWidth(420);
        compare.setShowDelay(Duration.millis(400));
        compareButton.setTooltip(compare);
    }

    /**
     * A combo box's button cell that wraps its text. A combo box asks its button cell for a height without
     * a width; this cell answers with the height at its current width, and asks for a new layout when that
     * width changes, so the combo box grows by a line instead of cutting the text. Not for combo boxes
     * inside a scroll pane: a scroll bar that comes and goes with the extra line changes the width again,
     * and the layout never settles.
     */
    private static final class WrappingCell<T> extends ListCell<T> {
        private final StringConverter<T> converter;

        WrappingCell(StringConverter<T> converter) {
            this.converter = converter;
            setWrapText(true);
            widthProperty().addListener((obs, old, now) -> {
                if (getParent() != null && Math.abs(now.doubleValue() - old.doubleValue()) > 0.5) {
                    getParent().requestLayout();
                }
            });
        }

        @Override
        protected void updateItem(T item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : converter.toString(item));
        }

        @Override
        protected double computePrefHeight(double width) {
            return super.computePrefHeight(width < 0 && getWidth() > 0 ? getWidth() : width);
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }
    }

    private static GridPane newGrid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        // Keys keep their full width (they are the config's field names); the editors give way.
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints editors = new ColumnConstraints();
        editors.setHgrow(Priority.ALWAYS);
        editors.setFillWidth(true);
        g.getColumnConstraints().setAll(labels, editors);
        return g;
    }

    private int addField(GridPane grid, int row, FieldViewModel f) {
        Label label = new Label(f.spec().key());
        label.setMinWidth(Region.USE_PREF_SIZE);
        label.disableProperty().bind(f.applicableProperty().not());
        Control editor = editor(f);
        editor.setId(fieldId(f.path()));
        editor.setMaxWidth(Double.MAX_VALUE);
        editor.disableProperty().bind(f.applicableProperty().not());
        label.setLabelFor(editor);
        tooltip(label, f);
        grid.addRow(row, label, editor);
        Label error = new Label();
        error.getStyleClass().add("field-error");
        error.setWrapText(true);
        error.setId("error-" + f.path().replace('.', '-'));
        grid.add(error, 0, row + 1, 2, 1);
        markErrors(editor, f, error);
        tooltip(editor, f);
        return row + 2;
    }

    private Control editor(FieldViewModel f) {
        FieldSpec spec = f.spec();
        if (spec.kind() == FieldSpec.Kind.BOOL) {
            CheckBox box = new CheckBox();
            box.setSelected(Boolean.parseBoolean(f.textProperty().get()));
            box.selectedProperty().addListener((obs, old, now) -> f.textProperty().set(Boolean.toString(now)));
            f.textProperty().addListener((obs, old, now) -> box.setSelected(Boolean.parseBoolean(now)));
            return box;
        }
        if (!spec.choices().isEmpty()) {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().setAll(spec.choices());
            showLastRowWholeOnEnd(box);
            box.valueProperty().bindBidirectional(f.textProperty());
            return box;
        }
        TextField field = new TextField();
        field.textProperty().bindBidirectional(f.textProperty());
        return field;
    }

    /** A red editor and the reason below it while the text is invalid and the setting applies. */
    private static void markErrors(Control editor, FieldViewModel f, Label errorLabel) {
        var shown = f.errorProperty().isNotNull().and(f.applicableProperty());
        errorLabel.textProperty().bind(f.errorProperty());
        errorLabel.visibleProperty().bind(shown);
        errorLabel.managedProperty().bind(shown);
        shown.addListener((obs, old, now) -> {
            if (now) {
                editor.getStyleClass().add("invalid");
            } else {
                editor.getStyleClass().removeAll("invalid");
            }
        });
    }

    /**
     * End in a list that has not been scrolled through yet left its last row half below the list: JavaFX places rows
     * it has not laid out by estimated heights. The rows of these lists are one line each, so once the first rows
     * are laid out their height is every row's. It is measured again at each opening (presentation mode changes the
     * font).
     */
    private static void showLastRowWholeOnEnd(ComboBox<?> box) {
        box.addEventHandler(ComboBoxBase.ON_SHOWN, e -> javafx.application.Platform.runLater(() -> {
            ListView<?> list = popupList(box);
            if (list != null && list.lookup(".list-cell") instanceof javafx.scene.control.ListCell<?> cell
                    && cell.getHeight() > 0) {
                list.setFixedCellSize(cell.getHeight());
            }
        }));
        box.addEventHandler(ComboBoxBase.ON_HIDDEN, e -> {
            ListView<?> list = popupList(box);
            if (list != null) {
                list.setFixedCellSize(-1);
            }
        });
    }

    /** The list a combo box opens, or null before its skin has made one. */
    private static ListView<?> popupList(ComboBox<?> box) {
        return box.getSkin() instanceof ComboBoxListViewSkin<?> skin && skin.getPopupContent() instanceof ListView<?> l
                ? l : null;
    }

    private static void tooltip(Control c, FieldViewModel f) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(Bindings.createStringBinding(() -> f.error() == null ? f.help()
                : f.error() + "\n\n" + f.help(), f.errorProperty()));
        t.setWrapText(true);
        t.setMaxWidth(420);
        t.setShowDelay(Duration.millis(400));
        t.setShowDuration(Duration.seconds(30));
        c.setTooltip(t);
    }

    /** The node id of a setting's editor. */
    public static String fieldId(String path) {
        return FIELD_ID_PREFIX + path.replace('.', '-');
    }

    /** Forwards the panel's buttons to the main window. */
    public void setActions(Runnable open, Runnable save, Consumer<ExperimentConfig> start,
            Consumer<ExperimentConfig> compare, Consumer<Sample> preset) {
        this.onOpen = open;
        this.onSave = save;
        this.onStart = start;
        this.onCompare = compare;
        this.onPreset = preset;
    }

    /** Selects a preset in the picker without reloading it. */
    public void showPreset(Sample s) {
        showingPreset = true;
        try {
            shown = s;
            presetBox.setValue(s);
        } finally {
            showingPreset = false;
        }
    }

    /** What the picker names as the editor's source: the last preset, file or run shown (null before any). */
    public Sample shownPreset() {
        return shown;
    }

    /**
     * Type-ahead in the open preset list: {@code c} extends the typed text (a pause over a second starts it
     * afresh) and the list's selection moves to the first preset, from the selected one on, whose name starts with
     * it, comparing letters and digits only, in any case. Returns whether the selection moved.
     */
    boolean typeAhead(String c, long nanos) {
        if (c.isEmpty() || Character.isISOControl(c.charAt(0))) {
            return false;
        }
        if (!typing(nanos)) {
            typed.setLength(0);
        }
        lastTyped = nanos;
        typed.append(c);
        String prefix = lettersAndDigits(typed);
        List<Sample> items = presetBox.getItems();
        int from = Math.max(0, presetBox.getSelectionModel().getSelectedIndex());
        for (int k = 0; k < items.size() && !prefix.isEmpty(); k++) {
            int i = (from + k) % items.size();
            if (lettersAndDigits(items.get(i).title()).startsWith(prefix)) {
                presetBox.getSelectionModel().select(i);
                return true;
            }
        }
        return false;
    }

    /** Whether a type-ahead is going on: something was typed into the open list within the last second. */
    boolean typing(long nanos) {
        return typed.length() > 0 && nanos - lastTyped <= 1_000_000_000L;
    }

    private static String lettersAndDigits(CharSequence s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().filter(Character::isLetterOrDigit).map(Character::toLowerCase).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Hands a preset chosen in the picker to the main window, unless it is the one shown already. */
    private void choose(Sample s) {
        if (s != null && s != shown && !showingPreset) {
            onPreset.accept(s);
        }
    }

    public Node startButton() {
        return startButton;
    }

    @FXML
    private void onOpen() {
        onOpen.run();
    }

    @FXML
    private void onSave() {
        onSave.run();
    }

    @FXML
    private void onSuggestion() {
        Sample s = viewModel.suggestedPresetProperty().get();
        if (s != null) {
            onPreset.accept(s);
        }
    }

    @FXML
    private void onStart() {
        if (viewModel.config() != null) {
            onStart.accept(viewModel.config());
        }
    }

    @FXML
    private void onCompare() {
        if (viewModel.config() != null) {
            onCompare.accept(viewModel.config());
        }
    }
}
