package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fpolab.core.ConfigException;
import io.fpolab.runs.RunFolder;
import io.fpolab.ui.runs.Labels;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run folder is one unit: the config saved in the checkpoint is what was trained, so a {@code config.json}
 * edited afterwards is refused by {@code evaluate} and by the lab's "open run folder", naming the fields;
 * only the display fields may change, and {@code --trust-config-file} uses the edited file where the
 * network's shape still fits.
 */
class RunFolderConsistencyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path trained;

    @BeforeAll
    static void trainOneTinyRun() {
        trained = dir.resolve("trained");
        StringWriter e = new StringWriter();
        assertEquals(0, LabCommand.run(new PrintWriter(new StringWriter(), true), new PrintWriter(e, true),
                "train", "--config", "cartpole-balance-fpo", "--out", trained.toString(), "--steps", "64",
                "--set", "env.integration=dm_control", "--set", "env.id=gym-pendulum", "--set", "env.numEnvs=4",
                "--set", "ppo.stepsPerEnv=16",
                "--set", "ppo.minibatches=2", "--set", "ppo.epochs=1", "--set", "actor.hidden=[8,8]",
                "--set", "critic.hidden=[8,8]", "--set", "eval.episodes=2", "--set", "flow.nMc=2", "-q"), e.toString());
    }

    /** A copy of the trained run with one edit to its config.json. */
    private static Path edited(String name, Consumer<ObjectNode> edit) throws IOException {
        Path copy = dir.resolve(name);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(trained)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        ObjectNode root = (ObjectNode) JSON.readTree(copy.resolve(RunFolder.CONFIG).toFile());
        edit.accept(root);
        Files.writeString(copy.resolve(RunFolder.CONFIG), JSON.writeValueAsString(root));
        return copy;
    }

    private record Result(int code, String out, String err) {
    }

    private static Result evaluate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> a = new ArrayList<>(List.of("evaluate"));
        a.addAll(List.of(args));
        int code = LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), a.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private static ObjectNode section(ObjectNode root, String name) {
        return (ObjectNode) root.get(name);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "actor.activation   | silu   | tanh",      // enumeration, same shape: the reported case
        "seed               | 0      | 7",         // integer at the top level
        "ppo.lr             | 0.0003 | 0.003",     // real number
        "ppo.obsNorm        | true   | false",     // boolean
        "actor.hidden       | [8, 8] | [8, 9]",    // list (changes the network's shape)
        "env.id             | gym-pendulum | pendulum-swingup", // choice
        "eval.episodes      | 2      | 3",         // evaluation setting: --set, not an edit, changes it
    })
    void anEditedFieldIsRefusedNamingTheFieldAndBothValues(String field, String trainedValue, String editedValue)
            throws IOException {
        String[] path = field.split("\\.");
        Path run = edited("edit-" + field, root -> {
            ObjectNode holder = path.length == 1 ? root : section(root, path[0]);
            String key = path[path.length - 1];
            JsonNode was = holder.get(key);
            try {
                holder.set(key, JSON.readTree(was.isTextual() ? JSON.writeValueAsString(editedValue) : editedValue));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Result r = evaluate(run.toString());
        assertEquals(2, r.code, r.out + r.err);
        String line = r.err.lines().filter(l -> l.startsWith("error:")).findFirst().orElse("");
        assertTrue(line.contains(run.resolve(RunFolder.CONFIG).toString()), line);
        assertTrue(line.contains(field + " (trained "), line);
        assertTrue(line.contains("file " + editedValue.replace(" ", "")) || line.contains("file " + editedValue), line);
        assertTrue(line.contains("--trust-config-file"), line);
        assertEquals(1, r.err.lines().filter(l -> l.startsWith("error:")).count(), r.err);
        assertTrue(r.out.isEmpty() || r.out.strip().equals(EvaluateCommand.HEADER), r.out);

        // The lab's "open run folder" refuses the same folder with the same reason.
        ConfigException open = assertThrows(ConfigException.class, () -> RunFolder.read(run, Labels::defaultRunName));
        assertTrue(open.getMessage().contains(field + " (trained "), open.getMessage());
    }

    @Test
    void nameAndDescriptionMayBeEdited() throws IOException {
        Path run = edited("renamed", root -> {
            root.put("name", "my renamed run");
            root.put("description", "notes added after training");
        });
        Result original = evaluate(trained.toString());
        Result renamed = evaluate(run.toString());
        assertEquals(0, renamed.code, renamed.err);
        assertEquals(original.out.lines().skip(1).map(l -> l.substring(l.indexOf(','))).toList(),
                renamed.out.lines().skip(1).map(l -> l.substring(l.indexOf(','))).toList());
        assertEquals("my renamed run", RunFolder.read(run, Labels::defaultRunName).get(0).config().name());
    }

    @Test
    void trustConfigFileUsesTheEditedFileWhereTheShapeFits() throws IOException {
        Path activation = edited("trusted-activation", root -> section(root, "actor").put("activation", "tanh"));
        Result r = evaluate("--trust-config-file", activation.toString());
        assertEquals(0, r.code, r.err);
        assertEquals(2, r.out.strip().lines().count(), r.out);

        Path shape = edited("trusted-shape", root -> section(root, "critic").putArray("hidden").add(16).add(16));
        Result refused = evaluate("--trust-config-file", shape.toString());
        assertEquals(2, refused.code, refused.out + refused.err);
        assertTrue(refused.err.contains("different network shape"), refused.err);
        assertTrue(refused.err.contains("edited config.json"), refused.err);
    }
}
