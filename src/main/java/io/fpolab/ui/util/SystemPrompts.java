package io.fpolab.ui.util;

import io.fpolab.ui.util.Prompts.PngOptions;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import io.fpolab.ui.paint.PaintStyle;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * {@link Prompts} with the platform's file choosers, the lab's figure-export dialog and a one-line text dialog;
 * remembers the last folder while the lab is open.
 */
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
        d.setTitle("Export figure");
        d.setHeaderText("Figure size, sharpness and text size");
        Spinner<Integer> w = new Spinner<>(200, 8000, defaults.width(), 50);
        Spinner<Integer> h = new Spinner<>(200, 8000, defaults.height(), 50);
        Spinner<Double> s = new Spinner<>(1.0, 4.0, defaults.scale(), 0.5);
        Spinner<Integer> font = new Spinner<>(0, (int) PaintStyle.MAX_FONT_SIZE, (int) Math.round(defaults.fontSize()));
        font.getValueFactory().setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null || v == 0 ? "Auto" : Integer.toString(v);
            }

            @Override
            public Integer fromString(String text) {
                String t = text == null ? "" : text.strip();
                if (t.isEmpty() || t.equalsIgnoreCase("auto")) {
                    return 0;
                }
                try {
                    int v = Integer.parseInt(t);
                    return v == 0 ? 0 : Math.max((int) PaintStyle.MIN_FONT_SIZE, Math.min((int) PaintStyle.MAX_FONT_SIZE, v));
                } catch (NumberFormatException e) {
                    return font.getValue();
                }
            }
        });
        for (Spinner<?> sp : List.of(w, h, s, font)) {
            sp.setEditable(true);
        }
        Label pixels = new Label();
        Runnable showPixels = () -> pixels.setText(String.format(java.util.Locale.ROOT, "Image: %,d × %,d pixels",
                Math.round(w.getValue() * s.getValue()), Math.round(h.getValue() * s.getValue())));
        for (Spinner<?> sp : List.of(w, h, s)) {
            sp.valueProperty().addListener((obs, old, now) -> showPixels.run());
        }
        showPixels.run();
        w.setTooltip(new Tooltip("Width the figure is laid out at, in points"));
        h.setTooltip(new Tooltip("Height the figure is laid out at, in points"));
        s.setTooltip(new Tooltip("Pixels per point: 2× gives a print-sharp image of the same figure, twice as wide "
                + "and high"));
        font.setTooltip(new Tooltip("Base text size in points (tick labels, key); Auto sizes text from the figure. "
                + "Allowed: " + (int) PaintStyle.MIN_FONT_SIZE + " to " + (int) PaintStyle.MAX_FONT_SIZE));
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.addRow(0, new Label("Width (pt)"), w);
        g.addRow(1, new Label("Height (pt)"), h);
        g.addRow(2, new Label("Scale (×)"), s);
        g.addRow(3, new Label("Font size (pt)"), font);
        g.add(pixels, 0, 4, 2, 1);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        // The spinner steps through 1..5 on its way up from Auto; those sizes mean the smallest allowed.
        d.setResultConverter(b -> b == ButtonType.OK ? new PngOptions(w.getValue(), h.getValue(), s.getValue(),
                font.getValue() == 0 ? 0 : Math.max((int) PaintStyle.MIN_FONT_SIZE, font.getValue())) : null);
        return d.showAndWait();
    }

    @Override
    public Optional<String> text(Window owner, String title, String header, String initial) {
        TextInputDialog d = new TextInputDialog(initial);
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(header);
        d.getEditor().setPrefColumnCount(36);
        Platform.runLater(d.getEditor()::selectAll);
        return d.showAndWait();
    }

    @Override
    public boolean confirm(Window owner, String title, String message, String action) {
        ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, go, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(null);
        // Cancel is the default: Enter pressed out of habit keeps the user's work.
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(go)).setDefaultButton(false);
        ((javafx.scene.control.Button) a.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
        return a.showAndWait().filter(b -> b == go).isPresent();
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
