package dev.logline.store.lucene;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of a message as the cross-team contract defines them: maximal runs of letter-or-digit code points
 * ({@link Character#isLetterOrDigit(int)}, as the reference matcher reads them), lower-cased with {@link Locale#ROOT}.
 */
final class MessageTokens {

    /** Longer runs are not indexed: Lucene refuses terms above 32 KiB, and nobody searches for such a word. */
    static final int MAX_TOKEN_CHARS = 4096;

    /** A token and where it sits in the text. */
    record Token(String text, int start, int end) {
    }

    private MessageTokens() {
    }

    static List<Token> of(String text) {
        List<Token> tokens = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && !Character.isLetterOrDigit(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            int start = i;
            while (i < n && Character.isLetterOrDigit(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start && i - start <= MAX_TOKEN_CHARS) {
                tokens.add(new Token(text.substring(start, i).toLowerCase(Locale.ROOT), start, i));
            }
        }
        return tokens;
    }

    static List<String> texts(String text) {
        List<String> out = new ArrayList<>();
        for (Token t : of(text)) {
            out.add(t.text());
        }
        return out;
    }
}
