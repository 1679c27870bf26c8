package io.fpolab.config;

import io.fpolab.config.ExperimentConfig.ActionTransform;
import io.fpolab.config.ExperimentConfig.Algorithm;
import io.fpolab.config.ExperimentConfig.Integration;
import io.fpolab.core.ConfigException;
import io.fpolab.core.TextFiles;
import io.fpolab.core.policy.GaussianEntropy;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The single table of every experiment setting: its rows are data ({@code settings.yaml} beside this class), read
 * into {@link FieldSpec}s once. Config files, the CLI's {@code --set}, the experiment panel's fields and tooltips,
 * and {@code docs/config-reference.md} are all driven by {@link #fields()}. Jackson binds a file (or a map, nested)
 * onto {@link ExperimentConfig} over the table's defaults and finds unknown keys and wrong types; the table then
 * checks every bound value and words every message, and the {@link CrossFieldRule}s check what relates settings.
 * {@code ConfigSchemaTest} keeps rows and record components in the same order.
 *
 * <p>Values in flat maps are typed as {@link FieldSpec#validate} returns them: Integer, Long, Double,
 * Boolean, String, enum constants and {@code List<Integer>}.
 */
public final class ConfigSchema {

    /** The DeepMind Control Suite tasks: the environments whose integrator {@code env.integration} chooses. */
    public static final List<String> DM_CONTROL_IDS = List.of("pendulum-swingup", "cartpole-balance",
            "cartpole-balance_sparse", "cartpole-swingup", "cartpole-swingup_sparse", "acrobot-swingup",
            "acrobot-swingup_sparse", "point_mass-easy", "reacher-easy", "reacher-hard");

    /**
     * The tasks that run in the system's MuJoCo (the optional backend of {@code io.fpolab.env.mujoco}) rather
     * than in the lab's Java physics; they run only where MuJoCo is installed.
     */
    public static final List<String> MUJOCO_IDS = List.of("cheetah-run", "ball_in_cup-catch", "finger-spin",
            "finger-turn_easy", "finger-turn_hard", "fish-swim");

    /** Every environment id the lab knows; the one list the schema, docs and UI read. */
    public static final List<String> ENV_IDS = Stream.of(List.of("gridworld"), DM_CONTROL_IDS,
            List.of("gym-pendulum", "mountain-car-continuous", "fork-easy"), MUJOCO_IDS).flatMap(List::stream).toList();

    /** Built-in GridWorld layouts. */
    public static final List<String> GRID_LAYOUTS = List.of("two_bands", "three_goals", "obstacle", "two_slits",
            "c_shape");

    /** Upper bound of transitions per iteration (numEnvs × stepsPerEnv): the rollout buffer must fit in memory. */
    public static final long MAX_BATCH = 10_000_000L;

    /**
     * Settings that change how fast a run trains, never what it produces: runs that differ only in them are the
     * same training (reuse, seed groups, checkpoints) and their names leave them out.
     */
    public static final Set<String> SPEED_FIELDS = Set.of("ppo.threads");

    /**
     * Settings added after config files were first written, with the default at which files leave them out: a file
     * written before them reads the same and is written again byte for byte.
     */
    public static final Map<String, Object> WRITTEN_ONLY_WHEN_SET = Map.of("ppo.criticShards", 1);

    /** Upper bound of rows in one FPO minibatch update (transitions × nMc / minibatches). */
    public static final long MAX_FPO_ROWS = 4_000_000L;

    private static final List<FieldSpec> FIELDS = FieldSpec.table(ConfigSchema.class.getResource("settings.yaml"),
            ExperimentConfig.class, Map.of("ENV_IDS", ENV_IDS, "GRID_LAYOUTS", GRID_LAYOUTS));

    /**
     * A rule that involves several settings.
     *
     * @param fields the settings involved, as the message prefix ("env.numEnvs × ppo.stepsPerEnv")
     * @param doc    the rule and its reason, for the docs
     */
    public record CrossFieldRule(String fields, String doc, Function<Map<String, Object>, String> check) {
    }

    private static final List<CrossFieldRule> RULES = List.of(
            new CrossFieldRule("env.numEnvs × ppo.stepsPerEnv",
                    "at most " + MAX_BATCH + " transitions per iteration, because the whole rollout is kept in "
                            + "memory for the update",
                    m -> {
                        long batch = batch(m);
                        return batch <= MAX_BATCH ? null
                                : m.get("env.numEnvs") + " × " + m.get("ppo.stepsPerEnv") + " = " + batch
                                        + " transitions per iteration is out of range; allowed at most " + MAX_BATCH
                                        + " (the rollout is kept in memory); lower env.numEnvs or ppo.stepsPerEnv";
                    }),
            new CrossFieldRule("ppo.minibatches",
                    "at most env.numEnvs × ppo.stepsPerEnv, so that every minibatch holds at least one transition",
                    m -> {
                        long batch = batch(m);
                        int mb = (Integer) m.get("ppo.minibatches");
                        return mb <= batch ? null
                                : mb + " minibatches is out of range; allowed at most env.numEnvs × ppo.stepsPerEnv = "
                                        + batch + " so that each minibatch holds a transition";
                    }),
            shardRule("ppo.shards", "shards"),
            shardRule("ppo.criticShards", "critic shards"),
            new CrossFieldRule("env.numEnvs × ppo.stepsPerEnv × flow.nMc / ppo.minibatches",
                    "FPO only: at most " + MAX_FPO_ROWS + " rows per minibatch update, because every (τ, ε) pair "
                            + "is one row through the network whose activations are kept for backpropagation, "
                            + "and more rows exhaust a desktop's memory",
                    m -> {
                        if (m.get("algorithm") != Algorithm.FPO) {
                            return null;
                        }
                        long rows = fpoRows(m);
                        return rows <= MAX_FPO_ROWS ? null
                                : m.get("env.numEnvs") + " × " + m.get("ppo.stepsPerEnv") + " × " + m.get("flow.nMc")
                                        + " / " + m.get("ppo.minibatches") + " = " + rows
                                        + " rows per FPO update is out of range; allowed at most " + MAX_FPO_ROWS
                                        + " because each row's activations are kept for backpropagation (memory); "
                                        + "lower flow.nMc or raise ppo.minibatches";
                    }),
            new CrossFieldRule("gaussian.entropy",
                    "squashed only when the env receives tanh(u) (env.actionTransform tanh or gaussian.tanhSquash): "
                            + "without tanh there is no squashing to correct for",
                    m -> m.get("algorithm") != Algorithm.GAUSSIAN_PPO || m.get("gaussian.entropy") != GaussianEntropy.SQUASHED
                            || m.get("env.actionTransform") == ActionTransform.TANH
                            || Boolean.TRUE.equals(m.get("gaussian.tanhSquash")) ? null
                            : "\"squashed\" needs tanh on the action; allowed: pre_tanh, or squashed with "
                                    + "env.actionTransform tanh or gaussian.tanhSquash true"),
            new CrossFieldRule("env.integration",
                    "playground only with a dm_control task (" + String.join(", ", DM_CONTROL_IDS) + "); "
                            + "GridWorld, the Gym tasks and the MuJoCo tasks have a single update rule",
                    m -> {
                        Object id = m.get("env.id");
                        return m.get("env.integration") == Integration.DM_CONTROL || DM_CONTROL_IDS.contains(id)
                                ? null
                                : "\"" + FieldSpec.snake((Integration) m.get("env.integration")) + "\" is not "
                                        + "supported for " + id + "; allowed: dm_control (playground applies only "
                                        + "to the dm_control tasks: " + String.join(", ", DM_CONTROL_IDS) + ")";
                    }));

    private static final LevenshteinDistance TYPO = new LevenshteinDistance(3);
    private static final Map<String, FieldSpec> BY_PATH = new LinkedHashMap<>();
    private static final List<String> SECTIONS = FIELDS.stream().map(FieldSpec::section).filter(s -> !s.isEmpty())
            .distinct().toList();
    private static final String TOP_ALLOWED = "allowed: an object with at least \"algorithm\" and \"env\": {\"id\": ...}";

    static {
        for (FieldSpec f : FIELDS) {
            if (BY_PATH.put(f.path(), f) != null) {
                throw new IllegalStateException("duplicate schema path " + f.path());
            }
        }
    }

    private ConfigSchema() {
    }

    /** Every setting, in file order (the order of {@link ExperimentConfig}'s components). */
    public static List<FieldSpec> fields() {
        return FIELDS;
    }

    /** The cross-field rules checked by {@link #fromMap} after every single field is valid. */
    public static List<CrossFieldRule> crossFieldRules() {
        return RULES;
    }

    /** Section names ({@code "env"}, {@code "ppo"}, ...), in file order. */
    public static List<String> sections() {
        return SECTIONS;
    }

    /**
     * The setting at a dotted path.
     *
     * @throws ConfigException for an unknown path, with a "did you mean" suggestion when one is close
     */
    public static FieldSpec field(String path) {
        FieldSpec f = BY_PATH.get(path);
        if (f == null) {
            throw unknownKey(path);
        }
        return f;
    }

    /**
     * The configuration with every setting at its default; the required settings take their reference
     * values ({@code algorithm fpo}, {@code env.id gridworld}), giving the paper's GridWorld FPO settings.
     */
    public static ExperimentConfig defaults() {
        return fromMap(defaultMap());
    }

    private static Map<String, Object> defaultMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        FIELDS.forEach(f -> m.put(f.path(), f.defaultValue()));
        return m;
    }

    /**
     * Validates a flat dotted map (raw file values or typed values) and builds the configuration.
     * Missing optional keys take their defaults.
     *
     * @throws ConfigException for the first problem found: an unknown key, a bad value, a missing required key,
     *                         then a broken cross-field rule
     */
    public static ExperimentConfig fromMap(Map<String, ?> flat) {
        flat.keySet().forEach(ConfigSchema::field);
        return bind(nest(flat));
    }

    /**
     * Binds a parsed file (or a nested map) onto {@link ExperimentConfig} with Jackson's strict settings, over the
     * defaults, then checks every value against its row of the table and the rules between fields. Jackson finds
     * unknown keys and wrong types; the table words every message.
     */
    static ExperimentConfig bind(JsonNode user) {
        if (!(user instanceof ObjectNode given)) {
            throw new ConfigException("", "top level must be an object of settings, got "
                    + FieldSpec.describe(ConfigIO.plain(user)) + "; " + TOP_ALLOWED);
        }
        ObjectNode tree = nest(defaultMap());
        for (Map.Entry<String, JsonNode> e : given.properties()) {
            if (!SECTIONS.contains(e.getKey())) {
                tree.set(e.getKey(), e.getValue());
            } else if (e.getValue() instanceof ObjectNode section) {
                ((ObjectNode) tree.get(e.getKey())).setAll(section);
            } else {
                throw new ConfigException(e.getKey(), "expected an object of settings, got " + FieldSpec.describe(
                        ConfigIO.plain(e.getValue())) + "; allowed: an object with keys such as " + String.join(", ",
                        FIELDS.stream().filter(f -> f.section().equals(e.getKey())).limit(3).map(FieldSpec::key).toList()));
            }
        }
        ExperimentConfig config = ConfigIO.bind(tree, ExperimentConfig.class, (path, value) -> {
            if (value == null) {
                return unknownKey(path);
            }
            String fieldPath = path.replaceFirst("\\[.*", "");
            field(fieldPath).validate(ConfigIO.plain(tree.at(pointer(fieldPath))));
            return new ConfigException(fieldPath, FieldSpec.describe(ConfigIO.plain(value)) + " is not allowed; allowed "
                    + field(fieldPath).allowed());
        });
        for (FieldSpec f : FIELDS) {
            if (f.required() && user.at(pointer(f.path())).isMissingNode()) {
                throw new ConfigException(f.path(), "required key is missing; allowed: " + f.allowed());
            }
        }
        Map<String, Object> typed = toMap(config);
        for (CrossFieldRule rule : RULES) {
            String problem = rule.check().apply(typed);
            if (problem != null) {
                throw new ConfigException(rule.fields(), problem);
            }
        }
        return config;
    }

    /** A flat dotted map as the nested tree a file holds. */
    private static ObjectNode nest(Map<String, ?> flat) {
        ObjectNode root = ConfigIO.JSON.createObjectNode();
        flat.forEach((path, value) -> {
            FieldSpec f = BY_PATH.get(path);
            (f.section().isEmpty() ? root : root.withObjectProperty(f.section()))
                    .set(f.key(), ConfigIO.JSON.valueToTree(value));
        });
        return root;
    }

    private static JsonPointer pointer(String path) {
        return JsonPointer.compile("/" + path.replace('.', '/'));
    }

    /** The configuration as a flat dotted map in file order, with typed values (see class docs). */
    public static LinkedHashMap<String, Object> toMap(ExperimentConfig config) {
        JsonNode tree = ConfigIO.JSON.valueToTree(config);
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        FIELDS.forEach(f -> m.put(f.path(), f.validate(ConfigIO.plain(tree.at(pointer(f.path()))))));
        return m;
    }

    /**
     * Returns {@code config} with one setting replaced by a value given as text (CLI {@code --set ppo.lr=1e-4}),
     * re-checking the cross-field rules.
     *
     * @throws ConfigException for an unknown path or a value the setting does not allow
     */
    public static ExperimentConfig withOverride(ExperimentConfig config, String path, String valueText) {
        return withOverrides(config, Map.of(path, valueText));
    }

    /**
     * Several settings changed at once ({@code path → text}, applied in order): each value is parsed on its own,
     * the rules that relate fields are checked once on the result, so settings that only make sense together
     * (a task and its integrator) can be given in any order.
     */
    public static ExperimentConfig withOverrides(ExperimentConfig config, Map<String, String> values) {
        LinkedHashMap<String, Object> m = toMap(config);
        values.forEach((path, text) -> m.put(path, field(path).parseText(text)));
        return fromMap(m);
    }

    /**
     * The error for a key the schema does not know: suggests the closest known key (in any section, so
     * a key in the wrong section is found too) or lists the allowed keys of that level.
     */
    static ConfigException unknownKey(String path) {
        String shown = printable(path);
        int dot = path.lastIndexOf('.');
        String section = dot < 0 ? "" : path.substring(0, dot);
        if (BY_PATH.containsKey(path)) {
            return new ConfigException(shown, "unknown top-level key; allowed: the nested form \"" + section
                    + "\": {\"" + path.substring(dot + 1) + "\": ...}");
        }
        if (SECTIONS.contains(path)) {
            return new ConfigException(shown, "is a section, not a setting; allowed: its keys, such as "
                    + sectionKeys(path).get(0));
        }
        String suggestion = closest(path, section);
        if (suggestion != null) {
            return new ConfigException(shown, "unknown key; did you mean \"" + suggestion + "\"?");
        }
        if (SECTIONS.contains(section)) {
            return new ConfigException(shown, "unknown key; allowed keys in \"" + section + "\": " + String.join(", ",
                    sectionKeys(section).stream().map(p -> p.substring(section.length() + 1)).toList()));
        }
        return new ConfigException(shown, "unknown key; allowed top-level keys: " + String.join(", ",
                FIELDS.stream().map(f -> f.section().isEmpty() ? f.key() : f.section()).distinct().toList()));
    }

    private static List<String> sectionKeys(String section) {
        return FIELDS.stream().map(FieldSpec::path).filter(p -> p.startsWith(section + ".")).toList();
    }

    private static String closest(String path, String section) {
        String key = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : Stream.concat(BY_PATH.keySet().stream(), SECTIONS.stream()).toList()) {
            int cdot = candidate.lastIndexOf('.');
            String cKey = candidate.substring(cdot + 1).toLowerCase(Locale.ROOT);
            int d = Math.min(distance(key, cKey), distance(path.toLowerCase(Locale.ROOT),
                    candidate.toLowerCase(Locale.ROOT)));
            // Prefer a match in the same section: a typo is likelier than a key in the wrong place.
            int score = 2 * d + (candidate.substring(0, Math.max(cdot, 0)).equals(section) ? 0 : 1);
            if (d <= Math.max(1, Math.min(3, cKey.length() / 3)) && score < bestScore && !candidate.equals(path)) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    /** Edit distance up to 3, the most a suggestion may differ by; 4 for anything farther. */
    private static int distance(String a, String b) {
        int d = TYPO.apply(a, b);
        return d < 0 ? 4 : d;
    }

    /** A key from a file made safe for a one-line message: control characters escaped, length capped. */
    static String printable(String key) {
        return TextFiles.escape(key, 80);
    }

    /** A shard count is at most the transitions of one minibatch, so that every shard holds a transition. */
    private static CrossFieldRule shardRule(String key, String noun) {
        return new CrossFieldRule(key, "at most the transitions of one minibatch (env.numEnvs × ppo.stepsPerEnv / "
                + "ppo.minibatches), so that every shard holds a transition", m -> {
                    long perMinibatch = batch(m) / (Integer) m.get("ppo.minibatches");
                    int shards = (Integer) m.get(key);
                    return shards <= perMinibatch ? null
                            : shards + " " + noun + " is out of range; allowed at most " + perMinibatch
                                    + " (the transitions of one minibatch) so that each shard holds a transition";
                });
    }

    private static long batch(Map<String, Object> m) {
        return (long) (Integer) m.get("env.numEnvs") * (Integer) m.get("ppo.stepsPerEnv");
    }

    private static long fpoRows(Map<String, Object> m) {
        long batch = batch(m);
        int mb = (Integer) m.get("ppo.minibatches");
        return ((batch + mb - 1) / mb) * (Integer) m.get("flow.nMc");
    }
}
