package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TabPane;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real application headless and checks the main window's parts by id. */
class MainWindowTest extends FxRobot {
    private Application app;

    @BeforeEach
    void launch() throws Exception {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(LabApp.class);
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
    }

    @Test
    void mainWindowHasMenuPanelViewsAndStatusBar() throws Exception {
        Stage stage = FxToolkit.toolkitContext().getRegisteredStage();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.getTitle().startsWith(LabApp.TITLE), stage.getTitle());
        assertNotNull(lookup("#menuBar").queryAs(MenuBar.class));
        assertNotNull(lookup("#experimentPanel").queryAs(Pane.class));
        assertNotNull(lookup("#viewArea").queryAs(TabPane.class));
        assertNotNull(lookup("#statusBar").queryAs(Pane.class));
        assertNotNull(lookup("#progressBar").queryAs(ProgressBar.class));
    }

    @Test
    void statusBarReportsEngineReady() throws Exception {
        Label engine = lookup("#engineLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> engine.getText().startsWith("Engine ready"));
        assertEquals("Ready", lookup("#statusLabel").queryAs(Label.class).getText());
    }
}
