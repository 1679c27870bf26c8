package io.fpolab.ui.experiment;

import io.fpolab.config.FieldSpec;
import io.fpolab.core.ConfigException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One setting of the experiment panel: the text the user edits, checked against its {@link FieldSpec}
 * on every change. The last valid value is kept, so a field that stops applying (another algorithm
 * was chosen) keeps a usable value even if its text was left broken.
 */
public final class FieldViewModel {
    private final FieldSpec spec;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final ReadOnlyBooleanWrapper applicable = new ReadOnlyBooleanWrapper(this, "applicable", true);
    private Object value;

    FieldViewModel(FieldSpec spec) {
        this.spec = spec;
        this.value = spec.defaultValue();
        text.set(spec.format(value));
        text.addListener((obs, old, now) -> check(now));
    }

    private void check(String t) {
        try {
            value = spec.parseText(t);
            error.set(null);
        } catch (ConfigException e) {
            error.set(e.getMessage());
        }
    }

    public FieldSpec spec() {
        return spec;
    }

    public String path() {
        return spec.path();
    }

    public StringProperty textProperty() {
        return text;
    }

    /** The one-line problem with the current text ("ppo.epochs: 0 is out of range; allowed 1..1000"), or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public String error() {
        return error.get();
    }

    /** False when the chosen algorithm (or environment) does not read this setting; the editor is greyed out. */
    public ReadOnlyBooleanProperty applicableProperty() {
        return applicable.getReadOnlyProperty();
    }

    void setApplicable(boolean a) {
        applicable.set(a);
    }

    /** The typed value of the text, or the last valid one while the text is invalid. */
    public Object value() {
        return value;
    }

    /** Shows {@code typed} (a value as {@link io.fpolab.config.ConfigSchema#toMap} types it). */
    void show(Object typed) {
        text.set(spec.format(typed));
        value = typed;
    }

    /** Tooltip text: what the setting does, and what is allowed. */
    public String help() {
        return spec.description() + "\nAllowed: " + spec.allowed() + ".";
    }
}
