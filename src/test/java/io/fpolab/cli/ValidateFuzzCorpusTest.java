package io.fpolab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.FieldSpec;
import io.fpolab.config.SampleConfigs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates a deterministic corpus of broken config files from the shipped samples and checks that
 * {@code fpo-lab validate} rejects each with exactly one user-facing line that names the field, the
 * file position or the file-level reason the mutation was meant to trigger.
 */
class ValidateFuzzCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POSITION = "line \\d+, column \\d+";
    private static final String NONNUM = "__NON_NUMERIC__";

    /** One broken file: its name (extension chooses the format), content, and what the error must mention. */
    private record Case(String name, byte[] bytes, Pattern expect) {
    }

    @TempDir
    Path dir;

    private final List<Case> corpus = new ArrayList<>();

    @Test
    void everyBrokenFileGetsOneClearErrorLine() throws IOException {
        List<String> samples = SampleConfigs.list().stream().map(SampleConfigs.Sample::file).toList();
        for (String sample : samples) {
            assertValidatesOk(Path.of("sample-configs", sample));
        }
        generate(samples);
        assertTrue(corpus.size() >= 200, "corpus has only " + corpus.size() + " files");

        List<String> failures = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            Case c = corpus.get(i);
            Path file = dir.resolve(String.format("%04d-%s", i, c.name()));
            Files.write(file, c.bytes());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "validate", file.toString());
            String problem = check(file, c, code, out.toString(), err.toString());
            if (problem != null) {
                failures.add(file.getFileName() + ": " + problem);
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + corpus.size() + " broken files were mishandled");
    }

    private static String check(Path file, Case c, int code, String out, String err) {
        if (code != LabCommand.EXIT_USAGE) {
            return "exit code " + code + " (the mutation left a valid file?) stdout=" + out.strip();
        }
        if (!out.isEmpty()) {
            return "unexpected stdout: " + out;
        }
        String line = err.endsWith(System.lineSeparator()) ? err.substring(0, err.length() - System.lineSeparator().length()) : err;
        if (line.contains("\n") || line.contains("\r")) {
            return "stderr is not one line: " + err;
        }
        if (!line.startsWith("error: " + file + ": ")) {
            return "stderr does not start with 'error: FILE: ': " + line;
        }
        if (line.contains("\tat ") || line.contains("Exception") || line.contains("com.fasterxml") || line.contains("org.yaml")
                || line.contains("java.")) {
            return "stderr leaks internals: " + line;
        }
        if (!c.expect().matcher(line).find()) {
            return "stderr does not mention " + c.expect() + ": " + line;
        }
        return null;
    }

    private static void assertValidatesOk(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LabCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), "validate", file.toString());
        assertEquals(0, code, "base sample must be valid: " + err);
    }

    private void generate(List<String> samples) throws IOException {
        List<ObjectNode> bases = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String s : samples) {
            String text = Files.readString(Path.of("sample-configs", s), StandardCharsets.UTF_8);
            texts.add(text);
            bases.add((ObjectNode) JSON.readTree(text));
        }
        Random rnd = new Random(20260521L);
        List<FieldSpec> fields = ConfigSchema.fields();
        for (int i = 0; i < fields.size(); i++) {
            fieldMutations(fields.get(i), bases.get(i % bases.size()), i);
        }
        for (int s = 0; s < bases.size(); s++) {
            ObjectNode base = bases.get(s);
            String tag = "s" + s;
            json(tag + "-no-algorithm", removed(base, "algorithm"), literal("algorithm: required key is missing"));
            json(tag + "-no-env-id", removed(base, "env.id"), literal("env.id: required key is missing"));
            String section = ConfigSchema.sections().get(s % ConfigSchema.sections().size());
            JsonNode[] replacements = {JSON.createArrayNode().add(1).add(2), IntNode.valueOf(5), TextNode.valueOf("x"),
                NullNode.getInstance()};
            for (JsonNode r : replacements) {
                ObjectNode m = base.deepCopy();
                m.set(section, r);
                json(tag + "-section-" + section + "-" + r.getNodeType(), m, literal(section + ": expected an object"));
            }
            truncations(tag, texts.get(s), rnd);
            duplicates(tag, texts.get(s));
            yamlVariants(tag, s, samples.get(s));
        }
        for (String section : ConfigSchema.sections()) {
            ObjectNode base = bases.get(0);
            String firstKey = ConfigSchema.fields().stream().filter(f -> f.section().equals(section)).findFirst()
                    .orElseThrow().key();
            json("unknown-" + section, with(base, section + ".zzzUnknownKey", IntNode.valueOf(1)),
                    literal(section + ".zzzUnknownKey: unknown key; allowed keys in"));
            json("typo-" + section, with(base, section + "." + firstKey + "x", IntNode.valueOf(1)),
                    literal("did you mean \"" + section + "." + firstKey + "\""));
            ObjectNode m = base.deepCopy();
            m.remove(section);
            m.set(section + "s", base.get(section));
            json("misspelt-section-" + section, m, literal(section + "s: unknown key"));
        }
        ObjectNode base = bases.get(0);
        json("top-typo", with(base, "algoritm", TextNode.valueOf("fpo")), literal("did you mean \"algorithm\""));
        json("top-unknown", with(base, "learning_rate", DoubleNode.valueOf(0.1)), literal("learning_rate: unknown key"));
        ObjectNode flat = base.deepCopy();
        flat.put("ppo.lr", 0.1);
        json("top-flat-key", flat, literal("ppo.lr: unknown top-level key"));
        json("no-env", removed(base, "env"), literal("env.id: required key is missing"));
        absurdAndNegative(base);
        crossField(bases.get(1), bases.get(0));
        fileLevel(texts.get(0), rnd);
    }

    private void fieldMutations(FieldSpec f, ObjectNode base, int i) {
        String p = f.path();
        json(p + "-wrong-type", with(base, p, wrongType(f)), literal(p + ": expected"));
        switch (f.kind()) {
            case INT, LONG -> {
                long min = (long) f.range().min();
                long max = (long) f.range().max();
                json(p + "-below", with(base, p, LongNode.valueOf(min - 1)), literal(p + ": " + (min - 1) + " (number) is out of range"));
                json(p + "-above", with(base, p, LongNode.valueOf(max + 1)), literal(p + ": " + (max + 1) + " (number) is out of range"));
                json(p + "-fraction", with(base, p, DoubleNode.valueOf(min + 0.5)), literal(p + ": expected an integer"));
                nonNumeric(p, base, i % 2 == 0 ? "NaN" : "Infinity");
            }
            case DOUBLE -> {
                double low = f.range().minOpen() ? f.range().min() : f.range().min() - 1;
                json(p + "-below", with(base, p, DoubleNode.valueOf(low)), literal(p + ": "));
                json(p + "-above", with(base, p, DoubleNode.valueOf(f.range().max() * 2 + 1)), literal(" is out of range"));
                nonNumeric(p, base, "NaN");
                nonNumeric(p, base, i % 2 == 0 ? "Infinity" : "-Infinity");
            }
            case ENUM -> {
                json(p + "-bad-name", with(base, p, TextNode.valueOf("not_a_choice")), literal(p + ": \"not_a_choice\""));
                String upper = f.choices().get(0).toUpperCase(java.util.Locale.ROOT);
                json(p + "-upper-case", with(base, p, TextNode.valueOf(upper)), literal(p + ": \"" + upper + "\""));
            }
            case STRING -> {
                if (!f.choices().isEmpty()) {
                    json(p + "-bad-name", with(base, p, TextNode.valueOf("no-such-env")), literal(p + ": \"no-such-env\""));
                } else {
                    json(p + "-too-long", with(base, p, TextNode.valueOf("x".repeat(5000))), literal(p + ": a string of 5000"));
                }
            }
            case INT_LIST -> {
                json(p + "-empty", with(base, p, JSON.createArrayNode()), literal(p + ": 0 layers"));
                ArrayNode many = JSON.createArrayNode();
                for (int k = 0; k < 9; k++) {
                    many.add(64);
                }
                json(p + "-nine-layers", with(base, p, many), literal(p + ": 9 layers"));
                json(p + "-zero-width", with(base, p, JSON.createArrayNode().add(64).add(0)), literal(p + "[1]: 0"));
                json(p + "-string-width", with(base, p, JSON.createArrayNode().add("wide")), literal(p + "[0]: expected an integer"));
            }
            case NULLABLE_STRING -> json(p + "-blank", with(base, p, TextNode.valueOf("  ")), literal(p + ": an empty path"));
            case BOOL -> json(p + "-null", with(base, p, NullNode.getInstance()), literal(p + ": expected true or false, got null"));
        }
    }

    private static JsonNode wrongType(FieldSpec f) {
        return switch (f.kind()) {
            case INT, LONG, DOUBLE -> TextNode.valueOf("ten");
            case BOOL -> TextNode.valueOf("yes");
            case STRING, ENUM, NULLABLE_STRING -> IntNode.valueOf(42);
            case INT_LIST -> TextNode.valueOf("64,64");
        };
    }

    private void nonNumeric(String p, ObjectNode base, String literal) {
        String text = pretty(with(base, p, TextNode.valueOf(NONNUM))).replace("\"" + NONNUM + "\"", literal);
        add(p + "-" + literal.replace("-", "minus") + ".json", text, literal(p + ": " + literal + " (number) is not a finite number"));
    }

    private void absurdAndNegative(ObjectNode base) {
        String[][] negatives = {{"env.numEnvs", "-1"}, {"ppo.stepsPerEnv", "-64"}, {"ppo.minibatches", "-6"},
            {"eval.episodes", "-1"}, {"ppo.totalSteps", "-500000"}, {"flow.nMc", "-50"}, {"flow.steps", "-10"}};
        for (String[] n : negatives) {
            json("negative-" + n[0], with(base, n[0], LongNode.valueOf(Long.parseLong(n[1]))), literal(n[0] + ": " + n[1]));
        }
        json("negative-width", with(base, "actor.hidden", JSON.createArrayNode().add(-64).add(64)), literal("actor.hidden[0]: -64"));
        json("absurd-numEnvs", with(base, "env.numEnvs", DoubleNode.valueOf(1e9)), literal("env.numEnvs: 1000000000 (number) is out of range"));
        json("absurd-totalSteps", with(base, "ppo.totalSteps", DoubleNode.valueOf(1e30)), literal("ppo.totalSteps: "));
        json("absurd-nMc", with(base, "flow.nMc", IntNode.valueOf(1_000_000)), literal("flow.nMc: 1000000"));
        json("int-overflow-epochs", with(base, "ppo.epochs", LongNode.valueOf(2_147_483_648L)), literal("ppo.epochs: 2147483648"));
        json("absurd-seed", with(base, "seed", DoubleNode.valueOf(1e300)), literal("seed: "));
        add("huge-integer.json", pretty(with(base, "eval.every", TextNode.valueOf(NONNUM))).replace("\"" + NONNUM + "\"",
                "9".repeat(400)), literal("eval.every: 9999"));
        ArrayNode wide = JSON.createArrayNode().add(1_000_000_000);
        json("absurd-width", with(base, "critic.hidden", wide), literal("critic.hidden[0]: 1000000000"));
    }

    private void crossField(ObjectNode gaussian, ObjectNode fpo) {
        ObjectNode m = with(gaussian, "env.numEnvs", IntNode.valueOf(4096));
        json("cross-batch", with(m, "ppo.stepsPerEnv", IntNode.valueOf(100_000)), literal("env.numEnvs × ppo.stepsPerEnv: "));
        m = with(fpo, "env.numEnvs", IntNode.valueOf(1));
        m = with(m, "ppo.stepsPerEnv", IntNode.valueOf(2));
        json("cross-minibatches", m, literal("ppo.minibatches: 6 minibatches is out of range"));
        m = with(fpo, "env.numEnvs", IntNode.valueOf(4096));
        m = with(m, "ppo.stepsPerEnv", IntNode.valueOf(1000));
        m = with(m, "flow.nMc", IntNode.valueOf(1024));
        json("cross-fpo-rows", m, literal("env.numEnvs × ppo.stepsPerEnv × flow.nMc / ppo.minibatches: "));
    }

    private void truncations(String tag, String text, Random rnd) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int lastBrace = text.lastIndexOf('}');
        int limit = text.substring(0, lastBrace).getBytes(StandardCharsets.UTF_8).length;
        for (int k = 0; k < 12; k++) {
            int cut = 1 + rnd.nextInt(limit - 1);
            byte[] part = java.util.Arrays.copyOf(bytes, cut);
            corpus.add(new Case(tag + "-truncated-at-" + cut + ".json", part,
                    Pattern.compile(POSITION + "|file is not a text config file")));
        }
    }

    private void duplicates(String tag, String text) {
        add(tag + "-dup-top.json", text.replaceFirst("\\{", "{\n  \"seed\": 7,"), literal("duplicate key \"seed\""));
        add(tag + "-dup-env.json", text.replace("\"env\": {", "\"env\": {\n    \"numEnvs\": 8,"),
                literal("duplicate key \"env.numEnvs\""));
        add(tag + "-dup-ppo.json", text.replace("\"ppo\": {", "\"ppo\": {\n    \"lr\": 0.1,"), literal("duplicate key \"ppo.lr\""));
        add(tag + "-dup-section.json", text.replaceFirst("\\{", "{\n  \"eval\": {},"), literal("duplicate key \"eval\""));
    }

    private void yamlVariants(String tag, int s, String sample) {
        String yaml = ConfigIO.toYaml(SampleConfigs.load(sample));
        String ext = s % 2 == 0 ? ".yaml" : ".yml";
        add(tag + "-epochs-ten" + ext, yaml.replaceFirst("(?m)^  epochs: .*$", "  epochs: ten"), literal("ppo.epochs: expected an integer"));
        add(tag + "-gamma-nan" + ext, yaml.replaceFirst("(?m)^  gamma: .*$", "  gamma: .nan"), literal("ppo.gamma: NaN"));
        add(tag + "-clip-inf" + ext, yaml.replaceFirst("(?m)^  clip: .*$", "  clip: -.inf"), literal("ppo.clip: -Infinity"));
        add(tag + "-tab" + ext, yaml.replaceFirst("(?m)^seed", "\tseed"), Pattern.compile(POSITION));
        add(tag + "-tab-indent" + ext, yaml.replaceFirst("(?m)^  id:", "\tid:"), Pattern.compile(POSITION));
        add(tag + "-dup" + ext, yaml + "algorithm: dppo\n", literal("duplicate key \"algorithm\""));
        add(tag + "-no-algorithm" + ext, yaml.replaceFirst("(?m)^algorithm: .*\\n", ""), literal("algorithm: required key is missing"));
        add(tag + "-unknown" + ext, yaml.replaceFirst("(?m)^ppo:$", "ppo:\n  lr_rate: 0.1"), literal("ppo.lr_rate: unknown key"));
        add(tag + "-list" + ext, "- 1\n- 2\n", literal("top level must be an object"));
        add(tag + "-unindented" + ext, yaml.replaceFirst("(?m)^env:\\n  id:", "env:\nid:"), Pattern.compile("env: expected an object|duplicate key|" + POSITION));
        add(tag + "-unclosed" + ext, yaml.replaceFirst("(?m)^  hidden:", "  hidden: [64, 64\n  xhidden:"), Pattern.compile(POSITION));
        add(tag + "-second-doc" + ext, yaml + "---\nseed: 1\n", Pattern.compile(POSITION + ": unexpected content"));
        add(tag + "-hidden-string" + ext, yaml.replaceFirst("(?m)^actor:\\n  hidden:(\\n  - \\d+)+", "actor:\n  hidden: wide"),
                literal("actor.hidden: expected a list of integers"));
        add(tag + "-yes-bool" + ext, yaml.replaceFirst("(?m)^  obsNorm: .*$", "  obsNorm: maybe"), literal("ppo.obsNorm: expected true or false"));
    }

    private void fileLevel(String text, Random rnd) {
        for (int k = 0; k < 20; k++) {
            byte[] junk = new byte[1 + rnd.nextInt(512)];
            rnd.nextBytes(junk);
            corpus.add(new Case("binary-" + k + (k % 3 == 0 ? ".yaml" : ".json"), junk,
                    Pattern.compile("file is not a text config file|" + POSITION + "|top level must be an object|file is empty")));
        }
        byte[] nul = text.getBytes(StandardCharsets.UTF_8);
        nul[nul.length / 2] = 0;
        corpus.add(new Case("nul-inside.json", nul, literal("file is not a text config file (control character U+0000")));
        add("empty.json", "", literal("file is empty"));
        add("blank.yaml", "  \n\n\t\n", literal("file is empty"));
        add("bom-only.json", "\uFEFF", literal("file is empty"));
        add("comment-only.yml", "# just a comment\n", literal("file has no settings"));
        add("top-array.json", "[1, 2, 3]", literal("top level must be an object"));
        add("top-number.json", "42", literal("top level must be an object"));
        add("top-string.json", "\"gridworld\"", literal("top level must be an object"));
        add("top-null.json", "null", literal("top level must be an object"));
        add("top-scalar.yaml", "fpo\n", literal("top level must be an object"));
        add("trailing-object.json", text + "{}", Pattern.compile(POSITION + ": unexpected content"));
        add("trailing-comma.json", text.replace("\"eval\": {", "\"eval\": {,"), Pattern.compile(POSITION));
        add("single-quotes.json", text.replace("\"fpo\"", "'fpo'"), Pattern.compile(POSITION));
        add("comment.json", "// experiment\n" + text, Pattern.compile(POSITION));
        add("deep-nesting.json", "{\"a\":".repeat(200) + "1" + "}".repeat(200), Pattern.compile(POSITION));
        add("huge.json", text.replace("{", "{" + " ".repeat(1_100_000)), literal("file is larger than 1 MB"));
        add("config.txt", text, literal("unsupported file type \".txt\""));
        add("config.json.bak", text, literal("unsupported file type \".bak\""));
        byte[] latin1 = text.replace("·", "\u00e9").getBytes(StandardCharsets.ISO_8859_1);
        corpus.add(new Case("latin1-encoded.json", latin1, literal("file is not a text config file (invalid UTF-8")));
    }

    private void json(String name, ObjectNode node, Pattern expect) {
        add(name + ".json", pretty(node), expect);
    }

    private void add(String name, String text, Pattern expect) {
        corpus.add(new Case(name.replaceAll("[^A-Za-z0-9._-]", "_"), text.getBytes(StandardCharsets.UTF_8), expect));
    }

    private static Pattern literal(String s) {
        return Pattern.compile(Pattern.quote(s));
    }

    private static String pretty(JsonNode node) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code base} with the dotted path set (creating the section if needed). */
    private static ObjectNode with(ObjectNode base, String path, JsonNode value) {
        ObjectNode copy = base.deepCopy();
        int dot = path.indexOf('.');
        if (dot < 0 || !ConfigSchema.sections().contains(path.substring(0, dot))) {
            copy.set(path, value);
        } else {
            String section = path.substring(0, dot);
            JsonNode inner = copy.get(section);
            ObjectNode obj = inner instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
            obj.set(path.substring(dot + 1), value);
            copy.set(section, obj);
        }
        return copy;
    }

    private static ObjectNode removed(ObjectNode base, String path) {
        ObjectNode copy = base.deepCopy();
        int dot = path.indexOf('.');
        if (dot < 0) {
            copy.remove(path);
        } else {
            ((ObjectNode) copy.get(path.substring(0, dot))).remove(path.substring(dot + 1));
        }
        return copy;
    }
}
