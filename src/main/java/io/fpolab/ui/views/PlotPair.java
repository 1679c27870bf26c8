package io.fpolab.ui.views;

import io.fpolab.ui.paint.ActionPlots;
import io.fpolab.ui.paint.Panels;
import java.util.List;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.layout.Pane;

/**
 * Lays out one plot, or two plots (a run and the run it is compared with) side by side or one above the
 * other — whichever lets each plot be drawn larger. Action plots keep their aspect ratio, so two of them
 * side by side in a tall area used to fill only its top third. The PNG/SVG export applies the same rule
 * ({@link Panels#fitted}) with the same aspect ({@link ActionPlots#aspect}).
 */
public final class PlotPair extends Pane {
    private boolean stacked;
    private double aspect = ActionPlots.ASPECT;

    /** Width over height the plots fill best (a GridWorld distribution is wider than a plain heatmap). */
    public void setAspect(double aspect) {
        if (aspect != this.aspect) {
            this.aspect = aspect;
            requestLayout();
        }
    }

    public double aspect() {
        return aspect;
    }

    /** True when the last layout put the plots one above the other. */
    public boolean stacked() {
        return stacked;
    }

    /**
     * Whether {@code n} continuous-action plots are drawn larger stacked in a {@code width × height} area (as
     * exports).
     */
    static boolean stackIsLarger(double width, double height, int n) {
        return Panels.stackIsLarger(width, height, n, ActionPlots.ASPECT);
    }

    @Override
    protected void layoutChildren() {
        List<Node> plots = getManagedChildren();
        int n = plots.size();
        if (n == 0) {
            return;
        }
        Insets in = getInsets();
        double w = getWidth() - in.getLeft() - in.getRight();
        double h = getHeight() - in.getTop() - in.getBottom();
        stacked = Panels.stackIsLarger(w, h, n, aspect);
        double cellW = stacked ? w : w / n;
        double cellH = stacked ? h / n : h;
        for (int i = 0; i < n; i++) {
            double x = in.getLeft() + (stacked ? 0 : i * cellW);
            double y = in.getTop() + (stacked ? i * cellH : 0);
            layoutInArea(plots.get(i), x, y, cellW, cellH, 0, HPos.CENTER, VPos.TOP);
        }
    }
}
