package io.fpolab.config;

import io.fpolab.config.ExperimentConfig.Algorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders {@code docs/config-reference.md} from {@link ConfigSchema}, so the docs table is the schema
 * itself. It is build tooling, kept beside its test: {@code ConfigReferenceTest} fails when the committed file
 * differs; regenerate with {@code mvn -o test -Dtest=ConfigReferenceTest -Dfpolab.regenerateDocs=true}.
 */
public final class ConfigReference {

    /** Where the reference lives, relative to the project root. */
    public static final Path FILE = Path.of("docs", "config-reference.md");

    private ConfigReference() {
    }

    /** Writes the reference to {@link #FILE}. */
    static void write() throws IOException {
        Files.writeString(FILE, markdown(), StandardCharsets.UTF_8);
    }

    /** The whole reference page. */
    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Experiment configuration reference\n\n")
                .append("<!-- Generated from io.fpolab.config.ConfigSchema by ConfigReference; do not edit by hand. -->\n\n")
                .append("An experiment is a JSON or YAML file whose keys are the settings below, nested by section ")
                .append("(`{\"ppo\": {\"epochs\": 10}}`). Only `algorithm` and `env.id` are required; every other key ")
                .append("takes its default. Names of choices are written in lower snake case. ")
                .append("On the command line, `--set ppo.lr=1e-4` overrides one setting. ")
                .append("Integer ranges are inclusive (`1..1000`); real ranges use interval notation, where `(` ")
                .append("excludes the end.\n\n")
                .append("Algorithms: ").append(Arrays.stream(Algorithm.values()).map(a -> "`" + FieldSpec.snake(a) + "`")
                        .collect(Collectors.joining(", ")))
                .append(". The *applies to* column says which of them read a setting; the others ignore it.\n");
        String section = null;
        for (FieldSpec f : ConfigSchema.fields()) {
            if (!f.section().equals(section)) {
                section = f.section();
                b.append("\n## ").append(section.isEmpty() ? "Top level" : "`" + section + "`").append("\n\n")
                        .append("| key | type | default | allowed | applies to | description |\n")
                        .append("|---|---|---|---|---|---|\n");
            }
            b.append("| `").append(f.path()).append("` | ").append(f.kind().label())
                    .append(" | ").append(f.required() ? "required" : code(f.format(f.defaultValue())))
                    .append(" | ").append(cell(f.allowed()))
                    .append(" | ").append(appliesTo(f.appliesTo()))
                    .append(" | ").append(cell(f.description())).append(" |\n");
        }
        b.append("\n## Rules across settings\n\n");
        for (ConfigSchema.CrossFieldRule rule : ConfigSchema.crossFieldRules()) {
            b.append("- `").append(rule.fields()).append("`: ").append(cell(rule.doc())).append(".\n");
        }
        return b.toString();
    }

    private static String appliesTo(Set<Algorithm> algorithms) {
        if (algorithms.size() == Algorithm.values().length) {
            return "all";
        }
        List<String> names = Arrays.stream(Algorithm.values()).filter(algorithms::contains)
                .map(FieldSpec::snake).toList();
        return String.join(", ", names);
    }

    private static String code(String text) {
        return text.isEmpty() ? "`\"\"`" : "`" + text + "`";
    }

    /** Escapes the one character that would break a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
