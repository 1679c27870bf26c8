package io.fpolab.ui.views;

import io.fpolab.ui.charts.MetricsChartView;
import java.util.List;
import java.util.function.Supplier;

/** The run views the main window shows as tabs, in tab order. Each call to {@link #create()} makes fresh views. */
public final class ViewCatalog {
    private ViewCatalog() {
    }

    private static final List<Supplier<RunView>> FACTORIES = List.of(
            MetricsChartView::new,
            ActionDistributionView::create,
            FlowView::create,
            GridWorldView::create,
            SystemView::create,
            RatioView::create,
            DemoView::create,
            ConfigView::create);

    public static List<RunView> create() {
        return FACTORIES.stream().map(Supplier::get).toList();
    }
}
