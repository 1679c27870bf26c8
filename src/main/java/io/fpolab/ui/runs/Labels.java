package io.fpolab.ui.runs;

import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.FieldSpec;
import io.fpolab.train.TrainingRun.State;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Words the lab shows for engine values (algorithm names, run states, durations). */
public final class Labels {
    private static final Pattern DIVERGED_AT = Pattern.compile("diverged at iteration (\\d+)");
    private static final int MAX_ALERT_LINE = 90;
    /** A default name lists at most this many changed settings, then "+n". */
    static final int MAX_NAMED_CHANGES = 4;
    /**
     * Settings a default name never lists: the name says algorithm, task and seed in parts of their own, and
     * the thread count never changes what is trained.
     */
    private static final Set<String> NAMED_APART = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("name", "description", "seed", "algorithm", "env.id"),
            ConfigSchema.SPEED_FIELDS.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** Short key of each setting: its key in its section, or the whole path where two sections share a key. */
    private static final Map<String, String> SHORT_KEYS = shortKeys();

    private Labels() {
    }

    public static String algorithm(Algorithm a) {
        return switch (a) {
            case FPO -> "FPO";
            case GAUSSIAN_PPO -> "Gaussian PPO";
            case DPPO -> "DPPO";
        };
    }

    /**
     * The name the lab gives a run of {@code c} that was not edited from a known preset: algorithm, task and
     * seed ("FPO · gridworld · s0").
     */
    public static String defaultRunName(ExperimentConfig c) {
        return defaultRunName(c, null);
    }

    /**
     * The name the lab gives a new run of {@code c}: algorithm, task, the settings that differ from
     * {@code preset} (short keys, compact numbers) and the seed — "FPO · gridworld · nMc=8 clip=0.3 lr=1e-3 · s1".
     * A run identical to its preset is "FPO · gridworld · s1". Only settings the run's algorithm reads are
     * compared, so the Gaussian twin of an FPO preset (Compare) lists no flow settings.
     *
     * @param preset the config the run was edited from, or null when none is known (nothing is listed then)
     */
    public static String defaultRunName(ExperimentConfig c, ExperimentConfig preset) {
        return defaultRunName(c, preset, c.env().id());
    }

    /**
     * As {@link #defaultRunName(ExperimentConfig, ExperimentConfig)} with {@code what} in place of the task: a run
     * of a config file that is not a preset is named by the config's own name ("FPO · my sweep base · s0").
     */
    public static String defaultRunName(ExperimentConfig c, ExperimentConfig base, String what) {
        String changes = base == null ? "" : changes(c, base);
        return algorithm(c.algorithm()) + " · " + what + (changes.isEmpty() ? "" : " · " + changes) + " · s" + c.seed();
    }

    /**
     * The settings of {@code c} that differ from {@code preset}, as "nMc=8 clip=0.3 lr=1e-3" (at most
     * {@link #MAX_NAMED_CHANGES}, then "+n"); settings {@code c}'s algorithm does not read are left out.
     */
    public static String changes(ExperimentConfig c, ExperimentConfig preset) {
        return changes(c, preset, false);
    }

    /**
     * Every setting of {@code c} that differs from {@code before}, the seed, algorithm, task, name and settings
     * the algorithm does not read included, as {@link #changes(ExperimentConfig, ExperimentConfig)} words them
     * ("seed=7 clip=0.3"); long text fields are named without their value.
     */
    public static String edits(ExperimentConfig c, ExperimentConfig before) {
        return changes(c, before, true);
    }

    private static String changes(ExperimentConfig c, ExperimentConfig preset, boolean all) {
        Map<String, Object> now = ConfigSchema.toMap(c);
        Map<String, Object> was = ConfigSchema.toMap(preset);
        List<String> parts = new ArrayList<>();
        int more = 0;
        for (Map.Entry<String, Object> e : now.entrySet()) {
            FieldSpec spec = ConfigSchema.field(e.getKey());
            if ((!all && (NAMED_APART.contains(e.getKey()) || !spec.appliesTo(c.algorithm())))
                    || Objects.equals(e.getValue(), was.get(e.getKey()))) {
                continue;
            }
            if (all && (e.getKey().equals("name") || e.getKey().equals("description"))) {
                if (parts.size() < MAX_NAMED_CHANGES) {
                    parts.add(e.getKey());
                } else {
                    more++;
                }
                continue;
            }
            if (parts.size() < MAX_NAMED_CHANGES) {
                parts.add(SHORT_KEYS.get(e.getKey()) + "=" + compact(spec, e.getValue()));
            } else {
                more++;
            }
        }
        return String.join(" ", parts) + (more > 0 ? " +" + more : "");
    }

