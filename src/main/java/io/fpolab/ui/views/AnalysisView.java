package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import io.fpolab.env.grid.GridLayout;
import io.fpolab.ui.paint.GridWorldPainter;
import io.fpolab.ui.paint.Painter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;

/**
 * What the analysis views share: the root and the empty state of their FXML, refreshing only while
 * visible and a run is selected, and export of the painter they show. Each subclass names its
 * refresher, run and painter once, in its constructor, with {@link #wire}.
 */
abstract class AnalysisView implements RunView {
    @FXML protected Pane root;
    @FXML protected BorderPane content;
    @FXML protected Label viewStatus;
    @FXML protected Label emptyLabel;
    protected boolean visible;
    private Refresher refresher;
    private Supplier<TrainingRun> shownRun;
    private Supplier<Painter> exportPainter;

    /**
     * Names what this class works with: the refresher that fetches the view's data from the run's copy
     * at a bounded rate, the run shown (or null) and the painter on screen, which export writes.
     */
    final void wire(Refresher refresher, Supplier<TrainingRun> shownRun, Supplier<Painter> exportPainter) {
        this.refresher = refresher;
        this.shownRun = shownRun;
        this.exportPainter = exportPainter;
    }

    @Override
    public Node node() {
        return root;
    }

    @Override
    public void setVisible(boolean shown) {
        visible = shown;
        refresher.setActive(shown && shownRun.get() != null);
    }

    /** Restarts refreshing for a newly selected run (or stops it when none is). */
    void restartRefresh(TrainingRun run) {
        refresher.setActive(false);
        refresher.invalidate();
        refresher.setActive(visible && run != null);
    }

    /**
     * Handles a click on a GridWorld cell picker: an empty cell becomes {@code target}'s analysis cell
     * and the view refreshes; clicks on walls, goals or outside the grid are ignored.
     */
    void selectClickedCell(MouseEvent e, PainterCanvas picker, StateTarget target) {
        if (picker.painter() instanceof GridWorldPainter gp) {
            GridLayout l = gp.scene().layout();
            int cell = gp.cellAt(e.getX(), e.getY(), (int) picker.getWidth(), (int) picker.getHeight(),
                    picker.paintedStyle());
            if (cell >= 0 && l.type(l.cellX(cell), l.cellY(cell)) == GridLayout.CellType.EMPTY) {
                target.selectCell(l.cellX(cell), l.cellY(cell));
                refresher.invalidate();
            }
        }
    }

    /** Shows the empty-state label instead of the content. */
    void showEmpty(boolean empty) {
        emptyLabel.setVisible(empty);
        content.setVisible(!empty);
    }

    @Override
    public void exportPng(Path file, int width, int height, double scale, double fontSize) throws IOException {
        Views.png(exportPainter.get(), file, width, height, scale, fontSize);
    }

    @Override
    public void exportSvg(Path file, int width, int height, double fontSize) throws IOException {
        Views.svg(exportPainter.get(), file, width, height, fontSize);
    }
}
