package io.fpolab.ui.experiment;

import io.fpolab.config.SampleConfigs;
import io.fpolab.config.SampleConfigs.Sample;
import java.util.List;
import java.util.Map;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * A row of the preset picker's list. The list holds ~100 presets in menu order; the first preset of each group
 * ("Paper", "Classroom", "Lab-tuned") carries its group's heading above it, and the first preset of each task within
 * a group a thin rule, as the File › New from preset menu separates them. The heading is part of the row, not an
 * item: a click on it selects nothing, and the keyboard steps over presets only. The preset's one-line description is
 * the row's tooltip.
 */
final class PresetCell extends ListCell<Sample> {

    /** What each group holds, shown under its name. */
    static final Map<String, String> GROUP_BLURBS = Map.of(
            SampleConfigs.PAPER, "the paper's recipes and baselines at a laptop budget",
            SampleConfigs.CLASSROOM, "two clear modes in about a minute",
            SampleConfigs.LAB_TUNED, "the lab's recipes, tuned to learn in 1M steps");

    private final Label heading = new Label();
    private final Label name = new Label();
    private final VBox headed = new VBox(2, heading, name);
    private final Tooltip tooltip = new Tooltip();

    PresetCell() {
        heading.getStyleClass().add("preset-group");
        heading.addEventHandler(MouseEvent.MOUSE_PRESSED, MouseEvent::consume);
        heading.addEventHandler(MouseEvent.MOUSE_CLICKED, MouseEvent::consume);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        tooltip.setShowDelay(Duration.millis(400));
    }

    @Override
    protected void updateItem(Sample s, boolean empty) {
        super.updateItem(s, empty);
        getStyleClass().remove("preset-new-task");
        if (empty || s == null) {
            setText(null);
            setGraphic(null);
            setTooltip(null);
            return;
        }
        String label = ExperimentPanelViewModel.presetLabel(s);
        Sample before = previous();
        if (before == null || !before.group().equals(s.group())) {
            String blurb = GROUP_BLURBS.get(s.group());
            heading.setText(blurb == null ? s.group() : s.group() + " — " + blurb);
            name.setText(label);
            setText(null);
            setGraphic(headed);
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            if (before != null) {
                getStyleClass().add("preset-new-task");
            }
        } else {
            setText(label);
            setGraphic(null);
            setContentDisplay(ContentDisplay.LEFT);
            if (!task(before).equals(task(s))) {
                getStyleClass().add("preset-new-task");
            }
        }
        tooltip.setText(s.description());
        setTooltip(s.description() == null || s.description().isBlank() ? null : tooltip);
    }

    private Sample previous() {
        int i = getIndex();
        List<Sample> items = getListView() == null ? List.of() : getListView().getItems();
        return i > 0 && i <= items.size() ? items.get(i - 1) : null;
    }

    /** The task part of a preset's title ("CartpoleBalance" of "CartpoleBalance · FPO (paper recipe)"). */
    private static String task(Sample s) {
        return s.title().split(" · ", 2)[0];
    }
}
