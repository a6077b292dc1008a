package dev.logline.logback.layout;

import java.util.Locale;

/** What the encoder does with an attribute key containing dots, such as {@code http.status}. */
public enum DottedKeys {
    /** Write it as it is: {@code "http.status":500} (the default; the server reads both forms alike). */
    FLAT,
    /** Nest it: {@code "http":{"status":500}}, merging keys that share a prefix. */
    NEST;

    /** The mode a setting names ({@code flat} or {@code nest}), or {@code null}. */
    public static DottedKeys fromSettingName(String s) {
        if (s == null) {
            return null;
        }
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "flat": return FLAT;
            case "nest": case "nested": return NEST;
            default: return null;
        }
    }
}
