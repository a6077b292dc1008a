package dev.logline.core;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The field names the Logline schema reserves; everything else in an event is an attribute. */
public enum ReservedField {
    TS("ts"),
    LEVEL("level"),
    MSG("msg"),
    SERVICE("service"),
    ENV("env"),
    VERSION("version"),
    HOST("host"),
    LOGGER("logger"),
    THREAD("thread"),
    TRACE_ID("trace_id"),
    SPAN_ID("span_id"),
    ERROR("error"),
    STEPS("steps"),
    DURATION_MS("duration_ms"),
    TENANT("tenant");

    private static final Map<String, ReservedField> BY_NAME =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(ReservedField::fieldName, Function.identity()));

    private final String fieldName;

    ReservedField(String fieldName) {
        this.fieldName = fieldName;
    }

    /** The name as it appears on the wire. */
    public String fieldName() {
        return fieldName;
    }

    /** The reserved field with this wire name, or {@code null}. */
    public static ReservedField of(String name) {
        return BY_NAME.get(name);
    }

    public static boolean isReserved(String name) {
        return BY_NAME.containsKey(name);
    }
}
