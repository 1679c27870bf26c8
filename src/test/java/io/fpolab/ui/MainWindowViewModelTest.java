package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.ui.experiment.ExperimentPanelViewModel;
import io.fpolab.ui.runs.RunsViewModel;
import io.fpolab.ui.util.Appearance;
import io.fpolab.ui.util.BackgroundExecutor;
import io.fpolab.ui.util.FxThread;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The main window's state without a window: presentation mode and the side panel, the theme, the status line's
 * fallback, what an empty run list allows, and the notices of the compare command.
 */
class MainWindowViewModelTest {
    private MainWindowViewModel model;

    @BeforeAll
    static void toolkit() throws Exception {
        // The run list's pump is a Timeline, which needs the FX toolkit; no window is shown.
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void create() {
        BackgroundExecutor background = new BackgroundExecutor();
        model = FxThread.call(() -> new MainWindowViewModel(background, new ExperimentPanelViewModel(background),
                new RunsViewModel(background)));
    }

    @AfterEach
    void shutdown() {
        FxThread.call(() -> {
            model.shutdown();
            return null;
        });
    }

    /** Runs {@code work} on the FX thread, where the window's model lives, and returns its result. */
    private static <T> T onFx(Supplier<T> work) {
        return FxThread.call(work);
    }

    @Test
    void presentationModeFoldsTheSidePanelAwayAndRestoresItAsItWas() {
        BooleanProperty shown = model.sidePanelShownProperty();
        BooleanProperty presentation = model.presentationProperty();
        assertTrue(onFx(shown::get), "the side panel starts shown");
        assertFalse(onFx(() -> {
            presentation.set(true);
            return shown.get();
        }), "presentation mode hides it");
        assertTrue(onFx(() -> {
            shown.set(true);
            presentation.set(false);
            return shown.get();
        }), "leaving the mode shows it again");
        assertFalse(onFx(() -> {
            shown.set(false);
            presentation.set(true);
            presentation.set(false);
            return shown.get();
        }), "a panel hidden before the mode stays hidden");
    }

    @Test
    void theAppearanceIsTheThemeAndPresentationFlags() {
        assertEquals(Appearance.DEFAULT, onFx(model::appearance));
        assertEquals(new Appearance(true, true), onFx(() -> {
            model.darkProperty().set(true);
            model.presentationProperty().set(true);
            return model.appearance();
        }));
    }

    @Test
    void withoutRunsTheStatusLineIsTheWindowsOwnAndNoRunCommandApplies() {
        assertEquals("Starting…", onFx(model.statusTextProperty()::get));
        assertEquals(List.of(true, false, false, false, false), onFx(() -> List.of(model.noSelection().get(),
                model.resumable().get(), model.pausable().get(), model.stoppable().get(), model.diverged().get())),
                "no selection; resumable, pausable, stoppable, diverged");
        String overlay = onFx(() -> model.overlayText(12.5, 3));
        assertTrue(overlay.contains("worst 12.5 ms · last second 3.0 ms"), overlay);
        assertTrue(overlay.contains("Runs  0 running of 0"), overlay);
    }

    @Test
    void compareSaysHowManyRunsItReused() {
        assertNull(MainWindowViewModel.reusedNotice(0));
        assertEquals("Reused one run (same settings): only its twin trains", MainWindowViewModel.reusedNotice(1));
        assertEquals("Reused both runs (same settings): nothing new to train", MainWindowViewModel.reusedNotice(2));
    }

    @Test
    void theEngineIsDoneWhenReadyOrFailedAndTheAboutBoxNamesWhatItSaid() {
        MainWindowViewModel.EngineStatus starting = new MainWindowViewModel.EngineStatus("Engine: starting…", null,
                false);
        MainWindowViewModel.EngineStatus ready = new MainWindowViewModel.EngineStatus("Engine ready", "ND4J Cpu",
                false);
        MainWindowViewModel.EngineStatus failed = new MainWindowViewModel.EngineStatus("Engine failed: x", null, true);
        assertEquals(List.of(false, true, true), List.of(starting.done(), ready.done(), failed.done()));
        assertEquals("Engine ready (ND4J Cpu)", ready.summary());
        assertEquals("Engine failed: x", failed.summary());
    }

    @Test
    void noticesAreKeptForTheStatusBar() {
        assertEquals("", onFx(model.noticeProperty()::get));
        assertEquals("Exported a.png", onFx(() -> {
            model.notice("Exported a.png");
            return model.noticeProperty().get();
        }));
    }
}
