package dev.logline.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an API key may do: send events ({@link #INGEST}), query them ({@link #READ}), or both and more ({@link #ADMIN}). */
public enum Role {
    /** Every collector: native, Elasticsearch bulk and compatibility calls, Loki, OTLP over HTTP and gRPC. */
    INGEST,
    /** Search, traces, histogram, fields, context, live tail, metrics and the web UI's data calls. */
    READ,
    /** Everything {@link #READ} and {@link #INGEST} may, plus the administrative endpoints. */
    ADMIN;

    /** Whether a key with this role may call an endpoint that needs {@code needed}. */
    public boolean permits(Role needed) {
        return this == ADMIN || this == needed;
    }

    /** The lower-case name used in the key file, the CLI and error messages. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named {@code text} (any case).
     *
     * @throws IllegalArgumentException naming the unknown role and the known ones
     */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.text().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "'; use one of "
                + Arrays.stream(values()).map(Role::text).collect(Collectors.joining(", ")));
    }
}
