package io.fpolab.train;

import io.fpolab.config.ConfigIO;
import io.fpolab.config.ConfigSchema;
import io.fpolab.config.ExperimentConfig;
import io.fpolab.config.FieldSpec;
import io.fpolab.core.AtomicFiles;
import io.fpolab.core.ConfigException;
import io.fpolab.core.math.Rng;
import io.fpolab.core.nn.Nd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Everything needed to continue a run bit-identically: network parameters, both Adam states,
 * the observation normalizer, the four RNG streams, the environments' state, the counters and the
 * base learning rates (files written before rates were stored resume with the config's rates).
 *
 * <p>File layout: magic {@code FPOLABCK}, format version, the experiment's JSON config, then named
 * sections ({@code name, kind, length, payload}), and a CRC32 of all preceding bytes. Files are written
 * to a temporary sibling, forced to disk and atomically renamed, so a crash mid-save leaves the previous
 * checkpoint intact; a truncated or corrupted file fails the CRC check and is reported, never loaded.
 * Temporary files left by a writer process that has died are deleted by the next write to the same
 * file ({@link AtomicFiles}).
 */
public final class Checkpoint {
    private static final byte[] MAGIC = "FPOLABCK".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final byte FLOATS = 1;
    private static final byte DOUBLES = 2;
    private static final byte LONGS = 3;

    private final String configJson;
    private final Map<String, Object> sections;

    private Checkpoint(String configJson, Map<String, Object> sections) {
        this.configJson = configJson;
        this.sections = sections;
    }

    /** The number of iterations trained when the checkpoint was taken. */
    public int iteration() {
        return (int) longs("counters")[0];
    }

    /** The experiment config stored with the checkpoint (JSON text). */
    public String configJson() {
        return configJson;
    }

    /**
     * Fields of a run's {@code config.json} that may differ from the checkpoint's copy: they name and
     * describe the run, or set how many threads train it, and change nothing that was trained or how it is
     * evaluated.
     */
    public static final Set<String> DISPLAY_FIELDS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("name", "description"), ConfigSchema.SPEED_FIELDS.stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /**
     * The config of a run folder, with the checkpoint's copy as the authority: {@code config.json} is what
     * a user can edit, the copy is what was trained. Returns {@code config.json}'s config when the two
     * agree on everything but {@link #DISPLAY_FIELDS} (so a renamed run keeps its new name), when there is
     * no checkpoint, or when {@code trustConfigFile} is set (the network shapes are then still checked by
     * {@link #restoreInto}).
     *
     * @param checkpoint the folder's checkpoint, or null if it has none
     * @throws DriftException  naming {@code configFile} and every differing field with both values, when
     *                         the files disagree and {@code trustConfigFile} is not set
     * @throws ConfigException when either config is not valid
     */
    public static ExperimentConfig runConfig(Path configFile, Checkpoint checkpoint, boolean trustConfigFile) {
        ExperimentConfig edited = ConfigIO.read(configFile);
        if (checkpoint == null || trustConfigFile) {
            return edited;
        }
        ExperimentConfig trained = ConfigIO.parse(checkpoint.configJson(), "the checkpoint's copy of " + configFile,
                ConfigIO.Format.JSON, configFile.toAbsolutePath().getParent());
        List<String> differences = differences(trained, edited);
        if (!differences.isEmpty()) {
            throw new DriftException(configFile.toString(), "differs from the config the checkpoint was trained with in "
                    + String.join(", ", differences) + "; allowed: edits of name and description only (the "
                    + "checkpoint's copy is what was trained)");
        }
        return edited;
    }

    /** {@code "field (trained X, file Y)"} for every setting but the display fields where the configs differ. */
    static List<String> differences(ExperimentConfig trained, ExperimentConfig edited) {
        Map<String, Object> a = ConfigSchema.toMap(trained);
        Map<String, Object> b = ConfigSchema.toMap(edited);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : a.entrySet()) {
            String path = e.getKey();
            FieldSpec spec = ConfigSchema.field(path);
            if (!DISPLAY_FIELDS.contains(path) && !Objects.equals(spec.toPlain(e.getValue()), spec.toPlain(b.get(path)))) {
                out.add(path + " (trained " + shown(spec.format(e.getValue())) + ", file "
                        + shown(spec.format(b.get(path))) + ")");
            }
        }
        return out;
    }

    private static String shown(Object v) {
        String s = String.valueOf(v);
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    /** Captures the trainer's state (call on the trainer thread, between iterations). */
    public static Checkpoint capture(Trainer t, String configJson) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("policy.params", Nd.floats(t.policy().params().params()));
        s.put("policy.adam.m", Nd.floats(t.actorOptimizer().firstMoment()));
        s.put("policy.adam.v", Nd.floats(t.actorOptimizer().secondMoment()));
        s.put("critic.params", Nd.floats(t.criticParams().params()));
        s.put("critic.adam.m", Nd.floats(t.criticOptimizer().firstMoment()));
        s.put("critic.adam.v", Nd.floats(t.criticOptimizer().secondMoment()));
        s.put("obsnorm", t.observationNormalizer().state());
        s.put("rng.env", t.envRng.state());
        s.put("rng.policy", t.policyRng.state());
        s.put("rng.update", t.updateRng.state());
        s.put("env.state", t.env().saveState());
        if (t.noise != null) {
            s.put("rollout.noise", t.noise.saveState());
        }
        s.put("counters", new long[] {t.iteration(), t.envSteps(), Double.doubleToRawLongBits(t.wallSeconds()),
            t.actorOptimizer().stepCount(), t.criticOptimizer().stepCount(), t.started() ? 1 : 0});
        // Base rates, which differ from the config's after a divergence made the user lower them.
        s.put("lr", new double[] {t.actorLearningRate(), t.criticLearningRate()});
        return new Checkpoint(configJson, s);
    }

    /** The same state stored with {@code json} as its config (the arrays are shared; neither copy changes them). */
    public Checkpoint withConfig(String json) {
        return new Checkpoint(json, sections);
    }

    /** Puts this state into a freshly built trainer of the same config. */
    public void restoreInto(Trainer t) {
        assign(t.policy().params().params(), floats("policy.params"), "policy.params");
        assign(t.criticParams().params(), floats("critic.params"), "critic.params");
        long[] c = longs("counters");
        t.actorOptimizer().restore(floats("policy.adam.m"), floats("policy.adam.v"), c[3]);
        t.criticOptimizer().restore(floats("critic.adam.m"), floats("critic.adam.v"), c[4]);
        t.observationNormalizer().restore(doubles("obsnorm"));
        t.restoreCounters((int) c[0], c[1], Double.longBitsToDouble(c[2]), c[5] != 0,
                Rng.fromState(longs("rng.env")), Rng.fromState(longs("rng.policy")), Rng.fromState(longs("rng.update")));
        if (c[5] != 0) {
            restoreSection("env.state", t.env()::restoreState);
        }
        if (t.noise != null && sections.containsKey("rollout.noise")) {
            restoreSection("rollout.noise", t.noise::restoreState);
        }
        if (sections.containsKey("lr")) {
            double[] lr = doubles("lr");
            t.setLearningRates(lr[0], lr[1]);
        }
    }

    /** Hands a state section to its owner; a state of the wrong shape is reported as a bad checkpoint. */
    private void restoreSection(String name, Consumer<double[]> owner) {
        try {
            owner.accept(doubles(name));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(name + ": " + e.getMessage());
        }
    }

    private static void assign(INDArray target, float[] values, String name) {
        if (values.length != target.length()) {
            throw new CheckpointException(name + " has " + values.length + " values but the network needs "
                    + target.length() + " (the checkpoint belongs to a different network shape)");
        }
        target.assign(Nd4j.createFromArray(values).reshape(target.shape()).castTo(target.dataType()));
    }

    private float[] floats(String name) {
        return (float[]) section(name);
    }

    private double[] doubles(String name) {
        return (double[]) section(name);
    }

    private long[] longs(String name) {
        return (long[]) section(name);
    }

    private Object section(String name) {
        Object o = sections.get(name);
        if (o == null) {
            throw new CheckpointException("checkpoint has no section '" + name + "'");
        }
        return o;
    }

    /** Writes atomically ({@link AtomicFiles}): a crash mid-save leaves the previous file intact. */
    public void write(Path path) throws IOException {
        AtomicFiles.write(path, encode());
    }

    byte[] encode() throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bos);
        out.write(MAGIC);
        out.writeInt(VERSION);
        byte[] cfg = configJson.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(cfg.length);
        out.write(cfg);
        out.writeInt(sections.size());
        for (Map.Entry<String, Object> e : sections.entrySet()) {
            out.writeUTF(e.getKey());
            Object v = e.getValue();
            if (v instanceof float[] f) {
                out.writeByte(FLOATS);
                out.writeInt(f.length);
                for (float x : f) {
                    out.writeFloat(x);
                }
            } else if (v instanceof double[] d) {
                out.writeByte(DOUBLES);
                out.writeInt(d.length);
                for (double x : d) {
                    out.writeDouble(x);
                }
            } else {
                long[] l = (long[]) v;
                out.writeByte(LONGS);
                out.writeInt(l.length);
                for (long x : l) {
                    out.writeLong(x);
                }
            }
        }
        out.flush();
        CRC32 crc = new CRC32();
        crc.update(bos.toByteArray());
        out.writeLong(crc.getValue());
        out.flush();
        return bos.toByteArray();
    }

    /**
     * Largest checkpoint read, in bytes. The largest networks the schema allows (eight hidden layers 2048
     * wide for actor and critic) with both Adam moments take about 800 MB; a larger file is not a
     * checkpoint of this program and is refused before it is loaded.
     */
    public static final long MAX_BYTES = 1L << 30;

    /** Reads and verifies a checkpoint; a damaged file gives a {@link CheckpointException} naming the problem. */
    public static Checkpoint read(Path path) throws IOException {
        long size = Files.size(path);
        if (size > MAX_BYTES) {
            throw new CheckpointException(path + ": file is larger than 1 GB; allowed: checkpoints up to " + MAX_BYTES
                    + " bytes");
        }
        byte[] bytes = Files.readAllBytes(path);
        return decode(bytes, path.toString());
    }

    /** A length field, checked against the bytes left so that a damaged length is reported, not allocated. */
    private static int length(DataInputStream in, int bytesPerItem, String source) throws IOException {
        int len = in.readInt();
        if (len < 0 || (long) len * bytesPerItem > in.available()) {
            throw new CheckpointException(source + ": checkpoint ends early");
        }
        return len;
    }

    static Checkpoint decode(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length + 12) {
            throw new CheckpointException(source + ": not a checkpoint (file is " + bytes.length + " bytes, truncated?)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new CheckpointException(source + ": not an FPO Lab checkpoint (bad header)");
            }
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        if (stored != crc.getValue()) {
            throw new CheckpointException(source + ": checkpoint is corrupted or truncated (checksum mismatch)");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
            in.skipNBytes(MAGIC.length);
            int version = in.readInt();
            if (version != VERSION) {
                throw new CheckpointException(source + ": checkpoint format " + version + " is not supported (expected "
                        + VERSION + ")");
            }
            byte[] cfg = new byte[length(in, 1, source)];
            in.readFully(cfg);
            int n = in.readInt();
            Map<String, Object> sections = new LinkedHashMap<>();
            for (int s = 0; s < n; s++) {
                String name = in.readUTF();
                byte kind = in.readByte();
                int len = length(in, kind == FLOATS ? 4 : 8, source);
                switch (kind) {
                    case FLOATS -> {
                        float[] f = new float[len];
                        for (int i = 0; i < len; i++) {
                            f[i] = in.readFloat();
                        }
                        sections.put(name, f);
                    }
                    case DOUBLES -> {
                        double[] d = new double[len];
                        for (int i = 0; i < len; i++) {
                            d[i] = in.readDouble();
                        }
                        sections.put(name, d);
                    }
                    case LONGS -> {
                        long[] l = new long[len];
                        for (int i = 0; i < len; i++) {
                            l[i] = in.readLong();
                        }
                        sections.put(name, l);
                    }
                    default -> throw new CheckpointException(source + ": unknown section kind " + kind);
                }
            }
            return new Checkpoint(new String(cfg, java.nio.charset.StandardCharsets.UTF_8), sections);
        } catch (EOFException e) {
            throw new CheckpointException(source + ": checkpoint ends early");
        } catch (IOException e) {
            throw new CheckpointException(source + ": " + e.getMessage());
        }
    }

    /** A run's {@code config.json} that was edited after training; the message names the differing fields. */
    public static final class DriftException extends ConfigException {
        private static final long serialVersionUID = 1L;

        DriftException(String configFile, String message) {
            super(configFile, message);
        }
    }

    /** A checkpoint that cannot be used, with a one-line reason. */
    public static class CheckpointException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CheckpointException(String message) {
            super(message);
        }
    }
}
