package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.ui.paint.GridWorldPainter;
import io.fpolab.ui.paint.Painter;
import java.io.IOException;
import java.nio.file.Path;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;

/**
 * What the analysis views share: the root and the empty state of their FXML, refreshing only while
 * visible and a run is selected, and export of the painter they show. Subclasses name their
 * refresher, run and painter.
 */
abstract class AnalysisView implements RunView {
    @FXML protected Pane root;
    @FXML protected BorderPane content;
    @FXML protected Label viewStatus;
    @FXML protected Label emptyLabel;
    protected boolean visible;

    /** Fetches this view's data from the trainer thread at a bounded rate. */
    abstract Refresher refresher();

    /** The run shown, or null. */
    abstract TrainingRun shownRun();

    /** What export writes: the painter currently on screen. */
    abstract Painter exportPainter();

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void setVisible(boolean shown) {
        visible = shown;
        refresher().setActive(shown && shownRun() != null);
    }

    /** Restarts refreshing for a newly selected run (or stops it when none is). */
    void restartRefresh(TrainingRun run) {
        refresher().setActive(false);
        refresher().invalidate();
        refresher().setActive(visible && run != null);
    }

    /**
     * Handles a click on a GridWorld cell picker: an empty cell becomes {@code target}'s analysis cell
     * and the view refreshes; clicks on walls, goals or outside the grid are ignored.
     */
    void selectClickedCell(MouseEvent e, PainterCanvas picker, StateTarget target) {
        if (picker.painter() instanceof GridWorldPainter gp) {
            GridLayout l = gp.scene().layout();
            int cell = gp.cellAt(e.getX(), e.getY(), (int) picker.getWidth(), (int) picker.getHeight());
            if (cell >= 0 && l.type(l.cellX(cell), l.cellY(cell)) == GridLayout.CellType.EMPTY) {
                target.selectCell(l.cellX(cell), l.cellY(cell));
                refresher().invalidate();
            }
        }
    }

    /** Shows the empty-state label instead of the content. */
    void showEmpty(boolean empty) {
        emptyLabel.setVisible(empty);
        content.setVisible(!empty);
    }

    @Override
    public void exportPng(Path file, int width, int height) throws IOException {
        Views.png(exportPainter(), file, width, height);
    }

    @Override
    public void exportSvg(Path file, int width, int height) throws IOException {
        Views.svg(exportPainter(), file, width, height);
    }
}
