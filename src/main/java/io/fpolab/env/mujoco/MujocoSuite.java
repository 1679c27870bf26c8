package io.fpolab.env.mujoco;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Registry of the tasks that run in MuJoCo itself rather than in the lab's Java physics: the
 * contact-rich DeepMind Control Suite tasks. They need the system's MuJoCo ({@link Mujoco}); without it
 * {@link #create} refuses with a one-line message that says how to install it.
 */
public final class MujocoSuite {
    private static final Map<String, IntFunction<MujocoVecEnv>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(CheetahRun.ID, CheetahRun::new);
        FACTORIES.put(BallInCupCatch.ID, BallInCupCatch::new);
        FACTORIES.put(FingerSpin.ID, FingerSpin::new);
        FACTORIES.put(FingerTurn.EASY_ID, FingerTurn::easy);
        FACTORIES.put(FingerTurn.HARD_ID, FingerTurn::hard);
        FACTORIES.put(FishSwim.ID, FishSwim::new);
    }

    private MujocoSuite() {
    }

    /** The MuJoCo task ids, in a stable order. */
    public static List<String> ids() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** Why task {@code id} cannot run here (one line naming the task), or null when it can. */
    public static String unavailableReason(String id) {
        return Mujoco.available() ? null : id + " needs MuJoCo " + Mujoco.versionString(Mujoco.SUPPORTED_VERSION) + ": " + Mujoco.problem();
    }

    /**
     * A new environment of {@code numEnvs} copies, not yet reset; close it when done.
     *
     * @throws IllegalArgumentException   for an unknown id or {@code numEnvs < 1}
     * @throws MujocoUnavailableException when MuJoCo is missing or unsupported (message from
     *                                    {@link #unavailableReason})
     */
    public static MujocoVecEnv create(String id, int numEnvs) {
        IntFunction<MujocoVecEnv> factory = FACTORIES.get(id);
        if (factory == null) {
            throw new IllegalArgumentException("unknown MuJoCo task '" + id + "'; known: " + String.join(", ", ids()));
        }
        if (numEnvs <= 0) {
            throw new IllegalArgumentException("numEnvs must be positive, got " + numEnvs);
        }
        String reason = unavailableReason(id);
        if (reason != null) {
            throw new MujocoUnavailableException(reason);
        }
        return factory.apply(numEnvs);
    }
}
