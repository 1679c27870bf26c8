package io.fpolab;

import io.fpolab.core.EngineInfo;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts ND4J when the test session opens, before any test starts JavaFX, as the lab does before its window
 * ({@link EngineInfo#warmUp()} says why: ND4J's start and a JavaFX library load at the same moment deadlock).
 * Registered in {@code META-INF/services}.
 */
public class NativeLoadFirst implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        EngineInfo.startBeforeToolkit();
    }
}
