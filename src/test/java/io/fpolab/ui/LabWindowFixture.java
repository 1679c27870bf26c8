package io.fpolab.ui;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** Starts the real lab window before each test (with private preferences) and closes it after. */
abstract class LabWindowFixture extends FxRobot {
    protected LabApp app;
    protected MainWindowView view;

    @BeforeAll
    static void preferences() {
        LabFixture.usePrivatePreferences();
    }

    @BeforeEach
    void launch() throws Exception {
        LabFixture.usePrivatePreferences();
        FxToolkit.registerPrimaryStage();
        app = (LabApp) FxToolkit.setupApplication(LabApp.class);
        view = app.view();
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        LabFixture.cleanup();
    }
}
