package io.fpolab.env.mujoco;

/**
 * MuJoCo cannot be used here: its library is missing, or it is a version whose data layout the binding
 * does not know. The message is one line that says what was found and how to install a usable MuJoCo,
 * fit to show as-is in the CLI or the UI.
 */
public final class MujocoUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MujocoUnavailableException(String message) {
        super(message);
    }
}
