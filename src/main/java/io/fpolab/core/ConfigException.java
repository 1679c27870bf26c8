package io.fpolab.core;

/**
 * A user-facing error in what a user gave the program (an experiment config, a layout or actions file, a field of
 * the form, a CLI flag): names the field (or file position), the bad value and what is allowed. The message is one
 * line, fit to show as-is in the CLI or the UI.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ConfigException(String field, String message) {
        super(field == null || field.isEmpty() ? message : field + ": " + message);
        this.field = field;
    }

    private ConfigException(String source, ConfigException inner) {
        super(source + ": " + inner.getMessage(), inner);
        this.field = inner.field;
    }

    /**
     * This error as reported for a file or resource: the message gains {@code "source: "} in front (so the
     * CLI prints {@code error: FILE: ppo.epochs: ...}); {@link #field()} is unchanged.
     */
    public ConfigException inSource(String source) {
        return new ConfigException(source, this);
    }

    /** Dotted path of the offending field ("ppo.epochs"), or the file position; may be empty. */
    public String field() {
        return field;
    }
}
