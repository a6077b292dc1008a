package dev.logline.core.redact;

/**
 * A rule on field names: every field whose path the pattern matches gets the action, whatever its value.
 *
 * @param pattern the field-name pattern
 * @param action  what happens to the field's value
 * @param span    the same rule applied to {@code name=value} and {@code "name":"value"} found inside text
 */
record FieldRule(FieldPattern pattern, RedactAction action, SpanRule span) {

    FieldRule(FieldPattern pattern, RedactAction action) {
        this(pattern, action, new SpanRule(null, action, null));
    }
}
