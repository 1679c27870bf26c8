package io.fpolab.ui.util;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The questions the lab asks the user through native dialogs (files, folders, image size). The main
 * window takes them through this interface so headless tests can answer them without a file dialog.
 */
public interface Prompts {
    /**
     * Size, pixel scale and text size of an exported figure.
     *
     * @param width    layout width in points (the figure is laid out at this size)
     * @param height   layout height in points
     * @param scale    pixels per point (2 gives a print-sharp image of the same layout, twice as many pixels)
     * @param fontSize base text size in points; 0 lets the figure choose from its size
     */
    record PngOptions(int width, int height, double scale, double fontSize) {
        /** The lab's default export: 1000 × 640 points at 2× (2000 × 1280 pixels), automatic text size. */
        public static final PngOptions DEFAULT = new PngOptions(1000, 640, 2.0, 0);

        /** Automatic text size. */
        public PngOptions(int width, int height, double scale) {
            this(width, height, scale, 0);
        }

        /** Pixel width of the image. */
        public int pixelWidth() {
            return (int) Math.round(width * scale);
        }

        /** Pixel height of the image. */
        public int pixelHeight() {
            return (int) Math.round(height * scale);
        }
    }

    Optional<Path> openFile(Window owner, String title, List<FileChooser.ExtensionFilter> filters);

    Optional<Path> saveFile(Window owner, String title, String initialName, List<FileChooser.ExtensionFilter> filters);

    Optional<Path> directory(Window owner, String title);

    Optional<PngOptions> pngOptions(Window owner, PngOptions defaults);

    /**
     * Asks for one line of text (a run's new name, the name of a config to save).
     *
     * @param header  the question ("Name of the saved experiment")
     * @param initial the proposed answer, selected so typing replaces it
     * @return the text as typed (not trimmed), or empty if the user cancelled
     */
    Optional<String> text(Window owner, String title, String header, String initial);

    /**
     * Asks whether to go on with something that cannot be undone.
     *
     * @param message what will happen and what is lost
     * @param action  the label of the button that goes on ("Load preset")
     * @return true to go on, false if the user cancelled
     */
    boolean confirm(Window owner, String title, String message, String action);

    /** Native file and folder choosers and the lab's image size dialog. */
    static Prompts system() {
        return new SystemPrompts();
    }
}
