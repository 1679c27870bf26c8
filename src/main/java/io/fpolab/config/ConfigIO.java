package io.fpolab.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.EnumNamingStrategies;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fpolab.core.AtomicFiles;
import io.fpolab.core.ConfigException;
import io.fpolab.core.TextFiles;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and writes experiment files (nested JSON or YAML whose keys are {@link ExperimentConfig}'s
 * component names), and holds the strict Jackson mapper every config and layout file is bound with.
 *
 * <p>Every problem surfaces as a {@link ConfigException} whose message is one line that starts with
 * the source name, then the field path or {@code line N, column M}, the bad value and what is allowed;
 * parser exceptions never escape.
 */
public final class ConfigIO {

    /** File format, chosen by extension. */
    public enum Format {
        JSON, YAML;

        /** The format of a file name ending in .json, .yaml or .yml (any case); empty otherwise. */
        public static Optional<Format> ofFileName(String fileName) {
            String lower = fileName.toLowerCase(Locale.ROOT);
            return lower.endsWith(".json") ? Optional.of(JSON)
                    : lower.endsWith(".yaml") || lower.endsWith(".yml") ? Optional.of(YAML) : Optional.empty();
        }
    }

    /** Largest config file accepted, in bytes; real configs are a few kilobytes. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** A config is two levels deep; anything much deeper is garbage, and the limit keeps recursion shallow. */
    private static final int MAX_DEPTH = 16;

    private static final StreamReadConstraints NESTING = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
            .build();

    /**
     * Reads JSON and binds trees strictly: unknown keys, nulls for primitives, trailing content, strings for numbers,
     * numbers for strings, fractions for integers and numbers for enums all fail; NaN and Infinity are read so the
     * range check can name the field. Enums are written and read by their lower-snake names only ("gaussian_ppo").
     */
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .streamReadConstraints(NESTING).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .enumNamingStrategy(EnumNamingStrategies.SNAKE_CASE)
            .build();
    private static final YAMLFactory YAML_IN = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(NESTING).build();
    private static final ObjectMapper YAML_OUT = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    private static final String UNSUPPORTED = "; allowed: .json, .yaml or .yml";

    private ConfigIO() {
    }

