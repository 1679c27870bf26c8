package io.fpolab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.ConfigException;
import io.fpolab.core.policy.GaussianEntropy;
import io.fpolab.core.policy.Sampler;
import io.fpolab.core.rl.RatioMode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSchemaTest {

    private static Map<String, Object> required() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", "fpo");
        m.put("env.id", "gridworld");
        return m;
    }

    private static ConfigException rejects(Map<String, Object> m) {
        return assertThrows(ConfigException.class, () -> ConfigSchema.fromMap(m));
    }

    @Test
    void defaultsAreThePaperGridWorldSettings() {
        ExperimentConfig d = ConfigSchema.defaults();
        assertEquals(Algorithm.FPO, d.algorithm());
        assertEquals("gridworld", d.env().id());
        assertEquals("two_bands", d.env().layout());
        assertEquals(64, d.env().numEnvs());
        assertEquals(List.of(64, 64), d.actor().hidden());
        assertEquals(50, d.flow().nMc());
        assertEquals(10, d.flow().steps());
        assertEquals(RatioMode.CLAMPED, d.flow().ratio());
        assertEquals(3.0, d.flow().ratioClamp());
        assertEquals(Math.sqrt(0.5), d.gaussian().initStd());
        assertEquals(0.05, d.dppo().sigma());
        assertEquals(151_552L, d.ppo().totalSteps());
        assertEquals(64, d.ppo().stepsPerEnv());
        assertEquals(10, d.ppo().epochs());
        assertEquals(6, d.ppo().minibatches());
        assertEquals(0.2, d.ppo().clip());
        assertEquals(0.99, d.ppo().gamma());
        assertEquals(0.98, d.ppo().gaeLambda());
        assertEquals(3e-4, d.ppo().lr());
        assertEquals(0.5, d.ppo().maxGradNorm());
        assertEquals(3, d.eval().every());
        assertEquals(ExperimentConfig.LrSchedule.WARMUP_LINEAR, d.ppo().lrSchedule());
        assertEquals(200, d.eval().episodes());
    }

    @Test
    void onlyAlgorithmAndEnvIdAreNeeded() {
        ExperimentConfig c = ConfigSchema.fromMap(required());
        assertEquals(ConfigSchema.defaults(), c);
    }

    @Test
    void tableHasOneRowPerRecordComponentInOrder() {
        List<String> paths = new ArrayList<>();
        for (RecordComponent c : ExperimentConfig.class.getRecordComponents()) {
            if (c.getType().isRecord()) {
                for (RecordComponent p : c.getType().getRecordComponents()) {
                    paths.add(c.getName() + "." + p.getName());
                }
            } else {
                paths.add(c.getName());
            }
        }
        assertEquals(paths, ConfigSchema.fields().stream().map(FieldSpec::path).toList());
    }

    @Test
    void settingsTableTakesKindsFromTheRecordsAndRefusesRowsThatDoNotFit(@TempDir Path dir) throws IOException {
        assertEquals(FieldSpec.Kind.LONG, ConfigSchema.field("seed").kind());
        assertEquals(FieldSpec.Kind.INT_LIST, ConfigSchema.field("actor.hidden").kind());
        assertEquals(FieldSpec.Kind.NULLABLE_STRING, ConfigSchema.field("env.layoutFile").kind());
        assertEquals(Sampler.EULER, ConfigSchema.field("flow.sampler").defaultValue());
        assertEquals(Math.sqrt(0.5), ConfigSchema.field("gaussian.initStd").defaultValue());

        Path table = dir.resolve("settings.yaml");
        Map<String, String> bad = Map.of(
                "- {path: ppo.epoch, default: 10, range: \"1..1000\", doc: x}", "no record component ppo.epoch",
                "- {path: ppo.epochs, default: 0, range: \"1..1000\", doc: x}", "ppo.epochs: 0 (number) is out of range; allowed 1..1000",
                "- {path: ppo.clip, default: 0.2, range: \"0..1\", doc: x}", "write a range as the docs show it, \"[0, 1]\"",
                "- {path: ppo.lr, default: 0.1, range: \"0 to 1\", doc: x}", "write a range as the docs show it, \"(0, 1]\"",
                "- {path: ppo.lrSchedule, default: cosine, doc: x}", "has default cosine; allowed [constant, linear",
                "- {path: env.id, default: gridworld, choices: IDS, doc: x}", "has choices IDS; allowed []",
                "- {path: ppo.lr, default: 0.1, range: \"(0, 1]\", doc: x, note: y}", "note");
        for (Map.Entry<String, String> row : bad.entrySet()) {
            Files.writeString(table, row.getKey() + "\n");
            Exception e = assertThrows(RuntimeException.class, () -> FieldSpec.table(table.toUri().toURL(),
                    ExperimentConfig.class, Map.of()));
            String message = e.getMessage() + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
            assertTrue(message.contains(row.getValue()), row.getKey() + " -> " + message);
        }
    }

    @Test
    void everyFieldHasASentenceAndAnAlgorithm() {
        for (FieldSpec f : ConfigSchema.fields()) {
            assertTrue(f.description().endsWith(".") && f.description().length() > 30, f.path());
            assertFalse(f.appliesTo().isEmpty(), f.path());
        }
    }

    @Test
    void algorithmSpecificFieldsSayWhichAlgorithmReadsThem() {
        assertEquals(Set.of(Algorithm.FPO), ConfigSchema.field("flow.nMc").appliesTo());
        assertEquals(Set.of(Algorithm.DPPO), ConfigSchema.field("dppo.sigma").appliesTo());
        assertEquals(Set.of(Algorithm.GAUSSIAN_PPO), ConfigSchema.field("gaussian.initStd").appliesTo());
        assertTrue(ConfigSchema.field("flow.steps").appliesTo(Algorithm.DPPO));
        assertFalse(ConfigSchema.field("flow.steps").appliesTo(Algorithm.GAUSSIAN_PPO));
    }

    @Test
    void toMapFromMapRoundTripsEverySetting() {
        ExperimentConfig c = ConfigSchema.withOverride(ConfigSchema.defaults(), "flow.sampler", "midpoint");
        LinkedHashMap<String, Object> m = ConfigSchema.toMap(c);
        assertEquals(ConfigSchema.fields().size(), m.size());
        assertEquals(Sampler.MIDPOINT, m.get("flow.sampler"));
        assertEquals(c, ConfigSchema.fromMap(m));
    }

    @Test
    void overrideReplacesOneSetting() {
        ExperimentConfig c = ConfigSchema.withOverride(ConfigSchema.defaults(), "ppo.lr", "1e-4");
        assertEquals(1e-4, c.ppo().lr());
        assertEquals(ConfigSchema.defaults().ppo().epochs(), c.ppo().epochs());
        assertEquals(List.of(32, 16), ConfigSchema.withOverride(c, "actor.hidden", "[32, 16]").actor().hidden());
        assertEquals(200, ConfigSchema.withOverride(c, "ppo.epochs", "2e2").ppo().epochs());
        assertEquals(null, ConfigSchema.withOverride(c, "env.layoutFile", "null").env().layoutFile());
    }

    @Test
    void overrideRejectsBadValueNamingFieldValueAndRange() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigSchema.withOverride(ConfigSchema.defaults(), "ppo.lr", "fast"));
        assertEquals("ppo.lr: expected a number, got \"fast\"; allowed (0, 1]", e.getMessage());
        assertEquals("ppo.lr", e.field());
        e = assertThrows(ConfigException.class,
                () -> ConfigSchema.withOverride(ConfigSchema.defaults(), "ppo.epochs", "0"));
        assertEquals("ppo.epochs: 0 (number) is out of range; allowed 1..1000", e.getMessage());
    }

    @Test
    void overrideOfUnknownPathSuggestsTheClosest() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigSchema.withOverride(ConfigSchema.defaults(), "ppo.epoch", "3"));
        assertEquals("ppo.epoch: unknown key; did you mean \"ppo.epochs\"?", e.getMessage());
    }

    @Test
    void keyInTheWrongSectionIsFound() {
        Map<String, Object> m = required();
        m.put("ppo.nMc", 8);
        assertEquals("ppo.nMc: unknown key; did you mean \"flow.nMc\"?", rejects(m).getMessage());
    }

    @Test
    void unknownKeyWithoutNeighbourListsTheSectionKeys() {
        Map<String, Object> m = required();
        m.put("eval.zzzzzzzz", 1);
        assertEquals("eval.zzzzzzzz: unknown key; allowed keys in \"eval\": every, episodes", rejects(m).getMessage());
    }

    @Test
    void missingRequiredKeyListsTheChoices() {
        Map<String, Object> m = required();
        m.remove("algorithm");
        assertEquals("algorithm: required key is missing; allowed: fpo, gaussian_ppo, dppo", rejects(m).getMessage());
    }

    @Test
    void integralDoubleIsAnIntegerButFractionIsNot() {
        Map<String, Object> m = required();
        m.put("ppo.epochs", 1e2);
        assertEquals(100, ConfigSchema.fromMap(m).ppo().epochs());
        m.put("ppo.epochs", 10.5);
        assertEquals("ppo.epochs: expected an integer, got 10.5 (number); allowed 1..1000", rejects(m).getMessage());
        m.put("ppo.epochs", "ten");
        assertEquals("ppo.epochs: expected an integer, got \"ten\" (string); allowed 1..1000", rejects(m).getMessage());
    }

    @Test
    void nanAndInfinityAreRejectedByRange() {
        Map<String, Object> m = required();
        m.put("ppo.gamma", Double.NaN);
        assertEquals("ppo.gamma: NaN (number) is not a finite number; allowed [0, 1]", rejects(m).getMessage());
        m.put("ppo.gamma", 0.9);
        m.put("env.numEnvs", Double.POSITIVE_INFINITY);
        assertEquals("env.numEnvs: Infinity (number) is not a finite number; allowed 1..4096", rejects(m).getMessage());
    }

    @Test
    void openIntervalEndIsExcluded() {
        Map<String, Object> m = required();
        m.put("ppo.lr", 0);
        assertEquals("ppo.lr: 0 (number) is out of range; allowed (0, 1]", rejects(m).getMessage());
        m.put("ppo.lr", 1);
        assertEquals(1.0, ConfigSchema.fromMap(m).ppo().lr());
    }

    @Test
    void hiddenLayersAreCheckedOneByOne() {
        Map<String, Object> m = required();
        m.put("actor.hidden", List.of(64, 0));
        assertEquals("actor.hidden[1]: 0 (number) is out of range; allowed 1..2048", rejects(m).getMessage());
        m.put("actor.hidden", List.of());
        assertEquals("actor.hidden: 0 layers is out of range; allowed 1..8 layers of 1..2048 units",
                rejects(m).getMessage());
    }

    @Test
    void badEnumNameListsTheAllowedNames() {
        Map<String, Object> m = required();
        m.put("flow.sampler", "rk4");
        assertEquals("flow.sampler: \"rk4\" (string) is not a valid name; allowed: euler, midpoint, euler_maruyama",
                rejects(m).getMessage());
    }

    @Test
    void integrationDefaultsToDmControlAndNamesTheAllowedValues() {
        assertEquals(Integration.DM_CONTROL, ConfigSchema.defaults().env().integration());
        Map<String, Object> m = required();
        m.put("env.integration", "mjx");
        ConfigException e = rejects(m);
        assertEquals("env.integration: \"mjx\" (string) is not a valid name; allowed: dm_control, playground",
                e.getMessage());
        assertEquals("env.integration", e.field());
    }

    @Test
    void playgroundIntegrationIsOnlyForTheDmControlTasks() {
        Map<String, Object> m = required();
        m.put("env.id", "cartpole-swingup");
        m.put("env.integration", "playground");
        assertEquals(Integration.PLAYGROUND, ConfigSchema.fromMap(m).env().integration());
        for (String id : List.of("gridworld", "gym-pendulum", "mountain-car-continuous")) {
            m.put("env.id", id);
            ConfigException e = rejects(m);
            assertEquals("env.integration", e.field());
            assertTrue(e.getMessage().startsWith("env.integration: \"playground\" is not supported for " + id
                    + "; allowed: dm_control (playground applies only to the dm_control tasks: pendulum-swingup, "),
                    e.getMessage());
        }
    }

    @Test
    void squashedGaussianEntropyNeedsTanhOnTheAction() {
        assertEquals(GaussianEntropy.PRE_TANH, ConfigSchema.defaults().gaussian().entropy());
        Map<String, Object> m = required();
        m.put("algorithm", "gaussian_ppo");
        m.put("env.id", "cartpole-swingup");
        m.put("gaussian.entropy", "squashed");
        ConfigException e = rejects(m);
        assertEquals("gaussian.entropy", e.field());
        assertEquals("gaussian.entropy: \"squashed\" needs tanh on the action; allowed: pre_tanh, or squashed with "
                + "env.actionTransform tanh or gaussian.tanhSquash true", e.getMessage());
        m.put("env.actionTransform", "tanh");
        assertEquals(GaussianEntropy.SQUASHED, ConfigSchema.fromMap(m).gaussian().entropy());
        m.put("env.actionTransform", "clip");
        m.put("gaussian.tanhSquash", true);
        assertEquals(GaussianEntropy.SQUASHED, ConfigSchema.fromMap(m).gaussian().entropy());
        // Other algorithms ignore the Gaussian section, so its value cannot make their files invalid.
        m.put("gaussian.tanhSquash", false);
        m.put("algorithm", "fpo");
        ConfigSchema.fromMap(m);
    }

    @Test
    void nameMustNotBeBlankOrTooLong() {
        Map<String, Object> m = required();
        m.put("name", " ");
        assertTrue(rejects(m).getMessage().startsWith("name: \" \" (string) is empty; allowed 1..200 characters"));
        m.put("name", "x".repeat(201));
        assertEquals("name: a string of 201 characters is out of range; allowed 1..200 characters",
                rejects(m).getMessage());
    }

    @Test
    void seedAcceptsUpToTwoToTheFiftyThree() {
        Map<String, Object> m = required();
        m.put("seed", 1L << 53);
        assertEquals(1L << 53, ConfigSchema.fromMap(m).seed());
        m.put("seed", (1L << 53) + 1);
        assertEquals("seed: 9007199254740993 (number) is out of range; allowed 0..9007199254740992",
                rejects(m).getMessage());
    }

    @Test
    void batchLargerThanTenMillionTransitionsIsRejected() {
        Map<String, Object> m = required();
        m.put("env.numEnvs", 4096);
        m.put("ppo.stepsPerEnv", 4096);
        m.put("algorithm", "gaussian_ppo");
        String msg = rejects(m).getMessage();
        assertTrue(msg.startsWith("env.numEnvs × ppo.stepsPerEnv: 4096 × 4096 = 16777216 transitions"), msg);
    }

    @Test
    void moreMinibatchesThanTransitionsIsRejected() {
        Map<String, Object> m = required();
        m.put("env.numEnvs", 2);
        m.put("ppo.stepsPerEnv", 3);
        assertEquals(6, ConfigSchema.fromMap(m).ppo().minibatches());
        m.put("ppo.minibatches", 7);
        assertTrue(rejects(m).getMessage().startsWith("ppo.minibatches: 7 minibatches is out of range"),
                rejects(m).getMessage());
    }

    @Test
    void fpoUpdateMatrixIsCappedForMemoryButOnlyForFpo() {
        Map<String, Object> m = required();
        m.put("env.numEnvs", 4096);
        m.put("ppo.stepsPerEnv", 100);
        m.put("ppo.minibatches", 1);
        m.put("flow.nMc", 16);
        ConfigException e = rejects(m);
        assertEquals("env.numEnvs × ppo.stepsPerEnv × flow.nMc / ppo.minibatches", e.field());
        assertTrue(e.getMessage().contains("6553600 rows") && e.getMessage().contains("memory"), e.getMessage());
        m.put("algorithm", "gaussian_ppo");
        assertEquals(4096, ConfigSchema.fromMap(m).env().numEnvs());
    }

    @Test
    void parseTextRejectsGarbageForEveryKind() {
        for (FieldSpec f : ConfigSchema.fields()) {
            if (f.kind() == FieldSpec.Kind.STRING && f.choices().isEmpty() || f.kind() == FieldSpec.Kind.NULLABLE_STRING) {
                continue;
            }
            ConfigException e = assertThrows(ConfigException.class, () -> f.parseText("#bad"), f.path());
            assertTrue(e.getMessage().startsWith(f.path()) && e.getMessage().contains("#bad"), e.getMessage());
        }
    }

    @Test
    void parseTextReadsBackWhatFormatWrites() {
        ExperimentConfig c = SampleConfigs.load("cartpole-balance-fpo.json");
        Map<String, Object> m = ConfigSchema.toMap(c);
        for (FieldSpec f : ConfigSchema.fields()) {
            assertEquals(m.get(f.path()), f.parseText(f.format(m.get(f.path()))), f.path());
        }
    }

    @Test
    void settingsThatBelongTogetherCanBeChangedTogetherInAnyOrder() {
        ExperimentConfig paper = SampleConfigs.load("cartpole-balance-fpo.json");
        // One at a time, gym-pendulum is refused while the config still integrates as Playground does.
        assertThrows(ConfigException.class,
                () -> ConfigSchema.withOverride(paper, "env.id", "gym-pendulum"));
        java.util.LinkedHashMap<String, String> both = new java.util.LinkedHashMap<>();
        both.put("env.id", "gym-pendulum");
        both.put("env.integration", "dm_control");
        ExperimentConfig c = ConfigSchema.withOverrides(paper, both);
        assertEquals("gym-pendulum", c.env().id());
        // The rules between fields still hold on the result.
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigSchema.withOverrides(paper, java.util.Map.of("env.id", "gym-pendulum")));
        assertTrue(e.getMessage().startsWith("env.integration:"), e.getMessage());
    }
}
