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
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fpolab.core.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads and writes experiment files (nested JSON or YAML whose keys are {@link ExperimentConfig}'s
 * component names). This is the only class that touches config files.
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
            if (lower.endsWith(".json")) {
                return Optional.of(JSON);
            }
            if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
                return Optional.of(YAML);
            }
            return Optional.empty();
        }
    }

    /** Largest config file accepted, in bytes; real configs are a few kilobytes. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** A config is two levels deep; anything much deeper is garbage, and the limit keeps recursion shallow. */
    private static final int MAX_DEPTH = 16;

    private static final JsonFactory JSON_IN = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 4).build())
            .build();
    private static final YAMLFactory YAML_IN = YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 4).build())
            .build();
    private static final ObjectMapper JSON_OUT = JsonMapper.builder().build();
    private static final ObjectMapper YAML_OUT = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter().withSeparators(
            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private ConfigIO() {
    }

    /**
     * Reads, validates and returns the config in {@code file}; a relative {@code env.layoutFile} is resolved
     * against the file's directory and stored absolute.
     *
     * @throws ConfigException with a one-line message starting with {@code file.toString()}
     */
    public static ExperimentConfig read(Path file) {
        String source = file.toString();
        Format format = Format.ofFileName(String.valueOf(file.getFileName())).orElseThrow(() -> new ConfigException("",
                "unsupported file type " + FieldSpec.quote(extension(file)) + "; allowed: .json, .yaml or .yml")
                .inSource(source));
        String text;
        try {
            text = readText(file, MAX_BYTES, "config");
        } catch (ConfigException e) {
            throw e.inSource(source);
        }
        ExperimentConfig config = parse(text, source, format);
        try {
            return resolveLayoutFile(config, file.toAbsolutePath().getParent());
        } catch (ConfigException e) {
            throw e.inSource(source);
        }
    }

    /**
     * Parses and validates config text.
     *
     * @param sourceName shown in front of every error message (a file name, "clipboard", ...)
     * @throws ConfigException with a one-line message starting with {@code sourceName}
     */
    public static ExperimentConfig parse(String text, String sourceName, Format format) {
        try {
            return ConfigSchema.fromMap(flatten(readTree(text, format)));
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
        try {
            return resolveLayoutFile(config, baseDir == null ? null : baseDir.toAbsolutePath());
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
        Format format = Format.ofFileName(classpathPath).orElseThrow(() -> new ConfigException("",
                "unsupported file type; allowed: .json, .yaml or .yml").inSource(classpathPath));
        InputStream in = ConfigIO.class.getResourceAsStream(classpathPath);
        if (in == null) {
            throw new ConfigException("", "no such resource on the class path").inSource(classpathPath);
        }
        byte[] bytes;
        try (InputStream stream = in) {
            bytes = stream.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new ConfigException("", "cannot read resource: " + oneLine(e.getMessage())).inSource(classpathPath);
        }
        return parseBytes(bytes, classpathPath, format);
    }

    /** Pretty nested JSON in schema order, ending with a newline. */
    public static String toJson(ExperimentConfig config) {
        try {
            return JSON_OUT.writer(PRETTY).writeValueAsString(nested(config)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a validated config", e);
        }
    }

    /** Nested YAML in schema order; strings are quoted so names like "yes" or "1e3" read back as strings. */
    public static String toYaml(ExperimentConfig config) {
        try {
            return YAML_OUT.writeValueAsString(nested(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a validated config", e);
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
        Format format = Format.ofFileName(String.valueOf(file.getFileName())).orElseThrow(() -> new ConfigException("",
                "unsupported file type " + FieldSpec.quote(extension(file)) + "; allowed: .json, .yaml or .yml")
                .inSource(file.toString()));
        byte[] bytes = (format == Format.JSON ? toJson(config) : toYaml(config)).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes);
    }

    /** Decodes and parses file bytes; file-level problems (size, binary, encoding) are reported here. */
    static ExperimentConfig parseBytes(byte[] bytes, String source, Format format) {
        String text;
        try {
            text = decodeText(bytes, MAX_BYTES, "config");
        } catch (ConfigException e) {
            throw e.inSource(source);
        }
        return parse(text, source, format);
    }

    /**
     * The input policy for every text file the program reads (configs, layout files, action CSVs): a file,
     * not a folder, that exists and can be read, at most {@code maxBytes} bytes (larger files are refused
     * after reading {@code maxBytes + 1}, never loaded whole), UTF-8 (a byte-order mark is dropped), no
     * control characters but tab and line breaks. Problems are one-line {@link ConfigException}s in plain
     * words ("file not found", "permission denied", "file is larger than 4 MB; ...") without the file name,
     * which the caller adds with {@link ConfigException#inSource}.
     *
     * @param kind what the file should be, for messages: "config", "layout", "actions"
     */
    public static String readText(Path file, int maxBytes, String kind) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException("", "is a folder; allowed: a " + kind + " file");
            }
            try (InputStream in = Files.newInputStream(file)) {
                // One byte past the limit tells an oversized file without reading all of it.
                bytes = in.readNBytes(maxBytes + 1);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "file not found");
        } catch (AccessDeniedException e) {
            throw new ConfigException("", "permission denied");
        } catch (FileSystemException e) {
            throw new ConfigException("", "cannot read file: " + fileSystemReason(e));
        } catch (IOException e) {
            throw new ConfigException("", "cannot read file: " + oneLine(e.getMessage()));
        }
        return decodeText(bytes, maxBytes, kind);
    }

    /** {@link #readText}'s checks on bytes already read (at most {@code maxBytes + 1} of them). */
    public static String decodeText(byte[] bytes, int maxBytes, String kind) {
        if (bytes.length > maxBytes) {
            throw new ConfigException("", "file is larger than " + megabytes(maxBytes) + "; allowed: " + kind
                    + " files up to " + maxBytes + " bytes");
        }
        String text = decode(bytes, kind);
        checkText(text, kind);
        return text;
    }

    private static String megabytes(long bytes) {
        return bytes >= 1 << 30 ? (bytes >> 30) + " GB" : bytes >= 1 << 20 ? (bytes >> 20) + " MB" : (bytes >> 10) + " kB";
    }

    /** Why the file system refused, without the path (a long path would push the reason out of the line). */
    private static String fileSystemReason(FileSystemException e) {
        String reason = e.getReason() == null ? "" : e.getReason();
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("file name too long")) {
            return "a name in the path is too long (at most 255 bytes per file or folder name)";
        }
        if (lower.contains("too many levels of symbolic links")) {
            return "symbolic links form a loop";
        }
        if (lower.contains("not a directory")) {
            return "a part of the path is a file, not a folder";
        }
        if (lower.contains("is a directory")) {
            return "is a folder";
        }
        return reason.isBlank() ? "input/output error" : FieldSpec.escape(Character.toLowerCase(reason.charAt(0))
                + reason.substring(1), 120);
    }

    private static String decode(byte[] bytes, String kind) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException("", "file is not a text " + kind + " file (invalid UTF-8 near byte "
                    + in.position() + "); allowed: UTF-8 " + ("actions".equals(kind) ? "CSV" : "JSON or YAML") + " text");
        }
    }

    private static Object readTree(String text, Format format) {
        if (text.length() > MAX_BYTES) {
            throw new ConfigException("", "text is larger than 1 MB; allowed: configs up to " + MAX_BYTES + " characters");
        }
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        checkText(body, "config");
        if (body.isBlank()) {
            throw new ConfigException("", "file is empty; allowed: an object with at least \"algorithm\" and \"env\": {\"id\": ...}");
        }
        JsonParser p = null;
        try {
            p = format == Format.JSON ? JSON_IN.createParser(body) : YAML_IN.createParser(body);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ConfigException("", "file has no settings (only comments or document markers); allowed: an "
                        + "object with at least \"algorithm\" and \"env\": {\"id\": ...}");
            }
            Object root = readValue(p, format, 0);
            if (p.nextToken() != null) {
                throw new ConfigException(position(p.currentTokenLocation()),
                        "unexpected content after the end of the configuration; allowed: a single object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw syntaxError(e, p);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from a string cannot fail", e);
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            // SnakeYAML reports some problems (e.g. forbidden characters) with its own unchecked exceptions.
            throw syntaxError(e, p);
        } finally {
            closeQuietly(p);
        }
    }

    /** Rejects control characters that only binary data contains; tabs and line breaks are fine. */
    private static void checkText(String text, String kind) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f || c == '\uFFFE' || c == '\uFFFF') {
                throw new ConfigException("", String.format("file is not a text %s file (control character "
                        + "U+%04X at line %d, column %d); allowed: %s text", kind, (int) c, line, column,
                        "actions".equals(kind) ? "CSV" : "JSON or YAML"));
            }
            column++;
        }
    }

    private static Object readValue(JsonParser p, Format format, int depth) throws IOException {
        JsonToken t = p.currentToken();
        if (depth > MAX_DEPTH) {
            throw new ConfigException(position(p.currentTokenLocation()), "nesting deeper than " + MAX_DEPTH
                    + " levels; allowed: sections one level deep");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, readValue(p, format, depth + 1));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p, format, depth + 1));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                if (format == Format.YAML) {
                    Double special = yamlSpecialFloat(p.getText());
                    if (special != null) {
                        return special;
                    }
                }
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                // YAML tags such as !!binary arrive as embedded objects; keep their text for the message.
                return p.getText();
        }
    }

    /** YAML spells NaN and infinities {@code .nan}, {@code .inf}, {@code -.inf}, which Jackson cannot convert. */
    private static Double yamlSpecialFloat(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case ".nan":
                return Double.NaN;
            case ".inf":
            case "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return null;
        }
    }

    /** Turns the nested tree into the schema's flat dotted map, reporting unknown and misplaced keys. */
    private static Map<String, Object> flatten(Object root) {
        if (!(root instanceof Map<?, ?> top)) {
            throw new ConfigException("", "top level must be an object of settings, got " + FieldSpec.describe(root)
                    + "; allowed: an object with at least \"algorithm\" and \"env\": {\"id\": ...}");
        }
        List<String> sections = ConfigSchema.sections();
        Map<String, Object> flat = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (sections.contains(key)) {
                if (!(value instanceof Map<?, ?> section)) {
                    throw new ConfigException(key, "expected an object of settings, got " + FieldSpec.describe(value)
                            + "; allowed: an object with keys such as " + firstKeys(key));
                }
                for (Map.Entry<?, ?> inner : section.entrySet()) {
                    String path = key + "." + inner.getKey();
                    if (!isLeaf(path)) {
                        throw ConfigSchema.unknownKey(path);
                    }
                    flat.put(path, inner.getValue());
                }
            } else if (isLeaf(key) && !key.contains(".")) {
                flat.put(key, value);
            } else if (isLeaf(key)) {
                int dot = key.indexOf('.');
                throw new ConfigException(ConfigSchema.printable(key), "unknown top-level key; allowed: the nested form \""
                        + key.substring(0, dot) + "\": {\"" + key.substring(dot + 1) + "\": ...}");
            } else {
                throw ConfigSchema.unknownKey(key);
            }
        }
        return flat;
    }

    private static boolean isLeaf(String path) {
        return ConfigSchema.fields().stream().anyMatch(f -> f.path().equals(path));
    }

    private static String firstKeys(String section) {
        return String.join(", ", ConfigSchema.fields().stream().filter(f -> f.section().equals(section))
                .limit(3).map(FieldSpec::key).toList());
    }

    private static ExperimentConfig resolveLayoutFile(ExperimentConfig config, Path dir) {
        String layoutFile = config.env().layoutFile();
        if (layoutFile == null || dir == null) {
            return config;
        }
        Path resolved;
        try {
            Path p = Path.of(layoutFile);
            if (p.isAbsolute()) {
                return config;
            }
            resolved = dir.resolve(p).normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException("env.layoutFile", FieldSpec.quote(layoutFile)
                    + " is not a valid path; allowed: a file path, relative to the config file or absolute");
        }
        return ConfigSchema.withOverride(config, "env.layoutFile", resolved.toString());
    }

    private static Map<String, Object> nested(ExperimentConfig config) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ConfigSchema.toMap(config).entrySet()) {
            FieldSpec spec = ConfigSchema.field(e.getKey());
            Object plain = spec.toPlain(e.getValue());
            if (spec.section().isEmpty()) {
                root.put(spec.key(), plain);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> section = (Map<String, Object>) root.computeIfAbsent(spec.section(),
                        s -> new LinkedHashMap<String, Object>());
                section.put(spec.key(), plain);
            }
        }
        return root;
    }

    /** A parser failure as {@code line N, column M: short reason}, with duplicate keys named by full path. */
    private static ConfigException syntaxError(Exception e, JsonParser p) {
        MarkedYAMLException yaml = findCause(e, MarkedYAMLException.class);
        if (yaml != null && yaml.getProblemMark() != null) {
            String where = "line " + (yaml.getProblemMark().getLine() + 1) + ", column "
                    + (yaml.getProblemMark().getColumn() + 1);
            return new ConfigException(where, shortReason(yaml.getProblem()) + "; allowed: valid YAML");
        }
        JsonLocation loc = e instanceof JsonProcessingException jpe ? jpe.getLocation() : null;
        if ((loc == null || loc.getLineNr() < 1) && p != null) {
            loc = p.currentLocation();
        }
        String raw = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        String reason = shortReason(raw);
        if (raw != null && raw.startsWith("Duplicate field") && p != null) {
            reason = "duplicate key \"" + ConfigSchema.printable(contextPath(p.getParsingContext()))
                    + "\"; allowed: each key once";
        } else {
            reason = reason + "; allowed: valid " + (p instanceof YAMLParser
                    ? "YAML" : "JSON");
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

    private static <T extends Throwable> T findCause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String position(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "line 1, column 1";
        }
        return "line " + loc.getLineNr() + ", column " + Math.max(1, loc.getColumnNr());
    }

    /**
     * The first line of a parser message without Jackson's internal details (character codes, source
     * descriptions, feature and class names in backticks), so users see only what is wrong.
     */
    public static String shortReason(String message) {
        String s = oneLine(message == null || message.isBlank() ? "syntax error" : message);
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
        if (s.isEmpty()) {
            s = "syntax error";
        }
        s = Character.toLowerCase(s.charAt(0)) + s.substring(1);
        return s.length() <= 160 ? s : s.substring(0, 160) + "…";
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String first = nl < 0 ? s : s.substring(0, nl);
        return FieldSpec.escape(first, 300);
    }

    private static String extension(Path file) {
        String name = String.valueOf(file.getFileName());
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot);
    }

    private static void closeQuietly(JsonParser p) {
        if (p != null) {
            try {
                p.close();
            } catch (IOException | RuntimeException e) {
                // Closing a parser over a string releases buffers only; a failure here changes nothing for the caller.
            }
        }
    }
}
