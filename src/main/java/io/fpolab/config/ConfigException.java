package io.fpolab.config;

/**
 * A user-facing error in an experiment configuration: names the field (or file position), the bad
 * value and what is allowed. The message is one line, fit to show as-is in the CLI or the UI.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ConfigException(String field, String message) {
        super(field == null || field.isEmpty() ? message : field + ": " + message);
        this.field = field;
    }

    /** Dotted path of the offending field ("ppo.epochs"), or the file position; may be empty. */
    public String field() {
        return field;
    }
}
