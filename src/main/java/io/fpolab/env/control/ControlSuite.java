package io.fpolab.env.control;

import io.fpolab.env.VecEnv;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Registry of the pure-Java continuous-control environments: ten DeepMind Control Suite tasks
 * (pendulum, cartpole, acrobot, point mass, reacher) and two Gymnasium classics (Pendulum-v1,
 * MountainCarContinuous-v0). Every environment is a {@link PhysicsVecEnv}; see each task's class for
 * its equations.
 */
public final class ControlSuite {
    private static final Map<String, IntFunction<VecEnv>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("pendulum-swingup", PendulumSwingup::new);
        FACTORIES.put("cartpole-balance", n -> new CartPole(n, false, false));
        FACTORIES.put("cartpole-balance_sparse", n -> new CartPole(n, false, true));
        FACTORIES.put("cartpole-swingup", n -> new CartPole(n, true, false));
        FACTORIES.put("cartpole-swingup_sparse", n -> new CartPole(n, true, true));
        FACTORIES.put("acrobot-swingup", n -> new Acrobot(n, false));
        FACTORIES.put("acrobot-swingup_sparse", n -> new Acrobot(n, true));
        FACTORIES.put("point_mass-easy", PointMass::new);
        FACTORIES.put("reacher-easy", n -> new Reacher(n, false));
        FACTORIES.put("reacher-hard", n -> new Reacher(n, true));
        FACTORIES.put("gym-pendulum", GymPendulum::new);
        FACTORIES.put("mountain-car-continuous", MountainCarContinuous::new);
    }

    private ControlSuite() {
    }

    /** All environment ids, in a stable order. */
    public static List<String> ids() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * A new environment of {@code numEnvs} copies, not yet reset.
     *
     * @throws IllegalArgumentException for an unknown id (the message lists the known ones) or
     *                                  {@code numEnvs < 1}
     */
    public static VecEnv create(String id, int numEnvs) {
        IntFunction<VecEnv> factory = FACTORIES.get(id);
        if (factory == null) {
            throw new IllegalArgumentException("unknown environment '" + id + "'; known: " + String.join(", ", ids()));
        }
        return factory.apply(numEnvs);
    }
}
