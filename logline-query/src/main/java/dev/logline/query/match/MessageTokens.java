package dev.logline.query.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a message into the tokens words and phrases match: maximal runs of letter-or-digit code points
 * ({@link Character#isLetterOrDigit(int)}), lower-cased with {@link Locale#ROOT}. This is the one definition:
 * every store indexes messages with it, through {@link #forEach} when it also needs where each token sits.
 */
public final class MessageTokens {

    /** Receives a text's tokens in order, with where each one sits in the text. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param token the lower-cased token
         * @param start the index in the text of its first char
         * @param end   the index in the text just past its last char
         */
        void token(String token, int start, int end);
    }

    private MessageTokens() {
    }

    /** The tokens of a text, in order; empty for {@code null}. */
    public static List<String> of(String text) {
        List<String> tokens = new ArrayList<>();
        forEach(text, (token, start, end) -> tokens.add(token));
        return tokens;
    }

    /** Hands each token of a text to the visitor, in order; nothing for {@code null}. */
    public static void forEach(String text, Visitor visitor) {
        if (text == null) {
            return;
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
                visitor.token(text.substring(start, i).toLowerCase(Locale.ROOT), start, i);
            }
        }
    }

    private static boolean isTokenChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint);
    }
}
