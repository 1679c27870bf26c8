package io.fpolab.ui.views;

import io.fpolab.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.Node;

/**
 * A view of one training run hosted in the main window's view area (a tab). The main window tells
 * each view which run is selected; the view fetches what it draws through
 * {@link TrainingRun#submitOnCopy} (analysis runs on a copy of the trainer on its own thread, never on the FX
 * thread or the trainer's) and
 * redraws at a bounded rate while visible.
 */
public interface RunView {
    /** Tab title. */
    String title();

    /** The root node to place in a tab. */
    Node node();

    /** Shows {@code run} (null: nothing selected). Called on the FX thread. */
    void setRun(TrainingRun run);

    /**
     * All runs currently in the lab (for views that compare the selected run with another, e.g. the
     * Gaussian policy's distribution next to FPO's). Called on the FX thread whenever the list changes.
     */
    default void setAvailableRuns(java.util.List<TrainingRun> runs) {
    }

    /** Called when the view's tab is shown or hidden, so hidden views stop refreshing. */
    void setVisible(boolean visible);

    /** Writes what the view shows as a PNG of the given pixel size. */
    default void exportPng(Path file, int width, int height) throws IOException {
        exportPng(file, width, height, 1.0, 0);
    }

    /**
     * Writes what the view shows, with its key, as a PNG for a paper or slides: laid out at {@code width × height}
     * points and rendered at {@code scale} pixels per point (2 gives twice the pixels of the same figure), with
     * base text of {@code fontSize} points (0: sized from the figure). Called on a background thread.
     */
    void exportPng(Path file, int width, int height, double scale, double fontSize) throws IOException;

    /** Writes what the view shows as SVG. */
    default void exportSvg(Path file, int width, int height) throws IOException {
        exportSvg(file, width, height, 0);
    }

    /** Writes what the view shows, with its key, as SVG with base text of {@code fontSize} points (0: automatic). */
    void exportSvg(Path file, int width, int height, double fontSize) throws IOException;
}
