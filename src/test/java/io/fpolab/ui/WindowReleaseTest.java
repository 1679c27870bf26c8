package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A closed lab window leaves nothing behind on its stage: the next window on the same stage (as every window test
 * of the suite opens one) does not keep the previous one, its runs and its views reachable.
 */
class WindowReleaseTest extends FxRobot {
    @Test
    void aClosedWindowCanBeCollectedWhileTheStageLivesOn() throws Exception {
        LabFixture.usePrivatePreferences();
        FxToolkit.registerPrimaryStage();
        LabApp first = (LabApp) FxToolkit.setupApplication(LabApp.class);
        WeakReference<MainWindowView> closed = new WeakReference<>(first.view());
        FxToolkit.cleanupApplication(first);
        LabFixture.cleanup();
        first = null;
        LabApp second = (LabApp) FxToolkit.setupApplication(LabApp.class);
        try {
            for (int i = 0; i < 30 && closed.get() != null; i++) {
                System.gc();
                Thread.sleep(100);
            }
            assertNull(closed.get(), "the closed window's MainWindowView is still reachable");
        } finally {
            FxToolkit.cleanupApplication(second);
            LabFixture.cleanup();
        }
    }
}
