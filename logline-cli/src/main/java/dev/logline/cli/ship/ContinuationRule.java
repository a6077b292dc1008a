package dev.logline.cli.ship;

import java.util.regex.Pattern;

/**
 * Decides whether a plain line continues the event before it, so a Java stack trace ships as one event: lines like
 * {@code "\tat com.x.Y.z(Y.java:12)"}, {@code "Caused by: …"}, {@code "\t... 7 more"}, {@code "\tSuppressed: …"},
 * the exception line Logback and Log4j print under the message ({@code "java.lang.IllegalStateException: …"}),
 * plus any line the user's {@code --multiline-pattern} finds a match in.
 */
public final class ContinuationRule {

    private static final Pattern STACK_LINE = Pattern.compile(
            "^(?:\\s+at\\s|\\s*Caused by:|\\s*\\.\\.\\.\\s*\\d+\\s+(?:more|common frames omitted)|\\s+Suppressed:)");

    /** A fully qualified class name ending in Exception/Error/Throwable, alone or followed by ": message". */
    private static final Pattern EXCEPTION_LINE = Pattern.compile(
            "^(?:[a-zA-Z_$][\\w$]*\\.)+[\\w$]*(?:Exception|Error|Throwable)(?::\\s.*)?$");

    private final Pattern userPattern;

    /** @param userPattern an extra continuation pattern, or {@code null} for the stack-trace rules only */
    public ContinuationRule(Pattern userPattern) {
        this.userPattern = userPattern;
    }

    /** Whether {@code line} belongs to the event started by an earlier line. */
    public boolean continues(String line) {
        return STACK_LINE.matcher(line).find() || EXCEPTION_LINE.matcher(line).matches() || (userPattern != null && userPattern.matcher(line).find());
    }
}
