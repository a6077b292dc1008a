package dev.logline.core;

/**
 * Reads an exception that a logger wrote as text into an {@link ErrorInfo}: the whole text is the stack, and the
 * type and message come from the line that names the exception. That line is the first for Java
 * ({@code java.lang.IllegalStateException: card declined}, then {@code Caused by:} lines, read as the cause chain)
 * and .NET ({@code System.InvalidOperationException: card declined}); the last for a Python traceback
 * ({@code ZeroDivisionError: division by zero} after the frames).
 */
final class ErrorText {

    private static final String PYTHON_HEADER = "Traceback (most recent call last)";
    private static final String CAUSED_BY = "Caused by: ";

    private ErrorText() {
    }

    /** The error the text describes; {@code null} for a blank text. */
    static ErrorInfo of(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stack = text.strip();
        if (stack.startsWith(PYTHON_HEADER)) {
            return named(lastUnindentedLine(stack), stack, null);
        }
        int end = stack.indexOf('\n');
        String first = (end < 0 ? stack : stack.substring(0, end)).strip();
        return named(first, stack, causeAfter(stack, 0));
    }

    /** The cause named by the first {@code Caused by:} line after {@code from}, with its own causes. */
    private static ErrorInfo causeAfter(String stack, int from) {
        int at = stack.indexOf(CAUSED_BY, from);
        if (at < 0) {
            return null;
        }
        int start = at + CAUSED_BY.length();
        int end = stack.indexOf('\n', start);
        String line = (end < 0 ? stack.substring(start) : stack.substring(start, end)).strip();
        return named(line, null, causeAfter(stack, start));
    }

    /**
     * {@code Type: message}, {@code Type} alone, or a line that names no type (then the line is the message): a
     * type is one word without spaces, such as {@code java.lang.Error} or {@code ValueError}.
     */
    private static ErrorInfo named(String line, String stack, ErrorInfo cause) {
        int colon = line.indexOf(": ");
        String head = colon < 0 ? line : line.substring(0, colon);
        if (head.isEmpty() || head.chars().anyMatch(Character::isWhitespace)) {
            return new ErrorInfo(null, line, stack, null, cause);
        }
        String message = colon < 0 ? null : line.substring(colon + 2).strip();
        return new ErrorInfo(head, message, stack, null, cause);
    }

    private static String lastUnindentedLine(String stack) {
        String[] lines = stack.split("\r?\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i];
            if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
                return l.strip();
            }
        }
        return lines[lines.length - 1].strip();
    }
}
