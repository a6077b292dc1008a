package dev.logline.core.redact;

/**
 * One way a span of text is redacted: which rule found it (a detector, a field name before {@code =} or {@code :},
 * or a configured regex), its label in masks, and its action.
 *
 * @param label  the name shown in a mask ({@code [REDACTED:card]}), or {@code null} for a field rule's plain
 *               {@code [REDACTED]}
 * @param action what happens to the span
 * @param detector the built-in detector, or {@code null}; it decides how a value is normalised before hashing
 */
record SpanRule(String label, RedactAction action, Detector detector) {
}
