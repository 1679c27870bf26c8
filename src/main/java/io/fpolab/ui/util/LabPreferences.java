package io.fpolab.ui.util;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Window geometry, the side panel divider and the theme, remembered between sessions with
 * {@link Preferences}. The node is {@value #DEFAULT_NODE} unless the system property
 * {@value #NODE_PROPERTY} names another one (tests and the screenshots command use their own node so
 * they never change the user's settings).
 */
public final class LabPreferences {
    public static final String DEFAULT_NODE = "io/fpolab/lab";
    public static final String NODE_PROPERTY = "fpolab.prefs.node";

    private final Preferences node;

    public LabPreferences(Preferences node) {
        this.node = node;
    }

    /** The preferences of the running application (see the class docs for the node). */
    public static LabPreferences forApplication() {
        return new LabPreferences(Preferences.userRoot().node(System.getProperty(NODE_PROPERTY, DEFAULT_NODE)));
    }

    public boolean darkTheme() {
        return node.getBoolean("darkTheme", false);
    }

    public void setDarkTheme(boolean dark) {
        node.putBoolean("darkTheme", dark);
    }

    /** Puts the stage where it was last time, if that place is still on a screen. */
    public void restoreWindow(Stage stage, double defaultWidth, double defaultHeight) {
        double x = node.getDouble("x", Double.NaN);
        double y = node.getDouble("y", Double.NaN);
        // A monitor may have been unplugged or changed since; never restore a window to where nobody can see
        // it, nor larger than the screen it lands on.
        boolean placed = !Double.isNaN(x) && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 40)).isEmpty();
        Rectangle2D bounds = placed ? Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 40)).get(0)
                .getVisualBounds() : Screen.getPrimary().getVisualBounds();
        double w = Math.min(bounds.getWidth(), Math.max(640, node.getDouble("width", defaultWidth)));
        double h = Math.min(bounds.getHeight(), Math.max(480, node.getDouble("height", defaultHeight)));
        stage.setWidth(w);
        stage.setHeight(h);
        if (placed) {
            stage.setX(Math.max(bounds.getMinX(), Math.min(x, bounds.getMaxX() - w)));
            stage.setY(Math.max(bounds.getMinY(), Math.min(y, bounds.getMaxY() - h)));
        }
        stage.setMaximized(node.getBoolean("maximized", false));
    }

    /** Restores the divider between the side panel and the views. */
    public void restoreDivider(SplitPane split, double defaultPosition) {
        split.setDividerPositions(node.getDouble("divider", defaultPosition));
    }

    /** Remembers geometry and divider (call when the window closes). */
    public void save(Stage stage, SplitPane split) {
        if (!stage.isMaximized() && !stage.isFullScreen()) {
            node.putDouble("x", stage.getX());
            node.putDouble("y", stage.getY());
            node.putDouble("width", stage.getWidth());
            node.putDouble("height", stage.getHeight());
        }
        node.putBoolean("maximized", stage.isMaximized());
        if (!split.getDividers().isEmpty()) {
            node.putDouble("divider", split.getDividerPositions()[0]);
        }
    }

    /** Removes everything stored (tests). */
    public void clear() {
        try {
            node.clear();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("cannot clear preferences: " + e.getMessage(), e);
        }
    }
}
