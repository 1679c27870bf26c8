package io.fpolab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.SampleConfigs;
import io.fpolab.ui.experiment.ExperimentPanelViewModel;
import io.fpolab.ui.runs.RunsViewModel;
import io.fpolab.ui.util.Appearance;
import io.fpolab.ui.util.BackgroundExecutor;
import io.fpolab.ui.util.FxThread;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    void compareTrainsEachAlgorithmsPresetOfTheLoadedFamilyWithTheEditsApplied() throws Exception {
        ExperimentPanelViewModel panel = model.panel();
        SampleConfigs.Sample fpo = SampleConfigs.list().stream()
                .filter(s -> s.file().equals("cartpole-balance-fpo.json")).findFirst().orElseThrow();
        onFx(() -> panel.applyPreset(fpo)).get(30, TimeUnit.SECONDS);
        onFx(() -> {
            panel.field("seed").textProperty().set("3");
            panel.field("ppo.totalSteps").textProperty().set("50000");
            return null;
        });
        List<ExperimentConfig> pair = onFx(() -> panel.comparePair(panel.config()));
        assertEquals(ExperimentConfig.Algorithm.FPO, pair.get(0).algorithm());
        assertEquals(0.05, pair.get(0).ppo().clip(), 0);
        ExperimentConfig gauss = pair.get(1);
        assertEquals(ExperimentConfig.Algorithm.GAUSSIAN_PPO, gauss.algorithm());
        assertEquals(0.1, gauss.ppo().clip(), 0, "the authors' baseline clips at 0.1, FPO's paper recipe at 0.05");
        assertEquals(3, gauss.seed(), "the edits apply to both");
        assertEquals(50_000, gauss.ppo().totalSteps());
        assertEquals(SampleConfigs.load("cartpole-balance-gaussian-ppo.json").name(), gauss.name());
        assertEquals("cartpole-balance-gaussian-ppo-tuned.json",
                ExperimentPanelViewModel.siblingPreset("cartpole-balance-fpo-tuned.json",
                        ExperimentConfig.Algorithm.GAUSSIAN_PPO));
        assertEquals("gridworld-fpo-fast.json", ExperimentPanelViewModel.siblingPreset("gridworld-gaussian-ppo-fast.json",
                ExperimentConfig.Algorithm.FPO));

        // Not from a preset: the same settings with the algorithm switched.
        onFx(() -> {
            panel.show(ConfigSchema.defaults());
            return null;
        });
        List<ExperimentConfig> plain = onFx(() -> panel.comparePair(panel.config()));
        assertEquals(ConfigSchema.withOverride(plain.get(0), "algorithm", "gaussian_ppo"), plain.get(1));
    }

    @Test
    void runsOfALabTunedPresetAndOfCompareOnItSayTheyAreLabTuned() throws Exception {
        ExperimentPanelViewModel panel = model.panel();
        Map<String, SampleConfigs.Sample> listed = SampleConfigs.list().stream()
                .collect(java.util.stream.Collectors.toMap(SampleConfigs.Sample::file, s -> s));
        onFx(() -> model.applyPreset(listed.get("reacher-hard-fpo.json"))).get(30, TimeUnit.SECONDS);
        assertEquals("FPO · reacher-hard · s0", onFx(() -> model.runs().defaultName(panel.config())));

        onFx(() -> model.applyPreset(listed.get("reacher-hard-fpo-tuned.json"))).get(30, TimeUnit.SECONDS);
        onFx(() -> {
            panel.field("seed").textProperty().set("4");
            return null;
        });
        List<ExperimentConfig> pair = onFx(() -> panel.comparePair(panel.config()));
        assertEquals(List.of("FPO · reacher-hard (lab-tuned) · s4", "Gaussian PPO · reacher-hard (lab-tuned) · s4"),
                onFx(() -> pair.stream().map(model.runs()::defaultName).toList()),
                "the twin is named against its own preset, so it lists no changes but the seed");
    }

    @Test
    void choosingAnotherTaskOrAlgorithmOffersAPresetForItWhichLosesNoEditButTheChoice() throws Exception {
        ExperimentPanelViewModel panel = model.panel();
        panel.loadPresets().get(30, TimeUnit.SECONDS);
        assertNull(onFx(() -> panel.suggestedPresetProperty().get()), "the defaults are GridWorld's, for GridWorld");
        onFx(() -> {
            panel.field("env.id").textProperty().set("cheetah-run");
            return null;
        });
        assertEquals("cheetah-run-fpo.json", onFx(() -> panel.suggestedPresetProperty().get().file()));
        assertEquals("gridworld with FPO", onFx(panel::settingsMadeFor));
        assertEquals("id=cheetah-run", onFx(panel::unkeptChanges));
        assertNull(onFx(panel::unkeptChangesBesideTask), "the preset has the environment just chosen");
        onFx(() -> {
            panel.field("algorithm").textProperty().set("gaussian_ppo");
            panel.field("ppo.clip").textProperty().set("0.3");
            return null;
        });
        SampleConfigs.Sample gauss = onFx(() -> panel.suggestedPresetProperty().get());
        assertEquals("cheetah-run-gaussian-ppo.json", gauss.file());
        assertTrue(onFx(panel::unkeptChangesBesideTask).contains("clip=0.3"), "an edit of another setting is lost");

        onFx(() -> model.applyPreset(gauss)).get(30, TimeUnit.SECONDS);
        assertEquals(SampleConfigs.load("cheetah-run-gaussian-ppo.json"), onFx(panel::config));
        assertNull(onFx(() -> panel.suggestedPresetProperty().get()), "the settings are now the task's own");
        onFx(() -> {
            panel.field("env.id").textProperty().set("gridworld");
            return null;
        });
        assertEquals("gridworld-gaussian-ppo.json", onFx(() -> panel.suggestedPresetProperty().get().file()));

        // Another algorithm for the same task: the loaded preset's sibling, lab-tuned staying lab-tuned.
        SampleConfigs.Sample tuned = SampleConfigs.list().stream()
                .filter(s -> s.file().equals("reacher-hard-fpo-tuned.json")).findFirst().orElseThrow();
        onFx(() -> model.applyPreset(tuned)).get(30, TimeUnit.SECONDS);
        assertNull(onFx(() -> panel.suggestedPresetProperty().get()));
        onFx(() -> {
            panel.field("algorithm").textProperty().set("dppo");
            return null;
        });
        assertEquals("reacher-hard-dppo-tuned.json", onFx(() -> panel.suggestedPresetProperty().get().file()));
        assertEquals("reacher-hard with FPO", onFx(panel::settingsMadeFor));
        onFx(() -> {
            panel.field("algorithm").textProperty().set("fpo");
            return null;
        });
        assertNull(onFx(() -> panel.suggestedPresetProperty().get()), "back to what the settings were made for");
    }

    @Test
    void aRunsConfigCopiedToTheEditorKeepsItsPresetsFamily() throws Exception {
        ExperimentPanelViewModel panel = model.panel();
        panel.loadPresets().get(30, TimeUnit.SECONDS);
        ExperimentConfig tuned = SampleConfigs.load("reacher-hard-fpo-tuned.json");
        ExperimentConfig run = ConfigSchema.withOverride(tuned, "seed", "4");
        // What copying a run of the lab-tuned preset to the editor does (MainWindowViewModel.copyToEditor).
        onFx(() -> {
            panel.show(run);
            return panel.setBase(tuned);
        }).get(30, TimeUnit.SECONDS);
        assertEquals("reacher-hard with FPO", onFx(panel::settingsMadeFor));
        onFx(() -> {
            panel.field("algorithm").textProperty().set("gaussian_ppo");
            return null;
        });
        assertEquals("reacher-hard-gaussian-ppo-tuned.json", onFx(() -> panel.suggestedPresetProperty().get().file()),
                "the sibling of the run's own preset, not the paper's");
        onFx(() -> {
            panel.field("algorithm").textProperty().set("fpo");
            return null;
        });
        List<ExperimentConfig> pair = onFx(() -> panel.comparePair(panel.config()));
        assertEquals(ConfigSchema.withOverride(SampleConfigs.load("reacher-hard-gaussian-ppo-tuned.json"), "seed", "4"),
                pair.get(1), "Compare trains the family's Gaussian preset with the run's changes");
    }

    @Test
    void everyTaskHasAPaperPresetOfItsOwnToSuggestForFpoAndGaussianPpo() {
        List<SampleConfigs.Sample> presets = SampleConfigs.list();
        for (String id : ConfigSchema.ENV_IDS) {
            for (ExperimentConfig.Algorithm a : List.of(ExperimentConfig.Algorithm.FPO,
                    ExperimentConfig.Algorithm.GAUSSIAN_PPO)) {
                SampleConfigs.Sample s = ExperimentPanelViewModel.paperPreset(presets, id, a);
                assertTrue(s != null, id + " has no " + a + " preset to suggest");
                ExperimentConfig cfg = SampleConfigs.load(s);
                assertEquals(id, cfg.env().id(), s.file());
                assertEquals(a, cfg.algorithm(), s.file());
            }
        }
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
