package io.fpolab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ExperimentConfig.AdvantageNorm;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.config.ExperimentConfig.LrSchedule;
import io.fpolab.core.TestConfigs;
import io.fpolab.core.nn.Activation;
import io.fpolab.core.policy.CfmLoss;
import io.fpolab.core.policy.GaussianEntropy;
import io.fpolab.core.policy.Sampler;
import io.fpolab.core.policy.StdMode;
import io.fpolab.core.policy.TauSampling;
import io.fpolab.core.policy.TimeEmbedding;
import io.fpolab.core.rl.RatioMode;
import io.fpolab.core.rl.TrustRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SampleConfigsTest {

    @Test
    void everyListedSampleLoadsAndItsNameIsItsTitle() {
        for (SampleConfigs.Sample s : SampleConfigs.list()) {
            ExperimentConfig c = SampleConfigs.load(s);
            assertEquals(s.title(), c.name(), s.file());
            assertFalse(s.description().isBlank(), s.file());
        }
    }

    @Test
    void indexMatchesTheSampleDirectory() throws IOException {
        TreeSet<String> onDisk;
        try (Stream<Path> files = Files.list(Path.of("sample-configs"))) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.equals("index.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        TreeSet<String> listed = SampleConfigs.list().stream().map(SampleConfigs.Sample::file)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(onDisk, listed);
    }

    @Test
    void sampleFilesAreInCanonicalForm() throws IOException {
        for (SampleConfigs.Sample s : SampleConfigs.list()) {
            String text = Files.readString(Path.of("sample-configs", s.file()));
            assertEquals(ConfigIO.toJson(SampleConfigs.load(s)), text, s.file() + " is not as ConfigIO.toJson writes it");
        }
    }

    @Test
    void figureOnePresetIsTheDefaultsWithATitle() {
        Map<String, Object> preset = ConfigSchema.toMap(SampleConfigs.load(SampleConfigs.REPRODUCE_FIGURE_1));
        Map<String, Object> defaults = ConfigSchema.toMap(ConfigSchema.defaults());
        // The preset computes its policy gradient in 2 shards: a speed setting, which changes only float rounding.
        assertEquals(2, preset.remove("ppo.shards"));
        for (String key : new String[] {"name", "description", "ppo.shards"}) {
            preset.remove(key);
            defaults.remove(key);
        }
        assertEquals(defaults, preset);
    }

    @Test
    void baselinesDifferFromFpoOnlyWhereTheBriefSays() {
        ExperimentConfig gauss = SampleConfigs.load("gridworld-gaussian-ppo.json");
        assertEquals(Algorithm.GAUSSIAN_PPO, gauss.algorithm());
        assertEquals(StdMode.FIXED, gauss.gaussian().std());
        assertEquals(Math.sqrt(0.5), gauss.gaussian().initStd(), 1e-15);
        ExperimentConfig.PpoConfig fpo = SampleConfigs.load("gridworld-fpo.json").ppo();
        // Same PPO settings, but the paper's constant rate and twice the (cheap) budget, so it commits; its small
        // update gains nothing from shards.
        assertEquals(new ExperimentConfig.PpoConfig(2 * fpo.totalSteps(), fpo.stepsPerEnv(), fpo.epochs(),
                fpo.minibatches(), fpo.clip(), fpo.gamma(), fpo.gaeLambda(), fpo.lr(), fpo.criticLr(),
                ExperimentConfig.LrSchedule.CONSTANT, fpo.maxGradNorm(), fpo.targetKl(), fpo.advantageNorm(), fpo.jointOptimizer(),
                fpo.valueCoef(), fpo.obsNorm(), fpo.rewardScale(), fpo.noiseCorrelation(), fpo.advantageStdFloor(), 1, fpo.criticShards(), fpo.threads()),
                gauss.ppo());
        ExperimentConfig dppo = SampleConfigs.load("gridworld-dppo.json");
        assertEquals(0.05, dppo.dppo().sigma());
        assertEquals(0.2, dppo.ppo().clip());
        assertEquals(10, dppo.flow().steps());
    }

    @Test
    void theMenusStepCountsAreThePresetsBudgets() {
        java.util.regex.Pattern steps = java.util.regex.Pattern.compile("\\(([\\d,]+) steps\\)");
        int checked = 0;
        for (SampleConfigs.Sample s : SampleConfigs.list()) {
            java.util.regex.Matcher m = steps.matcher(s.description());
            if (m.find()) {
                assertEquals(SampleConfigs.load(s.file()).ppo().totalSteps(), Long.parseLong(m.group(1).replace(",", "")),
                        s.file() + ": index.json says " + m.group());
                checked++;
            }
        }
        assertTrue(checked >= 36, "menu entries with a step count: " + checked);
    }

    /**
     * The control tasks with paper presets: all but GridWorld and the fork task (a classroom pair). All but the
     * MuJoCo tasks also have lab-tuned presets.
     */
    private static final List<String> CONTROL_TASKS = ConfigSchema.ENV_IDS.subList(1, ConfigSchema.ENV_IDS.size()).stream()
            .filter(id -> !id.equals("fork-easy")).toList();
    private static final List<String> TUNED_TASKS = CONTROL_TASKS.stream()
            .filter(id -> !ConfigSchema.MUJOCO_IDS.contains(id)).toList();

    /** dm_control tasks, in the lab's physics or in MuJoCo: the env gets tanh(a) and the entropy is the squashed one. */
    private static boolean dmControlTask(String task) {
        return ConfigSchema.DM_CONTROL_IDS.contains(task) || ConfigSchema.MUJOCO_IDS.contains(task);
    }
    private static final List<String> ALGORITHMS = List.of("fpo", "gaussian-ppo", "dppo");

    /** The tasks Playground trains with discount 0.95 ({@code dm_control_suite_params.py}); all others 0.995. */
    private static final Set<String> DISCOUNT_095 = Set.of("ball_in_cup-catch", "finger-spin");

    @Test
    void controlPresetsExistForEveryTaskAlgorithmAndFamily() {
        Map<String, SampleConfigs.Sample> listed = new HashMap<>();
        for (SampleConfigs.Sample s : SampleConfigs.list()) {
            listed.put(s.file(), s);
        }
        for (String task : CONTROL_TASKS) {
            for (String family : TUNED_TASKS.contains(task) ? List.of("", "-tuned") : List.of("")) {
                long budget = -1;
                ExperimentConfig.EnvConfig env = null;
                for (String algo : ALGORITHMS) {
                    String file = task + "-" + algo + family + ".json";
                    assertTrue(listed.containsKey(file), file + " is not in index.json");
                    assertEquals(family.isEmpty() ? SampleConfigs.PAPER : SampleConfigs.LAB_TUNED,
                            listed.get(file).group(), file);
                    ExperimentConfig c = SampleConfigs.load(file);
                    assertEquals(Algorithm.valueOf(algo.replace('-', '_').toUpperCase(Locale.ROOT)), c.algorithm(), file);
                    assertEquals(task, c.env().id(), file);
                    // dm_control tasks: env gets tanh(a) as in the paper; the Gym classics clip to their own bounds.
                    assertEquals(dmControlTask(task)
                            ? ExperimentConfig.ActionTransform.TANH : ExperimentConfig.ActionTransform.CLIP,
                            c.env().actionTransform(), file);
                    assertTrue(c.ppo().totalSteps() >= 1_000_000L && c.ppo().totalSteps() <= 5_000_000L,
                            file + " must fit a laptop budget of 1–5M steps");
                    if (budget < 0) {
                        budget = c.ppo().totalSteps();
                        env = c.env();
                    }
                    assertEquals(budget, c.ppo().totalSteps(), file + ": an FPO preset and its baselines share the budget");
                    assertEquals(env, c.env(), file + ": an FPO preset and its baselines see the same environments");
                }
            }
        }
    }

    @Test
    void everyPresetIsInAMenuGroup() {
        for (SampleConfigs.Sample s : SampleConfigs.list()) {
            assertTrue(SampleConfigs.GROUPS.contains(s.group()), s.file() + ": group " + s.group());
            String expected = s.file().endsWith("-tuned.json") ? SampleConfigs.LAB_TUNED
                    : s.file().endsWith("-fast.json") || s.file().startsWith("fork-") ? SampleConfigs.CLASSROOM
                    : SampleConfigs.PAPER;
            assertEquals(expected, s.group(), s.file());
        }
    }

    /**
     * The paper family is the paper's recipe (algorithm.md §5, the authors' Playground code) in every field
     * but the budget, the number of envs and the batch shape, and says so in its description.
     */
    @Test
    void paperPresetsAreThePaperRecipeExceptBudgetEnvsAndBatchShape() {
        for (String task : CONTROL_TASKS) {
            boolean dm = dmControlTask(task);
            // The lab's dm_control tasks integrate as Playground does; MuJoCo tasks run dm_control's model as is.
            boolean playground = ConfigSchema.DM_CONTROL_IDS.contains(task);
            for (String algo : ALGORITHMS) {
                String file = task + "-" + algo + ".json";
                ExperimentConfig c = SampleConfigs.load(file);
                Map<String, Object> expected = new TreeMap<>();
                expected.put("env.maxSteps", 0);
                expected.put("env.integration", playground ? Integration.PLAYGROUND : Integration.DM_CONTROL);
                expected.put("env.staggerStarts", false);
                expected.put("actor.hidden", List.of(32, 32, 32, 32));
                expected.put("actor.activation", Activation.SILU);
                expected.put("critic.hidden", List.of(256, 256, 256, 256, 256));
                expected.put("critic.activation", Activation.SILU);
                expected.put("flow.timeEmbedding", TimeEmbedding.SINUSOIDAL);
                expected.put("flow.outputScale", 0.25);
                expected.put("flow.sampler", Sampler.EULER);
                expected.put("flow.steps", 10);
                expected.put("flow.zeroNoiseStart", false);
                expected.put("flow.evalZeroNoiseStart", false);
                expected.put("flow.nMc", 8);
                expected.put("flow.lossMode", CfmLoss.EPS_MSE);
                expected.put("flow.tauSampling", TauSampling.GRID);
                expected.put("flow.ratio", RatioMode.MEAN_EXP);
                expected.put("flow.trustRegion", TrustRegion.PPO_CLIP);
                expected.put("flow.cfmAnchor", 0.0);
                expected.put("flow.actionClip", 0.0);
                // The authors' Gaussian baseline option set (ppo.py, networks.py, rollouts.py in akanazawa/fpo).
                expected.put("gaussian.std", StdMode.STATE_DEPENDENT);
                expected.put("gaussian.initStd", TestConfigs.AUTHORS_INIT_STD);
                expected.put("gaussian.entropyCoef", 0.01);
                expected.put("gaussian.entropy", dm ? GaussianEntropy.SQUASHED : GaussianEntropy.PRE_TANH);
                expected.put("gaussian.evalMean", true);
                expected.put("dppo.sigma", 0.05);
                expected.put("ppo.epochs", 16);
                expected.put("ppo.gamma", DISCOUNT_095.contains(task) ? 0.95 : 0.995);
                expected.put("ppo.gaeLambda", 0.95);
                expected.put("ppo.lr", 3e-4);
                expected.put("ppo.criticLr", 3e-4);
                expected.put("ppo.lrSchedule", LrSchedule.CONSTANT);
                expected.put("ppo.maxGradNorm", 0.0);
                expected.put("ppo.targetKl", 0.0);
                expected.put("ppo.advantageNorm", AdvantageNorm.MINIBATCH);
                expected.put("ppo.jointOptimizer", true);
                expected.put("ppo.valueCoef", 0.25);
                expected.put("ppo.obsNorm", true);
                expected.put("ppo.rewardScale", 10.0);
                expected.put("ppo.noiseCorrelation", 0.0);
                expected.put("ppo.advantageStdFloor", 0.0);
                switch (algo) {
                    case "fpo" -> {
                        expected.put("ppo.clip", 0.05);
                        expected.put("flow.evalSampler", Sampler.EULER);
                    }
                    // The clip of the authors' tuned baseline (train_ppo.ipynb); their code's default is 0.3.
                    case "gaussian-ppo" -> expected.put("ppo.clip", 0.1);
                    case "dppo" -> {
                        // The paper's best DPPO; its sampler keeps the step noise in evaluation too.
                        expected.put("ppo.clip", 0.2);
                        expected.put("flow.evalSampler", Sampler.EULER_MARUYAMA);
                        expected.put("flow.samplerNoise", 0.05);
                    }
                    default -> throw new IllegalStateException(algo);
                }
                Map<String, Object> actual = new TreeMap<>(ConfigSchema.toMap(c));
                actual.keySet().retainAll(expected.keySet());
                assertEquals(expected, actual, file);
                // Only the budget, the envs and the batch shape depart, and the description says by how much.
                String d = c.description();
                for (String stated : List.of(String.format(Locale.ROOT, "%,d env steps", c.ppo().totalSteps()),
                        "instead of 60M", c.env().numEnvs() + " envs × " + c.ppo().stepsPerEnv() + " steps",
                        c.ppo().minibatches() + " minibatches")) {
                    assertTrue(d.contains(stated), file + " description does not state \"" + stated + "\"");
                }
            }
        }
    }

    @Test
    void tunedPresetsNameTheirPaperTwinAndEveryDeparture() {
        for (String task : TUNED_TASKS) {
            for (String algo : ALGORITHMS) {
                String file = task + "-" + algo + "-tuned.json";
                ExperimentConfig tuned = SampleConfigs.load(file);
                ExperimentConfig paper = SampleConfigs.load(task + "-" + algo + ".json");
                String d = tuned.description();
                assertTrue(d.contains("Departures from the paper preset (" + task + "-" + algo + ".json) and why: "),
                        file);
                Map<String, Object> t = ConfigSchema.toMap(tuned);
                Map<String, Object> p = ConfigSchema.toMap(paper);
                // Spot checks: each departure the lab made for FPO appears in the description when the file has it.
                if (!t.get("ppo.noiseCorrelation").equals(p.get("ppo.noiseCorrelation"))) {
                    assertTrue(d.contains("correlated"), file);
                }
                if (!t.get("env.staggerStarts").equals(p.get("env.staggerStarts"))) {
                    assertTrue(d.contains("staggered"), file);
                }
                if (tuned.algorithm() == Algorithm.FPO) {
                    assertEquals(RatioMode.PER_SAMPLE, tuned.flow().ratio(), file);
                    assertEquals(TrustRegion.ASPO, tuned.flow().trustRegion(), file);
                    assertTrue(d.contains("per-sample ratios") && d.contains("ASPO") && d.contains("gradient norm")
                            && d.contains("decaying linearly"), file);
                    if (tuned.flow().cfmAnchor() > 0) {
                        assertTrue(d.contains("CFM anchor"), file);
                    }
                    if (tuned.ppo().advantageStdFloor() > 0) {
                        assertTrue(d.contains("advantage-std floor"), file);
                    }
                }
                if (tuned.algorithm() == Algorithm.GAUSSIAN_PPO && tuned.gaussian().entropy() != paper.gaussian().entropy()) {
                    assertTrue(d.contains("pre-tanh"), file);
                }
            }
        }
    }
}
