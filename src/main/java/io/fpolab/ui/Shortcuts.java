package io.fpolab.ui;

import io.fpolab.ui.util.Dialogs;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Window;

/**
 * The main window's keys beyond the menu accelerators (those are in {@code MainWindow.fxml}): second keys for
 * start and stop, and Space for pause/resume when no control that takes Space has the focus; and the Help ›
 * Keyboard shortcuts list that names them all. Kept in one place so the list and the keys do not drift apart.
 */
final class Shortcuts {
    /** Help › Keyboard shortcuts: each line a key, a tab and what it does. */
    static final String HELP = String.join("\n",
            "Ctrl+Enter, F5\tStart a run from the experiment panel",
            "Space, F6\tPause / resume the selected run",
            "F7\tStep: train one iteration, then pause",
            "Ctrl+.  Shift+F5\tStop the selected run",
            "Ctrl+D\tFigure 1 demo: FPO and Gaussian PPO side by side at the saddle cell",
            "Ctrl+O / Ctrl+S\tOpen / save experiment config",
            "Ctrl+Shift+O\tOpen a run folder, or follow a sweep folder while it trains",
            "F2\tRename the selected run",
            "F11\tPresentation mode (full screen, large text, side panel hidden)",
            "Ctrl+B\tShow / hide the side panel",
            "Ctrl+Shift+D\tDebug overlay (FX frame gaps, memory)",
            "Ctrl+Q\tQuit");

    private Shortcuts() {
    }

    /** F5 starts, Shift+F5 stops, Space pauses or resumes unless the focus owner uses Space itself. */
    static void install(Scene scene, Runnable start, Runnable stop, Runnable pauseResume) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), start);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5, KeyCombination.SHIFT_DOWN), stop);
        scene.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.SPACE && !e.isShortcutDown() && !e.isAltDown() && !typingTarget(scene)) {
                pauseResume.run();
                e.consume();
            }
        });
    }

    /** Shows the list of shortcuts. */
    static void showHelp(Window owner) {
        Dialogs.info(owner, "Keyboard shortcuts", HELP);
    }

    private static boolean typingTarget(Scene scene) {
        var owner = scene.getFocusOwner();
        return owner instanceof TextInputControl || owner instanceof ButtonBase || owner instanceof ComboBoxBase
                || owner instanceof TableView;
    }
}
