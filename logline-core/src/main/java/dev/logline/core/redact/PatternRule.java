package dev.logline.core.redact;

import java.util.regex.Pattern;

/**
 * A configured regular expression: every match in any text is redacted.
 *
 * @param name    the rule's name, shown in masks ({@code [REDACTED:order_ref]})
 * @param pattern the expression
 * @param span    how its matches are redacted
 */
record PatternRule(String name, Pattern pattern, SpanRule span) {
}
