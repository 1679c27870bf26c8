package io.fpolab.config;

import io.fpolab.config.ExperimentConfig.Algorithm;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One setting of an experiment: its dotted path ({@code "ppo.epochs"}), kind, default, allowed values,
 * a one-sentence description for students (UI tooltip and docs table) and the algorithms it affects.
 *
 * <p>Instances live in {@link ConfigSchema#fields()}; every reader and writer of configurations goes
 * through {@link #validate(Object)} so a value accepted here is accepted everywhere.
 */
public final class FieldSpec {

    /** The value types a setting can have; {@link #label()} is the name used in docs and messages. */
    public enum Kind {
        INT("int", "an integer"),
        LONG("long", "an integer"),
        DOUBLE("double", "a number"),
        BOOL("bool", "true or false"),
        STRING("string", "a string"),
        ENUM("enum", "one of the listed names"),
        INT_LIST("int-list", "a list of integers"),
        NULLABLE_STRING("nullable string", "a string or null");

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
            return Double.isFinite(v) && (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
        }

        boolean contains(BigDecimal v) {
            int lo = v.compareTo(new BigDecimal(min));
            int hi = v.compareTo(new BigDecimal(max));
            return (minOpen ? lo > 0 : lo >= 0) && (maxOpen ? hi < 0 : hi <= 0);
        }

        /** {@code "1..1000"} for integer settings, {@code "(0, 1]"} for real ones. */
        public String format(boolean integral) {
            if (integral) {
                return number(min) + ".." + number(max);
            }
            return (minOpen ? "(" : "[") + number(min) + ", " + number(max) + (maxOpen ? ")" : "]");
        }
    }

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int MAX_SHOWN = 60;

    private final String path;
    private final Kind kind;
    private final Object defaultValue;
    private final boolean required;
    private final Range range;
    private final Range size;
    private final List<String> choices;
    private final Class<? extends Enum<?>> enumType;
    private final Set<Algorithm> appliesTo;
    private final String description;

    private FieldSpec(String path, Kind kind, Object defaultValue, boolean required, Range range, Range size,
            List<String> choices, Class<? extends Enum<?>> enumType, Set<Algorithm> appliesTo, String description) {
        this.path = path;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.required = required;
        this.range = range;
        this.size = size;
        this.choices = choices;
        this.enumType = enumType;
        this.appliesTo = appliesTo.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(appliesTo));
        this.description = description;
    }

    static FieldSpec integer(String path, Kind kind, long dflt, long min, long max, Set<Algorithm> algs, String doc) {
        Object d = kind == Kind.INT ? (Object) Math.toIntExact(dflt) : (Object) dflt;
        return new FieldSpec(path, kind, d, false, new Range(min, false, max, false), null, List.of(), null, algs, doc);
    }

    static FieldSpec real(String path, double dflt, Range range, Set<Algorithm> algs, String doc) {
        return new FieldSpec(path, Kind.DOUBLE, dflt, false, range, null, List.of(), null, algs, doc);
    }

    static FieldSpec bool(String path, boolean dflt, Set<Algorithm> algs, String doc) {
        return new FieldSpec(path, Kind.BOOL, dflt, false, null, null, List.of(), null, algs, doc);
    }

    /** A free string whose length in characters must lie in {@code minLen..maxLen}. */
    static FieldSpec text(String path, String dflt, int minLen, int maxLen, Set<Algorithm> algs, String doc) {
        return new FieldSpec(path, Kind.STRING, dflt, false, null, new Range(minLen, false, maxLen, false), List.of(),
                null, algs, doc);
    }

    /** A string restricted to a fixed list of names. */
    static FieldSpec choice(String path, String dflt, boolean required, List<String> names, Set<Algorithm> algs,
            String doc) {
        return new FieldSpec(path, Kind.STRING, dflt, required, null, null, List.copyOf(names), null, algs, doc);
    }

    static FieldSpec nullableText(String path, Set<Algorithm> algs, String doc) {
        return new FieldSpec(path, Kind.NULLABLE_STRING, null, false, null, null, List.of(), null, algs, doc);
    }

    static <E extends Enum<E>> FieldSpec enumeration(String path, E dflt, boolean required, Set<Algorithm> algs,
            String doc) {
        Class<E> type = dflt.getDeclaringClass();
        List<String> names = Arrays.stream(type.getEnumConstants()).map(FieldSpec::snake).toList();
        return new FieldSpec(path, Kind.ENUM, dflt, required, null, null, names, type, algs, doc);
    }

    static FieldSpec intList(String path, List<Integer> dflt, int minSize, int maxSize, int min, int max,
            Set<Algorithm> algs, String doc) {
        return new FieldSpec(path, Kind.INT_LIST, List.copyOf(dflt), false, new Range(min, false, max, false),
                new Range(minSize, false, maxSize, false), List.of(), null, algs, doc);
    }

    /** Dotted path, e.g. {@code "ppo.epochs"}; top-level settings have no dot ({@code "seed"}). */
    public String path() {
        return path;
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

    public Kind kind() {
        return kind;
    }

    /**
     * The default, typed as {@link ConfigSchema#toMap} types it. Required settings have no default in files;
     * for them this is the reference value used by {@link ConfigSchema#defaults()}.
     */
    public Object defaultValue() {
        return defaultValue;
    }

    /** True if a config file must contain this key. */
    public boolean required() {
        return required;
    }

    /** Allowed names of an enum or a restricted string; empty otherwise. */
    public List<String> choices() {
        return choices;
    }

    /** Numeric range (of each element, for lists); null for non-numeric kinds. */
    public Range range() {
        return range;
    }

    /** The algorithms whose training reads this setting. */
    public Set<Algorithm> appliesTo() {
        return appliesTo;
    }

    /** True if training with {@code algorithm} reads this setting (the UI greys out the others). */
    public boolean appliesTo(Algorithm algorithm) {
        return appliesTo.contains(algorithm);
    }

    /** One sentence for students: what the setting does and what the paper used. */
    public String description() {
        return description;
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
            case INT, LONG, DOUBLE -> validate(parseNumber(t));
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
                if (!inner.isEmpty()) {
                    for (String part : inner.split("\\s*[,\\s]\\s*")) {
                        items.add(parseListItem(part, items.size()));
                    }
                }
                yield validate(items);
            }
        };
    }

    private Object parseNumber(String t) {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan", ".nan":
                return Double.NaN;
            case "infinity", "+infinity", "inf", ".inf", "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-infinity", "-inf", "-.inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw fail("expected " + kind.expected + ", got " + quote(t) + "; allowed " + allowed());
        }
        return new BigDecimal(t);
    }

    private Object parseListItem(String part, int index) {
        if (!DECIMAL.matcher(part).matches()) {
            throw new ConfigException(path + "[" + index + "]",
                    "expected an integer, got " + quote(part) + "; allowed " + range.format(true));
        }
        return new BigDecimal(part);
    }

    /**
     * Checks a value as it comes from a parsed file or a caller's map and returns it typed: Integer,
     * Long, Double, Boolean, String, the enum constant, or an unmodifiable {@code List<Integer>}.
     * Accepts any {@link Number} for numeric kinds (integral doubles such as {@code 1e3} for integers),
     * and an enum's lower-snake name or the constant itself.
     *
     * @throws ConfigException naming this field, the bad value and what is allowed
     */
    public Object validate(Object raw) {
        if (raw == null) {
            if (kind == Kind.NULLABLE_STRING) {
                return null;
            }
            throw fail("expected " + kind.expected + ", got null; allowed " + allowed());
        }
        return switch (kind) {
            case INT -> Math.toIntExact(integral(path, raw, range));
            case LONG -> integral(path, raw, range);
            case DOUBLE -> real(raw);
            case BOOL -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                throw typeError(raw);
            }
            case STRING -> choices.isEmpty() ? checkedText(raw) : choice(raw);
            case NULLABLE_STRING -> {
                if (!(raw instanceof String s)) {
                    throw typeError(raw);
                }
                if (s.isBlank()) {
                    throw fail("an empty path is not allowed; write null for no layout file");
                }
                yield s;
            }
            case ENUM -> enumConstant(raw);
            case INT_LIST -> list(raw);
        };
    }

    private long integral(String where, Object raw, Range r) {
        if (!(raw instanceof Number n)) {
            throw new ConfigException(where, "expected an integer, got " + describe(raw) + "; allowed " + r.format(true));
        }
        BigDecimal v;
        if (raw instanceof Double || raw instanceof Float) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new ConfigException(where, describe(raw) + " is not a finite number; allowed " + r.format(true));
            }
            v = new BigDecimal(d);
        } else if (raw instanceof BigDecimal bd) {
            v = bd;
        } else if (raw instanceof BigInteger bi) {
            v = new BigDecimal(bi);
        } else {
            v = BigDecimal.valueOf(n.longValue());
        }
        if (v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
            throw new ConfigException(where, "expected an integer, got " + describe(raw) + "; allowed " + r.format(true));
        }
        if (!r.contains(v)) {
            throw new ConfigException(where, describe(raw) + " is out of range; allowed " + r.format(true));
        }
        return v.longValueExact();
    }

    private double real(Object raw) {
        if (!(raw instanceof Number n)) {
            throw typeError(raw);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw fail(describe(raw) + " is not a finite number; allowed " + allowed());
        }
        if (!range.contains(d)) {
            throw fail(describe(raw) + " is out of range; allowed " + allowed());
        }
        return d;
    }

    private String checkedText(Object raw) {
        if (!(raw instanceof String s)) {
            throw typeError(raw);
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

    private String choice(Object raw) {
        if (!(raw instanceof String s)) {
            throw typeError(raw);
        }
        if (!choices.contains(s)) {
            throw fail(describe(s) + " is not a valid name; allowed: " + allowed());
        }
        return s;
    }

    private Enum<?> enumConstant(Object raw) {
        if (enumType.isInstance(raw)) {
            return (Enum<?>) raw;
        }
        if (!(raw instanceof String s)) {
            throw typeError(raw);
        }
        int i = choices.indexOf(s);
        if (i < 0) {
            throw fail(describe(s) + " is not a valid name; allowed: " + allowed());
        }
        return enumType.getEnumConstants()[i];
    }

    private List<Integer> list(Object raw) {
        if (!(raw instanceof Collection<?> items)) {
            throw typeError(raw);
        }
        if (!size.contains(items.size())) {
            throw fail(items.size() + " layers is out of range; allowed " + allowed());
        }
        List<Integer> out = new ArrayList<>(items.size());
        for (Object item : items) {
            String where = path + "[" + out.size() + "]";
            if (item == null) {
                throw new ConfigException(where, "expected an integer, got null; allowed " + range.format(true));
            }
            out.add(Math.toIntExact(integral(where, item, range)));
        }
        return List.copyOf(out);
    }

    /** The JSON/YAML form of a typed value: enum constants become their lower-snake names. */
    public Object toPlain(Object typed) {
        return typed instanceof Enum<?> e ? snake(e) : typed;
    }

    /** The text form {@link #parseText} reads back (for UI fields and the docs table). */
    public String format(Object typed) {
        if (typed == null) {
            return "null";
        }
        if (typed instanceof Double d) {
            return number(d);
        }
        if (typed instanceof List<?> l) {
            return l.toString();
        }
        return String.valueOf(toPlain(typed));
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
        if (a == 0 || (a >= 1e-6 && a < 1e16)) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return Double.toString(d);
    }

    /**
     * A value as it should appear inside a one-line message: strings quoted and escaped, long values
     * shortened, and the JSON type in parentheses so "10" (string) and 10 (number) cannot be confused.
     */
    static String describe(Object raw) {
        if (raw == null) {
            return "null";
        }
        if (raw instanceof String s) {
            return quote(s) + " (string)";
        }
        if (raw instanceof Boolean b) {
            return b + " (boolean)";
        }
        if (raw instanceof Double || raw instanceof Float) {
            return shorten(number(((Number) raw).doubleValue())) + " (number)";
        }
        if (raw instanceof BigDecimal bd) {
            return shorten(bd.toString()) + " (number)";
        }
        if (raw instanceof Number n) {
            return shorten(n.toString()) + " (number)";
        }
        if (raw instanceof Collection<?> c) {
            return "a list of " + c.size() + (c.size() == 1 ? " item" : " items");
        }
        if (raw instanceof Map<?, ?>) {
            return "an object";
        }
        if (raw instanceof Enum<?> e) {
            return quote(snake(e));
        }
        return quote(String.valueOf(raw));
    }

    /** JSON-style quoting with control characters escaped, so a message never spans two lines. */
    static String quote(String s) {
        return "\"" + escape(s, MAX_SHOWN).replace("\"", "\\\"") + "\"";
    }

    /** {@code s} with line breaks and control characters escaped, cut to {@code max} characters. */
    static String escape(String s, int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i >= max) {
                b.append('…');
                break;
            }
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String shorten(String s) {
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "…";
    }

    @Override
    public String toString() {
        return path + " (" + kind.label + ")";
    }
}