    /**
     * The strict tree reader for {@code format} (duplicate keys and trailing content fail, JSON NaN and Infinity are
     * read) with another nesting limit: layout files are parsed with it and bound with {@link #bind}.
     */
    public static ObjectReader treeReader(Format format, int maxDepth) {
        return JSON.reader().with((format == Format.JSON ? JSON.getFactory() : YAML_IN).rebuild()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build()).build());
    }

    /**
     * Binds a parsed tree onto {@code type} with the strict mapper. Whole numbers written with a fraction or an
     * exponent ({@code 1e3}, {@code 64.0}) count as integers first; 10.5 does not. A failure goes to {@code explain}
     * with the dotted path of the offending key ({@code "cells[3].x"}, {@code ""} for the top level) and its value,
     * or null for a key {@code type} does not have; it returns the message for the user.
     */
    public static <T> T bind(JsonNode tree, Class<T> type, BiFunction<String, JsonNode, ConfigException> explain) {
        try {
            return JSON.treeToValue(wholeNumbersAsIntegers(tree), type);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder();
            JsonNode value = tree;
            for (JsonMappingException.Reference r : e.getPath()) {
                boolean index = r.getFieldName() == null;
                path.append(index ? "[" + r.getIndex() + "]" : (path.isEmpty() ? "" : ".") + r.getFieldName());
                value = index ? value.path(r.getIndex()) : value.path(r.getFieldName());
            }
            throw explain.apply(path.toString(), e instanceof UnrecognizedPropertyException ? null : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree has no syntax to get wrong", e);
        }
    }

    private static JsonNode wholeNumbersAsIntegers(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.properties().forEach(e -> e.setValue(wholeNumbersAsIntegers(e.getValue())));
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, wholeNumbersAsIntegers(a.get(i)));
            }
        } else if (n.isFloatingPointNumber() && Double.isFinite(n.doubleValue())) {
            BigDecimal d = n.decimalValue().stripTrailingZeros();
            if (d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                return LongNode.valueOf(d.longValueExact());
            }
        }
        return n;
    }

    /** A tree node as the plain Java value messages describe (String, Number, Boolean, List, Map or null). */
    public static Object plain(JsonNode node) {
        try {
            return JSON.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always converts to plain values", e);
        }
    }

    /**
     * Reads, validates and returns the config in {@code file}; a relative {@code env.layoutFile} is resolved
     * against the file's directory and stored absolute.
     *
     * @throws ConfigException with a one-line message starting with {@code file.toString()}
     */
    public static ExperimentConfig read(Path file) {
        Format format = formatOf(file);
        String text;
        try {
            text = TextFiles.read(file, MAX_BYTES, "config");
        } catch (ConfigException e) {
            throw e.inSource(file.toString());
        }
        return parse(text, file.toString(), format, file.toAbsolutePath().getParent());
    }

    /** The format of {@code file} by extension; an error message starts with the file. */
    private static Format formatOf(Path file) {
        String name = String.valueOf(file.getFileName());
        return Format.ofFileName(name).orElseThrow(() -> new ConfigException("", "unsupported file type "
                + FieldSpec.quote(name.lastIndexOf('.') < 0 ? "" : name.substring(name.lastIndexOf('.'))) + UNSUPPORTED)
                .inSource(file.toString()));
    }

    /**
     * Parses and validates config text.
     *
     * @param sourceName shown in front of every error message (a file name, "clipboard", ...)
     * @throws ConfigException with a one-line message starting with {@code sourceName}
     */
    public static ExperimentConfig parse(String text, String sourceName, Format format) {
        try {
            return ConfigSchema.bind(readTree(text, format));
        } catch (ConfigException e) {
            throw e.inSource(sourceName);
        }
    }

    /**
     * Parses and validates config text that belongs to a folder on disk (e.g. the copy of a run's config
     * inside its checkpoint): a relative {@code env.layoutFile} is resolved against {@code baseDir}, as
     * {@link #read} does for a file in that folder.
     */
    public static ExperimentConfig parse(String text, String sourceName, Format format, Path baseDir) {
        ExperimentConfig config = parse(text, sourceName, format);
        String layoutFile = config.env().layoutFile();
        try {
            if (layoutFile == null || baseDir == null || Path.of(layoutFile).isAbsolute()) {
                return config;
            }
            String resolved = baseDir.toAbsolutePath().resolve(layoutFile).normalize().toString();
            return ConfigSchema.withOverride(config, "env.layoutFile", resolved);
        } catch (InvalidPathException e) {
            throw new ConfigException("env.layoutFile", FieldSpec.quote(layoutFile) + " is not a valid path; "
                    + "allowed: a file path, relative to the config file or absolute").inSource(sourceName);
        } catch (ConfigException e) {
            throw e.inSource(sourceName);
        }
    }

    /**
     * Loads a config from the class path, e.g. {@code "/sample-configs/gridworld-fpo.json"}; a relative
     * {@code env.layoutFile} is left as written since a resource has no directory on disk.
     *
     * @throws ConfigException if the resource is missing or invalid
     */
    public static ExperimentConfig loadResource(String classpathPath) {
        String text;
        Optional<Format> format = Format.ofFileName(classpathPath);
        try (InputStream in = ConfigIO.class.getResourceAsStream(classpathPath)) {
            if (format.isEmpty() || in == null) {
                throw new ConfigException("", format.isEmpty() ? "unsupported file type" + UNSUPPORTED
                        : "no such resource on the class path");
            }
            text = TextFiles.decode(in.readNBytes(MAX_BYTES + 1), MAX_BYTES, "config");
        } catch (IOException e) {
            throw new ConfigException("", "cannot read resource: " + TextFiles.oneLine(e.getMessage()))
                    .inSource(classpathPath);
        } catch (ConfigException e) {
            throw e.inSource(classpathPath);
        }
        return parse(text, classpathPath, format.get());
    }

    /** Pretty nested JSON in schema order, ending with a newline. */
    public static String toJson(ExperimentConfig config) {
        return format(fileTree(config), Format.JSON);
    }

    /**
     * The tree a config file holds: every setting, except those added after files were first written while they
     * keep their default ({@link ConfigSchema#WRITTEN_ONLY_WHEN_SET}), so files written before them stay byte for
     * byte what the lab writes for the same experiment (finished runs are recognised and not repeated).
     */
    private static JsonNode fileTree(ExperimentConfig config) {
        JsonNode tree = JSON.valueToTree(config);
        ConfigSchema.WRITTEN_ONLY_WHEN_SET.forEach((key, dflt) -> {
            int dot = key.indexOf('.');
            JsonNode section = tree.get(key.substring(0, dot));
            String field = key.substring(dot + 1);
            if (section instanceof ObjectNode o && o.path(field).asText().equals(String.valueOf(dflt))) {
                o.remove(field);
            }
        });
        return tree;
    }

    /** Nested YAML in schema order; strings are quoted so names like "yes" or "1e3" read back as strings. */
    public static String toYaml(ExperimentConfig config) {
        return format(fileTree(config), Format.YAML);
    }

    /**
     * A record bound by this class's mapper (a config or a layout file) as the text of a file: pretty JSON ending
     * with a newline, or YAML with quoted strings; components in record order, enums by their lower-snake names.
     */
    public static String format(Object value, Format format) {
        try {
            JsonNode tree = JSON.valueToTree(value);
            return format == Format.JSON ? JSON.writer(PRETTY).writeValueAsString(tree) + "\n"
                    : YAML_OUT.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }

    /**
     * Writes {@code config} as JSON or YAML (by extension) so that readers never see a half-written file
     * ({@link AtomicFiles}).
     *
     * @throws ConfigException for an unsupported extension
     * @throws IOException     if the directory is not writable or the disk is full
     */
    public static void write(Path file, ExperimentConfig config) throws IOException {
        AtomicFiles.write(file, (formatOf(file) == Format.JSON ? toJson(config) : toYaml(config))
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Parses JSON or YAML text into a tree with the strict reader: duplicate keys, trailing content and nesting
     * deeper than {@link #MAX_DEPTH} are syntax errors with a line and column.
     */
    public static JsonNode readTree(String text, Format format) {
        if (text.length() > MAX_BYTES) {
            throw new ConfigException("", "text is larger than 1 MB; allowed: configs up to " + MAX_BYTES + " characters");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        TextFiles.checkText(body, "config");
        if (body.isBlank()) {
            throw new ConfigException("", "file is empty; allowed: an object with at least \"algorithm\" and \"env\": "
                    + "{\"id\": ...}");
        }
        JsonParser p = null;
        try {
            p = format == Format.JSON ? JSON.createParser(body) : yamlParser(body);
            JsonNode root = JSON.readTree(p);
            if (root == null || root.isMissingNode()) {
                throw new ConfigException("", "file has no settings (only comments or document markers); allowed: an "
                        + "object with at least \"algorithm\" and \"env\": {\"id\": ...}");
            }
            return root;
        } catch (ConfigException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // SnakeYAML reports some problems (e.g. forbidden characters) with its own unchecked exceptions.
            throw syntaxError(e, p, format);
        }
    }

    /** A YAML parser that reads {@code .nan}, {@code .inf} and {@code -.inf} as numbers, as YAML spells them. */
    private static JsonParser yamlParser(String text) throws IOException {
        return new JsonParserDelegate(YAML_IN.createParser(text)) {
            private Double special() throws IOException {
                return currentToken() == JsonToken.VALUE_NUMBER_FLOAT
                        ? Map.of(".nan", Double.NaN, ".inf", Double.POSITIVE_INFINITY, "+.inf", Double.POSITIVE_INFINITY,
                                "-.inf", Double.NEGATIVE_INFINITY).get(getText().toLowerCase(Locale.ROOT)) : null;
            }

            @Override
            public double getDoubleValue() throws IOException {
                Double s = special();
                return s != null ? s : super.getDoubleValue();
            }

            @Override
            public NumberTypeFP getNumberTypeFP() throws IOException {
                return special() != null ? NumberTypeFP.DOUBLE64 : super.getNumberTypeFP();
            }
        };
    }

    /** A parser failure as {@code line N, column M: short reason}, with duplicate keys named by full path. */
    private static ConfigException syntaxError(Exception e, JsonParser p, Format format) {
        MarkedYAMLException yaml = null;
        for (Throwable t = e; t != null && yaml == null; t = t.getCause() == t ? null : t.getCause()) {
            yaml = t instanceof MarkedYAMLException m ? m : null;
        }
        if (yaml != null && yaml.getProblemMark() != null) {
            return new ConfigException("line " + (yaml.getProblemMark().getLine() + 1) + ", column "
                    + (yaml.getProblemMark().getColumn() + 1), shortReason(yaml.getProblem()) + "; allowed: valid YAML");
        }
        JsonLocation loc = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        if ((loc == null || loc.getLineNr() < 1) && p != null) {
            loc = p.currentLocation();
        }
        String raw = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        String reason;
        if (raw != null && raw.startsWith("Duplicate field") && p != null) {
            reason = "duplicate key \"" + ConfigSchema.printable(contextPath(p.getParsingContext()))
                    + "\"; allowed: each key once";
        } else if (raw != null && raw.startsWith("Trailing token")) {
            reason = "unexpected content after the end of the configuration; allowed: a single object";
        } else {
            reason = shortReason(raw) + "; allowed: valid " + format;
        }
        return new ConfigException(position(loc), reason);
    }

    private static String contextPath(JsonStreamContext ctx) {
        List<String> names = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null; c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                names.add(0, c.getCurrentName());
            }
        }
        return String.join(".", names);
    }

    /** {@code line N, column M} of a parser location (line 1, column 1 when unknown). */
    public static String position(JsonLocation loc) {
        return loc == null || loc.getLineNr() < 1 ? "line 1, column 1"
                : "line " + loc.getLineNr() + ", column " + Math.max(1, loc.getColumnNr());
    }

    /**
     * The first line of a parser message without Jackson's internal details (character codes, source
     * descriptions, feature and class names in backticks), so users see only what is wrong.
     */
    public static String shortReason(String message) {
        String s = TextFiles.oneLine(message == null || message.isBlank() ? "syntax error" : message);
        // A YAML complex key ("? [a, b]") arrives as a parser event object where a key was expected.
        s = s.replaceAll("(?i)expected a field name \\(Scalar value in YAML\\), got this instead: "
                + "<org\\.yaml\\.snakeyaml\\.events\\.(Sequence|Mapping)StartEvent[^>]*>",
                "a key must be a plain name, got a $1 (a YAML complex key)")
                .replace("got a Sequence (", "got a list (").replace("got a Mapping (", "got an object (")
                .replaceAll("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)(Start|End)?Event[^>]*>", "$1");
        s = s.replaceAll("\\s*\\(code -?\\d+\\)", "")
                .replaceAll("\\s*\\((start marker|for Object starting|for Array starting) at[^)]*\\)?", "")
                .replaceAll("\\s*\\[Source:[^]]*]", "")
                .replaceAll(",? ?(from|as per|bound as|enable)? ?`[^`]*`", "")
                .replaceAll("\\(\\s*\\)", "")
                .replaceAll("\\s+", " ")
                .strip();
        s = s.isEmpty() ? "syntax error" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
        return s.length() <= 160 ? s : s.substring(0, 160) + "…";
    }
}
