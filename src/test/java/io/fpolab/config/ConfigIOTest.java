package io.fpolab.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fpolab.config.ConfigIO.Format;
import io.fpolab.core.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigIOTest {
    private static final String MINIMAL = "{\"algorithm\":\"fpo\",\"env\":{\"id\":\"gridworld\"}}";

    @TempDir
    Path dir;

    private static String jsonError(String text) {
        return assertThrows(ConfigException.class, () -> ConfigIO.parse(text, "file.json", Format.JSON)).getMessage();
    }

    private static String yamlError(String text) {
        return assertThrows(ConfigException.class, () -> ConfigIO.parse(text, "file.yaml", Format.YAML)).getMessage();
    }

    private String readError(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return assertThrows(ConfigException.class, () -> ConfigIO.read(f)).getMessage();
    }

    @Test
    void aSettingAddedLaterIsWrittenOnlyWhenSet() {
        ExperimentConfig plain = SampleConfigs.load("cartpole-balance-fpo.json");
        assertFalse(ConfigIO.toJson(plain).contains("criticShards"), "left out at its default");
        ExperimentConfig sharded = ConfigSchema.withOverride(plain, "ppo.criticShards", "2");
        String json = ConfigIO.toJson(sharded);
        assertTrue(json.contains("\"criticShards\" : 2") || json.contains("\"criticShards\": 2"), json);
        assertEquals(sharded, ConfigIO.parse(json, "c.json", Format.JSON));
        assertEquals(plain, ConfigIO.parse(ConfigIO.toYaml(plain), "c.yaml", Format.YAML));
    }

    @Test
    void jsonRoundTripGivesTheSameConfig() {
        ExperimentConfig c = SampleConfigs.load("cartpole-balance-fpo.json");
        assertEquals(c, ConfigIO.parse(ConfigIO.toJson(c), "round trip", Format.JSON));
    }

    @Test
    void yamlRoundTripGivesTheSameConfig() {
        ExperimentConfig c = ConfigSchema.withOverride(SampleConfigs.load("gridworld-dppo.json"), "name", "yes");
        assertEquals(c, ConfigIO.parse(ConfigIO.toYaml(c), "round trip", Format.YAML));
    }

    @Test
    void jsonKeepsSchemaOrder() {
        String json = ConfigIO.toJson(ConfigSchema.defaults());
        assertTrue(json.indexOf("\"name\"") < json.indexOf("\"algorithm\""));
        assertTrue(json.indexOf("\"env\"") < json.indexOf("\"ppo\""));
        assertTrue(json.indexOf("\"totalSteps\"") < json.indexOf("\"rewardScale\""));
    }

    @Test
    void minimalFileTakesDefaults() {
        assertEquals(ConfigSchema.defaults(), ConfigIO.parse(MINIMAL, "m.json", Format.JSON));
    }

    @Test
    void unknownNestedKeySuggestsTheClosest() {
        String msg = jsonError("{\"algorithm\":\"fpo\",\"env\":{\"id\":\"gridworld\",\"numEnv\":4}}");
        assertEquals("file.json: env.numEnv: unknown key; did you mean \"env.numEnvs\"?", msg);
    }

    @Test
    void unknownTopLevelKeySuggestsTheClosest() {
        assertEquals("file.json: algoritm: unknown key; did you mean \"algorithm\"?",
                jsonError("{\"algoritm\":\"fpo\",\"env\":{\"id\":\"gridworld\"}}"));
    }

    @Test
    void flatDottedKeyInAFileAsksForTheNestedForm() {
        String msg = jsonError("{\"algorithm\":\"fpo\",\"env\":{\"id\":\"gridworld\"},\"ppo.lr\":0.1}");
        assertEquals("file.json: ppo.lr: unknown top-level key; allowed: the nested form \"ppo\": {\"lr\": ...}", msg);
    }

    @Test
    void wrongTypeNamesFieldValueAndType() {
        String msg = jsonError("{\"algorithm\":\"fpo\",\"env\":{\"id\":\"gridworld\"},\"ppo\":{\"epochs\":\"ten\"}}");
        assertEquals("file.json: ppo.epochs: expected an integer, got \"ten\" (string); allowed 1..1000", msg);
    }

    @Test
    void exponentIntegerIsAcceptedButFractionIsNot() {
        assertEquals(1000, ConfigIO.parse("{\"algorithm\":\"fpo\",\"env\":{\"id\":\"gridworld\"},\"eval\":{\"every\":1e3}}",
                "f.json", Format.JSON).eval().every());
        String msg = jsonError("{\"algorithm\":\"fpo\",\"env\":{\"id\":\"gridworld\"},\"ppo\":{\"epochs\":10.5}}");
        assertEquals("file.json: ppo.epochs: expected an integer, got 10.5 (number); allowed 1..1000", msg);
    }

    @Test
    void missingRequiredKeyIsNamed() {
        assertEquals("file.json: env.id: required key is missing; allowed: " + String.join(", ", ConfigSchema.ENV_IDS),
                jsonError("{\"algorithm\":\"fpo\"}"));
    }

    @Test
    void jsonNanIsParsedThenRejectedByRange() {
        String msg = jsonError("{\"algorithm\":\"fpo\",\"env\":{\"id\":\"gridworld\"},\"ppo\":{\"lr\":NaN}}");
        assertEquals("file.json: ppo.lr: NaN (number) is not a finite number; allowed (0, 1]", msg);
        msg = jsonError("{\"algorithm\":\"fpo\",\"env\":{\"id\":\"gridworld\"},\"ppo\":{\"clip\":-Infinity}}");
        assertEquals("file.json: ppo.clip: -Infinity (number) is not a finite number; allowed (0, 10]", msg);
    }

    @Test
    void yamlNanAndInfAreParsedThenRejectedByRange() {
        assertEquals("file.yaml: ppo.gamma: NaN (number) is not a finite number; allowed [0, 1]",
                yamlError("algorithm: fpo\nenv:\n  id: gridworld\nppo:\n  gamma: .nan\n"));
        assertEquals("file.yaml: dppo.sigma: Infinity (number) is not a finite number; allowed (0, 10]",
                yamlError("algorithm: fpo\nenv:\n  id: gridworld\ndppo:\n  sigma: .inf\n"));
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        String msg = jsonError("{\n  \"algorithm\": \"fpo\",\n  \"env\": {\"id\": \"gridworld\",}\n}");
        assertTrue(msg.startsWith("file.json: line 3, column 29: unexpected character ('}')"), msg);
        assertFalse(msg.contains("\n") || msg.contains("Source") || msg.contains("code 125"), msg);
    }

    @Test
    void malformedYamlGivesLineAndColumn() {
        String msg = yamlError("algorithm: fpo\nenv:\n  id: gridworld\n ppo: [1\n");
        assertTrue(msg.matches("file\\.yaml: line \\d+, column \\d+: .*; allowed: valid YAML"), msg);
        assertFalse(msg.contains("\n"), msg);
    }

    @Test
    void duplicateKeyIsNamedByItsFullPath() {
        String msg = jsonError("{\"algorithm\":\"fpo\",\"env\":{\"id\":\"gridworld\",\"numEnvs\":4,\"numEnvs\":8}}");
        assertEquals("file.json: line 1, column 65: duplicate key \"env.numEnvs\"; allowed: each key once", msg);
        msg = yamlError("algorithm: fpo\nalgorithm: dppo\nenv:\n  id: gridworld\n");
        assertTrue(msg.startsWith("file.yaml: line 2, column ") && msg.endsWith("duplicate key \"algorithm\"; allowed: each key once"), msg);
    }

    @Test
    void emptyFileIsReported() {
        assertTrue(jsonError("").startsWith("file.json: file is empty"));
        assertTrue(jsonError(" \n\t\n").startsWith("file.json: file is empty"));
        assertTrue(yamlError("# nothing but a comment\n").startsWith("file.yaml: file has no settings"));
    }

    @Test
    void binaryBytesAreNotATextConfigFile() throws IOException {
        String msg = readError("garbage.json", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});
        assertTrue(msg.endsWith("garbage.json: file is not a text config file (invalid UTF-8 near byte 0); "
                + "allowed: UTF-8 JSON or YAML text"), msg);
        msg = readError("nul.json", "{\"a\u0000\":1}".getBytes(StandardCharsets.UTF_8));
        assertTrue(msg.contains("nul.json: file is not a text config file (control character U+0000 at line 1, column 4)"),
                msg);
    }

    @Test
    void topLevelMustBeAnObject() {
        assertEquals("file.json: top level must be an object of settings, got a list of 2 items; allowed: an object "
                + "with at least \"algorithm\" and \"env\": {\"id\": ...}", jsonError("[1, 2]"));
        assertTrue(yamlError("just text\n").startsWith("file.yaml: top level must be an object of settings, got "
                + "\"just text\" (string)"));
    }

    @Test
    void sectionReplacedByScalarIsNamed() {
        String msg = jsonError("{\"algorithm\":\"fpo\",\"env\":{\"id\":\"gridworld\"},\"ppo\":[1]}");
        assertTrue(msg.startsWith("file.json: ppo: expected an object of settings, got a list of 1 item"), msg);
    }

    @Test
    void trailingContentAfterTheObjectIsAnError() {
        assertTrue(jsonError(MINIMAL + " {}").startsWith("file.json: line 1, column "));
        String msg = yamlError("algorithm: fpo\nenv:\n  id: gridworld\n---\nseed: 1\n");
        assertTrue(msg.startsWith("file.yaml: line 5, column 1: unexpected content after the end"), msg);
    }

    @Test
    void filesOverOneMegabyteAreRefused() throws IOException {
        String msg = readError("big.json", (MINIMAL + " ".repeat(ConfigIO.MAX_BYTES)).getBytes(StandardCharsets.UTF_8));
        assertTrue(msg.endsWith("big.json: file is larger than 1 MB; allowed: config files up to 1048576 bytes"), msg);
    }

    @Test
    void unsupportedExtensionIsNamed() throws IOException {
        String msg = readError("config.txt", MINIMAL.getBytes(StandardCharsets.UTF_8));
        assertTrue(msg.endsWith("config.txt: unsupported file type \".txt\"; allowed: .json, .yaml or .yml"), msg);
    }

    @Test
    void missingFileIsReported() {
        Path f = dir.resolve("absent.json");
        assertEquals(f + ": file not found", assertThrows(ConfigException.class, () -> ConfigIO.read(f)).getMessage());
    }

    @Test
    void relativeLayoutFileIsResolvedAgainstTheConfigDirectory() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("exp"));
        Path f = sub.resolve("c.yml");
        Files.writeString(f, "algorithm: fpo\nenv:\n  id: gridworld\n  layoutFile: maps/maze.json\n");
        assertEquals(sub.resolve("maps/maze.json").toAbsolutePath().toString(), ConfigIO.read(f).env().layoutFile());
    }

    @Test
    void writeReplacesTheFileAtomicallyAndReadsBack() throws IOException {
        Path f = dir.resolve("out.yaml");
        Files.writeString(f, "old");
        ExperimentConfig c = SampleConfigs.load("gridworld-gaussian-ppo.json");
        ConfigIO.write(f, c);
        assertEquals(c, ConfigIO.read(f));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "temporary file left behind");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
        assertTrue(perms.contains(PosixFilePermission.OWNER_READ) && perms.contains(PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void messagesAreOneLineWithoutParserInternals() {
        String[] broken = {"{\"a\":tru}", "{\"algorithm\":01}", "{\"x\":\"\\u00\"}", "{" + "[".repeat(100),
            "{\"algorithm\":\"fpo\",\n\"env\":{\"id\":\"grid\nworld\"}}", "{\"a\":" + "9".repeat(2000) + "}"};
        for (String text : broken) {
            String msg = jsonError(text);
            assertTrue(msg.matches("file\\.json: line \\d+, column \\d+: [^\\n]+"), msg);
            assertFalse(msg.contains("`") || msg.contains("Exception") || msg.contains("jackson"), msg);
        }
    }
}
