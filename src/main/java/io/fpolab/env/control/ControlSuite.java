package io.fpolab.env.control;

import io.fpolab.config.ExperimentConfig.Integration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Registry of the pure-Java continuous-control environments: ten DeepMind Control Suite tasks
 * (pendulum, cartpole, acrobot, point mass, reacher), two Gymnasium classics (Pendulum-v1,
 * MountainCarContinuous-v0) and the lab's own fork task ({@link ForkEasy}: a point mass with two equally
 * good routes to its goal). Every environment is a {@link PhysicsVecEnv}; see each task's class for
 * its equations. The dm_control tasks integrate as dm_control or as MuJoCo Playground does
 * ({@link Integration}); the Gymnasium classics and the fork task have their one update rule.
 */
public final class ControlSuite {
    /** Builds {@code numEnvs} copies of one task with the given integration. */
    private interface Factory {
        PhysicsVecEnv create(int numEnvs, Integration integration);
    }

    private static final Map<String, Factory> DM_CONTROL = new LinkedHashMap<>();
    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        DM_CONTROL.put("pendulum-swingup", PendulumSwingup::new);
        DM_CONTROL.put("cartpole-balance", (n, i) -> new CartPole(n, false, false, i));
        DM_CONTROL.put("cartpole-balance_sparse", (n, i) -> new CartPole(n, false, true, i));
        DM_CONTROL.put("cartpole-swingup", (n, i) -> new CartPole(n, true, false, i));
        DM_CONTROL.put("cartpole-swingup_sparse", (n, i) -> new CartPole(n, true, true, i));
        DM_CONTROL.put("acrobot-swingup", (n, i) -> new Acrobot(n, false, i));
        DM_CONTROL.put("acrobot-swingup_sparse", (n, i) -> new Acrobot(n, true, i));
        DM_CONTROL.put("point_mass-easy", PointMass::new);
        DM_CONTROL.put("reacher-easy", (n, i) -> new Reacher(n, false, i));
        DM_CONTROL.put("reacher-hard", (n, i) -> new Reacher(n, true, i));
        FACTORIES.putAll(DM_CONTROL);
        FACTORIES.put("gym-pendulum", (n, i) -> new GymPendulum(n));
        FACTORIES.put("mountain-car-continuous", (n, i) -> new MountainCarContinuous(n));
        FACTORIES.put(ForkEasy.ID, (n, i) -> new ForkEasy(n));
    }

    private ControlSuite() {
    }

    /** All environment ids, in a stable order. */
    public static List<String> ids() {
        return List.copyOf(FACTORIES.keySet());
    }

    /** The ids of the dm_control tasks, the ones with a choice of {@link Integration}. */
    public static List<String> dmControlIds() {
        return List.copyOf(DM_CONTROL.keySet());
    }

    /** A new environment of {@code numEnvs} copies with dm_control integration, not yet reset. */
    public static PhysicsVecEnv create(String id, int numEnvs) {
        return create(id, numEnvs, Integration.DM_CONTROL);
    }

    /**
     * A new environment of {@code numEnvs} copies, not yet reset.
     *
     * @throws IllegalArgumentException for an unknown id (the message lists the known ones), Playground
     *                                  integration of a task that is not a dm_control one, or
     *                                  {@code numEnvs < 1}
     */
    public static PhysicsVecEnv create(String id, int numEnvs, Integration integration) {
        Factory factory = FACTORIES.get(id);
        if (factory == null) {
            throw new IllegalArgumentException("unknown environment '" + id + "'; known: " + String.join(", ", ids()));
        }
        if (integration != Integration.DM_CONTROL && !DM_CONTROL.containsKey(id)) {
            throw new IllegalArgumentException(id + " has one integrator (Gymnasium's); integration '"
                    + integration.name().toLowerCase(Locale.ROOT)
                    + "' applies only to the dm_control tasks: " + String.join(", ", dmControlIds()));
        }
        return factory.create(numEnvs, integration);
    }
}
