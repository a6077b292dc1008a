package dev.logline.query.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a message into the tokens words and phrases match: maximal runs of letters and digits, lower-cased.
 * Every store indexes messages with this same rule.
 */
public final class MessageTokens {

    private MessageTokens() {
    }

    /** The tokens of a text, in order; empty for {@code null}. */
    public static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        if (text == null) {
            return tokens;
        }
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !isTokenChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            int start = i;
            while (i < n && isTokenChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                tokens.add(text.substring(start, i).toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    private static boolean isTokenChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }
}
