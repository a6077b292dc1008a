package dev.logline.logback.layout;

import java.util.Locale;

/** The logical fields every preset writes under its own names; renames ({@code msg=message}) refer to these. */
public enum FieldName {
    TS, LEVEL, MSG, SERVICE, ENV, VERSION, HOST, LOGGER, THREAD, TRACE_ID, SPAN_ID, ERROR, TAGS, STEPS, DURATION_MS;

    /** The name used in renames: Logline's own wire name ({@code trace_id}). */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The field a rename's left-hand side names, or {@code null}. */
    public static FieldName fromSettingName(String name) {
        for (FieldName f : values()) {
            if (f.settingName().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
