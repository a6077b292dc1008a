package dev.logline.query;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular-expression dialect LQL accepts: the part Java's {@link Pattern} and Lucene's {@code RegExp} read
 * the same way ({@code . * + ? | ( ) [ ] { }}, {@code [^…]} and backslash escapes of punctuation), so the
 * reference matcher and the index agree on every pattern a query can carry, and no more costly to determinise
 * than an index allows ({@link RegexComplexity}).
 */
final class RegexSyntax {

    /** Longest pattern accepted; longer ones cost too much to compile and run per event. */
    static final int MAX_LENGTH = 1000;

    private RegexSyntax() {
    }

    /** Why the pattern is not accepted, or {@code null} when it is. */
    static String check(String pattern) {
        if (pattern.length() > MAX_LENGTH) {
            return "the regular expression is longer than " + MAX_LENGTH + " characters";
        }
        if (pattern.isEmpty()) {
            return "empty regular expression; use field:* to ask whether a field exists";
        }
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pattern.length()) {
                    return "the regular expression ends with a lone '\\'";
                }
                char next = pattern.charAt(i + 1);
                if (Character.isLetterOrDigit(next)) {
                    return "'\\" + next + "' is not supported in regular expressions; use a class such as [0-9] "
                            + "or escape only punctuation";
                }
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                } else if (c == '[' || c == '&') {
                    return "'" + c + "' inside [...] is not supported; escape it as \\" + c;
                }
                continue;
            }
            switch (c) {
                case '[':
                    inClass = true;
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
                        i++;
                    }
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
                        i++;
                    }
                    break;
                case '(':
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '?') {
                        return "'(?' groups and flags are not supported in regular expressions";
                    }
                    break;
                case '^':
                case '$':
                    return "'" + c + "' is not needed: a regular expression always matches the whole value; "
                            + "escape it as \\" + c + " to match the character";
                case '~':
                case '&':
                case '<':
                case '>':
                case '@':
                case '#':
                case '"':
                    return "'" + c + "' has a special meaning in the index's regular expressions; escape it as \\" + c;
                default:
                    break;
            }
        }
        if (inClass) {
            return "unclosed '[' in the regular expression";
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return "invalid regular expression: " + e.getDescription();
        }
        return RegexComplexity.check(pattern);
    }
}
