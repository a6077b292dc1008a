package dev.logline.logback.error;

import dev.logline.logback.json.Utf8JsonWriter;

/** The member names of Logline's {@code error} object, encoded once. */
final class ErrorKeys {
    static final byte[] TYPE = Utf8JsonWriter.encodeKey("type");
    static final byte[] MESSAGE = Utf8JsonWriter.encodeKey("message");
    static final byte[] STACK = Utf8JsonWriter.encodeKey("stack");
    static final byte[] HASH = Utf8JsonWriter.encodeKey("hash");
    static final byte[] CAUSE = Utf8JsonWriter.encodeKey("cause");
    static final byte[] SUPPRESSED = Utf8JsonWriter.encodeKey("suppressed");

    private ErrorKeys() {
    }
}
