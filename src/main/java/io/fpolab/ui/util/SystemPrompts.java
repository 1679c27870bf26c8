package io.fpolab.ui.util;

import io.fpolab.ui.util.Prompts.PngOptions;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** {@link Prompts} with the platform's file choosers; remembers the last folder for the session. */
final class SystemPrompts implements Prompts {
    private File lastDir;

    @Override
    public Optional<Path> openFile(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
        FileChooser c = chooser(title, filters);
        return remember(c.showOpenDialog(owner));
    }

    @Override
    public Optional<Path> saveFile(Window owner, String title, String initialName,
            List<FileChooser.ExtensionFilter> filters) {
        FileChooser c = chooser(title, filters);
        c.setInitialFileName(initialName);
        return remember(c.showSaveDialog(owner));
    }

    @Override
    public Optional<Path> directory(Window owner, String title) {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle(title);
        if (lastDir != null) {
            c.setInitialDirectory(lastDir);
        }
        File f = c.showDialog(owner);
        if (f != null) {
            lastDir = f.getParentFile();
        }
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public Optional<PngOptions> pngOptions(Window owner, PngOptions defaults) {
        Dialog<PngOptions> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Export PNG");
        d.setHeaderText("Image size");
        Spinner<Integer> w = new Spinner<>(200, 8000, defaults.width(), 100);
        Spinner<Integer> h = new Spinner<>(200, 8000, defaults.height(), 100);
        Spinner<Double> s = new Spinner<>(1.0, 4.0, defaults.scale(), 0.5);
        for (Spinner<?> sp : List.of(w, h, s)) {
            sp.setEditable(true);
        }
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label("Width (px)"), w);
        g.addRow(1, new Label("Height (px)"), h);
        g.addRow(2, new Label("DPI scale (×)"), s);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        d.setResultConverter(b -> b == ButtonType.OK ? new PngOptions(w.getValue(), h.getValue(), s.getValue()) : null);
        return d.showAndWait();
    }

    private FileChooser chooser(String title, List<FileChooser.ExtensionFilter> filters) {
        FileChooser c = new FileChooser();
        c.setTitle(title);
        c.getExtensionFilters().setAll(filters);
        if (lastDir != null && lastDir.isDirectory()) {
            c.setInitialDirectory(lastDir);
        }
        return c;
    }

    private Optional<Path> remember(File f) {
        if (f != null) {
            lastDir = f.getParentFile();
        }
        return Optional.ofNullable(f).map(File::toPath);
    }
}