    /**
     * A setting's value as short as it stays exact: 1e-3, 3e-4, 0.3, 8, 500k, 1.5M, 64x64, relu.
     */
    static String compact(FieldSpec spec, Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "none" : String.join("x", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Integer || value instanceof Long) {
            return compactInteger(((Number) value).longValue());
        }
        if (value instanceof Double d) {
            return compactDouble(d);
        }
        return spec.format(value);
    }

    private static String compactInteger(long v) {
        long a = Math.abs(v);
        if (a >= 1_000_000 && a % 100_000 == 0) {
            return plain(BigDecimal.valueOf(v, 6)) + "M";
        }
        if (a >= 10_000 && a % 100 == 0) {
            return plain(BigDecimal.valueOf(v, 3)) + "k";
        }
        return Long.toString(v);
    }

    private static String compactDouble(double d) {
        if (!Double.isFinite(d)) {
            return Double.toString(d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return compactInteger((long) d);
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double a = Math.abs(d);
        if (a >= 0.01 && a < 10_000) {
            return plain(b);
        }
        // Scientific with the shortest exact mantissa: 0.001 → 1e-3, 2.5e-4 → 2.5e-4.
        int exponent = b.precision() - b.scale() - 1;
        return plain(b.movePointLeft(exponent)) + "e" + exponent;
    }

    private static String plain(BigDecimal b) {
        return b.stripTrailingZeros().toPlainString();
    }

    private static Map<String, String> shortKeys() {
        Map<String, Integer> uses = new HashMap<>();
        for (FieldSpec f : ConfigSchema.fields()) {
            uses.merge(f.key(), 1, Integer::sum);
        }
        Map<String, String> keys = new HashMap<>();
        for (FieldSpec f : ConfigSchema.fields()) {
            keys.put(f.path(), uses.get(f.key()) > 1 ? f.path() : f.key());
        }
        return keys;
    }

    public static String state(State s) {
        return switch (s) {
            case NEW -> "Ready";
            case RUNNING -> "Running";
            case PAUSED -> "Paused";
            case FINISHED -> "Finished";
            case CANCELLED -> "Stopped";
            case FAILED -> "Failed";
        };
    }

    /** The state as the run list shows it: a run that paused itself after a divergence is "Diverged". */
    public static String state(RunRecord.Status s) {
        if (s.sweep() != null) {
            return sweepState(s.sweep());
        }
        return s.diverged() ? "Diverged" : state(s.state());
    }

    /** A followed sweep's run state as the run list shows it ("Pending" for one not started yet, too). */
    public static String sweepState(io.fpolab.runs.SweepRuns.State s) {
        return switch (s) {
            case FINISHED -> "Finished";
            case RUNNING -> "Running";
            case PENDING, NOT_STARTED -> "Pending";
            case FAILED -> "Failed";
        };
    }

    /**
     * The short second line of an alerting run in the run list ("Diverged at iteration 12", or the start of a
     * failure's message), or "" when the run needs no attention. The full message goes into the tooltip.
     */
    public static String alertLine(RunRecord.Status s) {
        if (!s.alert()) {
            return "";
        }
        if (s.diverged()) {
            Matcher m = DIVERGED_AT.matcher(s.message());
            return m.find() ? "Diverged at iteration " + m.group(1) : "Diverged";
        }
        String msg = s.message();
        return msg.length() <= MAX_ALERT_LINE ? msg : msg.substring(0, MAX_ALERT_LINE - 1) + "…";
    }

    /** {@code base}, or the first of "base (2)", "base (3)", … that is not {@code taken}: how run names are kept apart. */
    public static String unique(String base, java.util.function.Predicate<String> taken) {
        String name = base;
        for (int i = 2; taken.test(name); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    /** {@code 1:05} or {@code 2:03:04}. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "–";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
