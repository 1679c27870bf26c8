package io.fpolab.config;

import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.core.ConfigException;
import io.fpolab.core.TextFiles;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the rule table {@link ConfigSchema#fields()}: a setting's dotted path ({@code "ppo.epochs"}), kind,
 * default, what is allowed (range, length or names), the algorithms that read it and one sentence for students
 * (UI tooltip and docs table).
 *
 * <p>Jackson binds files onto {@link ExperimentConfig}; this row says what a bound value may be and words every
 * message about it ({@link #validate}), so a value accepted here is accepted everywhere and every reader reports
 * a bad one alike: the field, the value and what is allowed.
 *
 * @param range numeric interval (of each element, for lists); null for other kinds
 * @param size  allowed length of a string or a list; null for other kinds
 */
public record FieldSpec(String path, Kind kind, Object defaultValue, boolean required, Range range, Range size,
        List<String> choices, Set<Algorithm> appliesTo, String description) {

    /** The value types a setting can have; {@link #label()} is the name used in docs and messages. */
    public enum Kind {
        INT("int", "an integer"), LONG("long", "an integer"), DOUBLE("double", "a number"),
        BOOL("bool", "true or false"), STRING("string", "a string"), ENUM("enum", "one of the listed names"),
        INT_LIST("int-list", "a list of integers"), NULLABLE_STRING("nullable string", "a string or null");

        private final String label;
        private final String expected;

        Kind(String label, String expected) {
            this.label = label;
            this.expected = expected;
        }

        /** Short name for docs ("int-list"). */
        public String label() {
            return label;
        }
    }

    /**
     * A numeric interval; open ends are exclusive. Integer kinds print it as {@code 1..1000}, real
     * kinds in interval notation {@code (0, 1]} so students see which ends are allowed.
     */
    public record Range(double min, boolean minOpen, double max, boolean maxOpen) {
        /** True if {@code v} is finite and inside the interval. */
        public boolean contains(double v) {
            return Double.isFinite(v) && contains(new BigDecimal(v));
        }

        boolean contains(BigDecimal v) {
            int lo = v.compareTo(new BigDecimal(min));
            int hi = v.compareTo(new BigDecimal(max));
            return (minOpen ? lo > 0 : lo >= 0) && (maxOpen ? hi < 0 : hi <= 0);
        }

        /**
         * Reads a range of the settings table, written as the docs show it ({@link #format}: {@code "1..1000"} for
         * integers, {@code "(0, 1]"} for reals); null for null.
         */
        static Range parse(String text, boolean integral, String path) {
            Matcher m = RANGE.matcher(text == null ? "" : text);
            Range r = !m.matches() ? null : m.group(5) != null
                    ? new Range(Double.parseDouble(m.group(5)), false, Double.parseDouble(m.group(6)), false)
                    : new Range(Double.parseDouble(m.group(2)), m.group(1).equals("("), Double.parseDouble(m.group(3)),
                            m.group(4).equals(")"));
            if (text != null && (r == null || !r.format(integral).equals(text))) {
                throw new IllegalStateException("settings table: " + path + " has \"" + text + "\"; write a range as the "
                        + "docs show it, " + (r == null ? integral ? "\"1..10\"" : "\"(0, 1]\"" : "\"" + r.format(integral)
                        + "\""));
            }
            return r;
        }

        /** {@code "1..1000"} for integer settings, {@code "(0, 1]"} for real ones. */
        public String format(boolean integral) {
            return integral ? number(min) + ".." + number(max)
                    : (minOpen ? "(" : "[") + number(min) + ", " + number(max) + (maxOpen ? ")" : "]");
        }
    }

    private static final Pattern RANGE = Pattern.compile("([\\[(])(\\S+), (\\S+)([\\])])|(-?\\d+)\\.\\.(-?\\d+)");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Map<String, Double> NON_FINITE = Map.of("nan", Double.NaN, ".nan", Double.NaN,
            "infinity", Double.POSITIVE_INFINITY, "+infinity", Double.POSITIVE_INFINITY, "inf", Double.POSITIVE_INFINITY,
            ".inf", Double.POSITIVE_INFINITY, "+.inf", Double.POSITIVE_INFINITY, "-infinity", Double.NEGATIVE_INFINITY,
            "-inf", Double.NEGATIVE_INFINITY, "-.inf", Double.NEGATIVE_INFINITY);
    private static final int MAX_SHOWN = 60;

    public FieldSpec {
        choices = List.copyOf(choices);
        appliesTo = Set.copyOf(appliesTo);
    }

    /** One row of a settings table as written ({@code settings.yaml}). */
    private record Row(String path, Boolean required, @JsonProperty("default") Object dflt, String range, String size,
            String choices, Set<Algorithm> only, String doc) {
    }

    /**
     * Reads a settings table (a YAML list of rows, see {@code settings.yaml}) with the strict config mapper. A row's
     * kind is the type of the record component at its path under {@code root}; an enum's names are its constants;
     * {@code choices} names a list of {@code namedChoices}; the default must pass the row's own check.
     */
    static List<FieldSpec> table(URL yaml, Class<? extends Record> root, Map<String, List<String>> namedChoices) {
        try (InputStream in = yaml.openStream()) {
            JsonNode rows = ConfigIO.treeReader(ConfigIO.Format.YAML, 8).readTree(in);
            return Arrays.stream(ConfigIO.JSON.treeToValue(rows, Row[].class)).map(r -> of(r, root, namedChoices))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the settings table " + yaml, e);
        }
    }

    private static FieldSpec of(Row r, Class<?> root, Map<String, List<String>> namedChoices) {
        Class<?> type = root;
        for (String name : r.path().split("\\.")) {
            type = Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("settings table: no record component " + r.path()))
                    .getType();
        }
        Kind kind = type == int.class ? Kind.INT : type == long.class ? Kind.LONG : type == double.class ? Kind.DOUBLE
                : type == boolean.class ? Kind.BOOL : type == List.class ? Kind.INT_LIST : type.isEnum() ? Kind.ENUM
                : r.dflt() == null ? Kind.NULLABLE_STRING : Kind.STRING;
        List<String> choices = kind == Kind.ENUM ? Arrays.stream(type.getEnumConstants()).map(e -> snake((Enum<?>) e))
                .toList() : r.choices() == null ? List.of() : namedChoices.get(r.choices());
        if (choices == null || (kind == Kind.ENUM && !choices.contains(String.valueOf(r.dflt())))) {
            throw new IllegalStateException("settings table: " + r.path() + (choices == null ? " has choices "
                    + r.choices() + "; allowed " + namedChoices.keySet() : " has default " + r.dflt() + "; allowed "
                    + choices));
        }
        Object raw = kind == Kind.ENUM ? type.getEnumConstants()[choices.indexOf(r.dflt())] : r.dflt();
        Set<Algorithm> algorithms = r.only() == null ? EnumSet.allOf(Algorithm.class) : r.only();
        FieldSpec row = new FieldSpec(r.path(), kind, raw, Boolean.TRUE.equals(r.required()),
                Range.parse(r.range(), kind == Kind.INT || kind == Kind.LONG || kind == Kind.INT_LIST, r.path()),
                Range.parse(r.size(), true, r.path()), choices, algorithms, r.doc());
        return new FieldSpec(row.path, kind, row.validate(raw), row.required, row.range, row.size, choices, algorithms,
                r.doc());
    }

    /** The enclosing section ({@code "ppo"}), or {@code ""} for top-level settings. */
    public String section() {
        int dot = path.indexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    /** The key inside its section ({@code "epochs"}). */
    public String key() {
        return path.substring(path.indexOf('.') + 1);
    }

    /** True if training with {@code algorithm} reads this setting (the UI greys out the others). */
    public boolean appliesTo(Algorithm algorithm) {
        return appliesTo.contains(algorithm);
    }

    /** Human-readable description of the allowed values, as shown in error messages and the docs. */
    public String allowed() {
        return switch (kind) {
            case INT, LONG -> range.format(true);
            case DOUBLE -> range.format(false);
            case BOOL -> "true or false";
            case STRING -> choices.isEmpty() ? size.format(true) + " characters" : String.join(", ", choices);
            case ENUM -> String.join(", ", choices);
            case INT_LIST -> size.format(true) + " layers of " + range.format(true) + " units";
            case NULLABLE_STRING -> "null or a non-empty string";
        };
    }

    /**
     * Parses text typed by a user (UI field, CLI {@code --set}) into the typed value.
     * Integers accept {@code 1e3}; lists accept {@code 64,64} or {@code [64, 64]}; a nullable string
     * is null for {@code ""} or {@code null}.
     *
     * @throws ConfigException naming this field, the text and what is allowed
     */
    public Object parseText(String text) {
        String t = text == null ? "" : text.strip();
        return switch (kind) {
            case INT, LONG, DOUBLE -> validate(parseNumber(path, t, "expected " + kind.expected, allowed()));
            case BOOL -> {
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                    yield Boolean.parseBoolean(t);
                }
                throw fail("expected true or false, got " + quote(text));
            }
            case STRING -> validate(text == null ? "" : text);
            case ENUM -> validate(t);
            case NULLABLE_STRING -> t.isEmpty() || t.equals("null") ? null : validate(text);
            case INT_LIST -> {
                String inner = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1).strip() : t;
                List<Object> items = new ArrayList<>();
                for (String part : inner.isEmpty() ? new String[0] : inner.split("\\s*[,\\s]\\s*")) {
                    items.add(parseNumber(path + "[" + items.size() + "]", part, "expected an integer",
                            range.format(true)));
                }
                yield validate(items);
            }
        };
    }

    private static Object parseNumber(String where, String t, String expected, String allowed) {
        Double special = NON_FINITE.get(t.toLowerCase(Locale.ROOT));
        if (special != null) {
            return special;
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new ConfigException(where, expected + ", got " + quote(t) + "; allowed " + allowed);
        }
        return new BigDecimal(t);
    }

    /**
     * Checks a value as Jackson reads it from a file or as a caller's map holds it, and returns it typed: Integer,
     * Long, Double, Boolean, String, the enum constant, or an unmodifiable {@code List<Integer>}. Numbers may be
     * any {@link Number} (integral ones such as {@code 1e3} count as integers); enums their lower-snake name.
     *
     * @throws ConfigException naming this field, the bad value and what is allowed
     */
    public Object validate(Object raw) {
        switch (kind) {
            case INT, LONG -> {
                long v = finite(path, raw, range, true).longValueExact();
                return kind == Kind.INT ? (Object) (int) v : (Object) v;
            }
            case DOUBLE -> {
                finite(path, raw, range, false);
                return ((Number) raw).doubleValue();
            }
            case BOOL -> {
                return as(Boolean.class, raw);
            }
            case NULLABLE_STRING -> {
                if (raw != null && as(String.class, raw).isBlank()) {
                    throw fail("an empty path is not allowed; write null for no layout file");
                }
                return raw;
            }
            case INT_LIST -> {
                Collection<?> items = as(Collection.class, raw);
                if (!size.contains(items.size())) {
                    throw fail(items.size() + " layers is out of range; allowed " + allowed());
                }
                List<Integer> out = new ArrayList<>();
                for (Object item : items) {
                    out.add(finite(path + "[" + out.size() + "]", item, range, true).intValueExact());
                }
                return List.copyOf(out);
            }
            default -> {
                if (raw instanceof Enum<?> e && e.getDeclaringClass().isInstance(defaultValue)) {
                    return e;
                }
                String s = as(String.class, raw);
                if (!choices.isEmpty()) {
                    int i = choices.indexOf(s);
                    if (i < 0) {
                        throw fail(describe(s) + " is not a valid name; allowed: " + allowed());
                    }
                    return kind == Kind.ENUM ? ((Enum<?>) defaultValue).getDeclaringClass().getEnumConstants()[i] : s;
                }
                int len = s.codePointCount(0, s.length());
                if (s.isBlank() && size.min() > 0) {
                    throw fail(describe(s) + " is empty; allowed " + allowed());
                }
                if (!size.contains(len)) {
                    throw fail("a string of " + len + " characters is out of range; allowed " + allowed());
                }
                return s;
            }
        }
    }

    /** A finite number (an integer if {@code integral}) inside {@code r}, as a BigDecimal (exact for every Number type). */
    private static BigDecimal finite(String where, Object raw, Range r, boolean integral) {
        String allowed = r.format(integral);
        if (!(raw instanceof Number n)) {
            throw new ConfigException(where, "expected " + (integral ? "an integer" : "a number") + ", got "
                    + describe(raw) + "; allowed " + allowed);
        }
        if ((raw instanceof Double || raw instanceof Float) && !Double.isFinite(n.doubleValue())) {
            throw new ConfigException(where, describe(raw) + " is not a finite number; allowed " + allowed);
        }
        BigDecimal v = raw instanceof BigDecimal bd ? bd : raw instanceof BigInteger bi ? new BigDecimal(bi)
                : raw instanceof Double || raw instanceof Float ? new BigDecimal(n.doubleValue())
                : BigDecimal.valueOf(n.longValue());
        if (integral && v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            throw new ConfigException(where, "expected an integer, got " + describe(raw) + "; allowed " + allowed);
        }
        if (!r.contains(v)) {
            throw new ConfigException(where, describe(raw) + " is out of range; allowed " + allowed);
        }
        return v;
    }

    private <T> T as(Class<T> type, Object raw) {
        if (!type.isInstance(raw)) {
            throw typeError(raw);
        }
        return type.cast(raw);
    }

    /** The JSON/YAML form of a typed value: enum constants become their lower-snake names. */
    public Object toPlain(Object typed) {
        return typed instanceof Enum<?> e ? snake(e) : typed;
    }

    /** The text form {@link #parseText} reads back (for UI fields and the docs table). */
    public String format(Object typed) {
        return typed == null ? "null" : typed instanceof Double d ? number(d) : String.valueOf(toPlain(typed));
    }

    private ConfigException fail(String message) {
        return new ConfigException(path, message);
    }

    private ConfigException typeError(Object raw) {
        return fail("expected " + kind.expected + ", got " + describe(raw) + "; allowed " + allowed());
    }

    /** Lower snake case name of an enum constant, as written in files ({@code "gaussian_ppo"}). */
    static String snake(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Compact decimal text: integral values without ".0", no exponent for everyday magnitudes. */
    static String number(double d) {
        if (!Double.isFinite(d)) {
            return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
        }
        double a = Math.abs(d);
        return a == 0 || (a >= 1e-6 && a < 1e16) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                : Double.toString(d);
    }

    /**
     * A value as it should appear inside a one-line message: strings quoted and escaped, long values
     * shortened, and the JSON type in parentheses so "10" (string) and 10 (number) cannot be confused.
     */
    static String describe(Object raw) {
        if (raw instanceof String s) {
            return quote(s) + " (string)";
        }
        if (raw instanceof Double || raw instanceof Float) {
            return shorten(number(((Number) raw).doubleValue())) + " (number)";
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            return shorten(raw.toString()) + (raw instanceof Boolean ? " (boolean)" : " (number)");
        }
        if (raw instanceof Collection<?> c) {
            return "a list of " + c.size() + (c.size() == 1 ? " item" : " items");
        }
        return raw instanceof Map<?, ?> ? "an object" : raw instanceof Enum<?> e ? quote(snake(e))
                : raw == null ? "null" : quote(String.valueOf(raw));
    }

    /** JSON-style quoting with control characters escaped, so a message never spans two lines. */
    static String quote(String s) {
        return "\"" + TextFiles.escape(s, MAX_SHOWN).replace("\"", "\\\"") + "\"";
    }

    private static String shorten(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "…";
    }

    @Override
    public String toString() {
        return path + " (" + kind.label + ")";
    }
}
