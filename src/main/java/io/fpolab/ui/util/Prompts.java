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
    /** Pixel size and DPI scale of an exported image. */
    record PngOptions(int width, int height, double scale) {
    }

    Optional<Path> openFile(Window owner, String title, List<FileChooser.ExtensionFilter> filters);

    Optional<Path> saveFile(Window owner, String title, String initialName, List<FileChooser.ExtensionFilter> filters);

    Optional<Path> directory(Window owner, String title);

    Optional<PngOptions> pngOptions(Window owner, PngOptions defaults);

    /** Native file and folder choosers and the lab's image size dialog. */
    static Prompts system() {
        return new SystemPrompts();
    }
}
