package dev.logline.store.columnar.encoding;

import dev.logline.query.match.MessageTokens;

import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * The {@link Hash64} of every token of a message, tokens as {@link MessageTokens} defines them (runs of letters and
 * digits, lower-cased): what the message bloom filters hold and what a word or phrase looks up. ASCII text is
 * tokenised and hashed straight from its bytes; anything else goes through {@link MessageTokens} itself.
 *
 * @lucene.internal
 */
public final class TokenHashes {

    private TokenHashes() {
    }

    /** Hands the hash of each token of the UTF-8 text to the consumer (a repeated token repeatedly). */
    public static void forEach(byte[] b, int off, int len, LongConsumer out) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] < 0) {
                MessageTokens.forEach(new String(b, off, len, StandardCharsets.UTF_8),
                        (token, s, e) -> out.accept(Hash64.ofString(token)));
                return;
            }
        }
        long h = 0;
        boolean in = false;
        for (int i = off; i < end; i++) {
            int c = b[i];
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
            if (letterOrDigit) {
                if (!in) {
                    h = Hash64.start();
                    in = true;
                }
                h = Hash64.step(h, c >= 'A' && c <= 'Z' ? c + 32 : c);
            } else if (in) {
                out.accept(Hash64.fmix(h));
                in = false;
            }
        }
        if (in) {
            out.accept(Hash64.fmix(h));
        }
    }

    /** The hash of one token (already lower-cased, as {@link MessageTokens} yields it). */
    public static long ofToken(String token) {
        return Hash64.ofString(token);
    }
}
