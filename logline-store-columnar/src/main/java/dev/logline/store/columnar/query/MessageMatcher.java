package dev.logline.store.columnar.query;

import dev.logline.query.filter.Filter;
import dev.logline.query.filter.PhraseFilter;
import dev.logline.query.filter.WordFilter;
import dev.logline.query.match.FilterMatcher;
import dev.logline.query.match.MessageTokens;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A word or phrase tested against messages as UTF-8 bytes: ASCII messages are tokenised in place (no String, no
 * allocation); any other message goes to {@link FilterMatcher#messageMatches}, the reference.
 *
 * @lucene.internal
 */
final class MessageMatcher {

    private final Filter filter;
    /** The word or the phrase's tokens, lower-cased ASCII; null when some is not ASCII (then every row is slow). */
    private final byte[][] tokens;
    private final boolean prefix;
    private int[] starts = new int[64];
    private int[] ends = new int[64];

    MessageMatcher(Filter filter) {
        this.filter = filter;
        List<String> t;
        if (filter instanceof WordFilter w) {
            t = List.of(w.word().toLowerCase(Locale.ROOT));
            prefix = w.prefix();
        } else {
            t = MessageTokens.of(((PhraseFilter) filter).phrase());
            prefix = false;
        }
        byte[][] bytes = new byte[t.size()][];
        boolean ascii = true;
        for (int i = 0; i < t.size(); i++) {
            bytes[i] = t.get(i).getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes[i]) {
                ascii &= b >= 0;
            }
        }
        this.tokens = ascii ? bytes : null;
    }

    boolean matches(byte[] b, int off, int len) {
        return matches(b, off, len, false);
    }

    /** As {@link #matches(byte[], int, int)}; {@code knownAscii} when the caller checked the bytes are ASCII. */
    boolean matches(byte[] b, int off, int len, boolean knownAscii) {
        if (tokens == null || (!knownAscii && !isAscii(b, off, len))) {
            return FilterMatcher.messageMatches(filter, new String(b, off, len, StandardCharsets.UTF_8));
        }
        if (tokens.length == 0) {
            return false;
        }
        if (tokens.length == 1 && !prefix) {
            return containsToken(b, off, off + len, tokens[0]);
        }
        int n = tokenize(b, off, len);
        if (tokens.length == 1) {
            for (int i = 0; i < n; i++) {
                if (tokenEquals(b, starts[i], ends[i], tokens[0], prefix)) {
                    return true;
                }
            }
            return false;
        }
        outer:
        for (int s = 0; s + tokens.length <= n; s++) {
            for (int k = 0; k < tokens.length; k++) {
                if (!tokenEquals(b, starts[s + k], ends[s + k], tokens[k], false)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Whether a token equal to {@code token} occurs in {@code b[from, to)}: one pass, no token list. */
    private static boolean containsToken(byte[] b, int from, int to, byte[] token) {
        int m = token.length;
        int first = token[0];
        for (int i = from; i + m <= to; i++) {
            int c = b[i];
            if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != first) {
                continue;
            }
            if ((i > from && isTokenByte(b[i - 1])) || (i + m < to && isTokenByte(b[i + m]))) {
                continue;
            }
            boolean same = true;
            for (int k = 1; k < m; k++) {
                int x = b[i + k];
                if ((x >= 'A' && x <= 'Z' ? x + 32 : x) != token[k]) {
                    same = false;
                    break;
                }
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    /** Whether every byte of {@code b[off, off+len)} is ASCII, eight at a time. */
    static boolean isAscii(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            if (((long) LONGS.get(b, i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static final java.lang.invoke.VarHandle LONGS = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static boolean isTokenByte(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }

    private int tokenize(byte[] b, int off, int len) {
        int n = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            while (i < end && !isTokenByte(b[i])) {
                i++;
            }
            int start = i;
            while (i < end && isTokenByte(b[i])) {
                i++;
            }
            if (i > start) {
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                    ends = java.util.Arrays.copyOf(ends, n * 2);
                }
                starts[n] = start;
                ends[n++] = i;
            }
        }
        return n;
    }

    private static boolean tokenEquals(byte[] b, int start, int end, byte[] token, boolean prefix) {
        int len = end - start;
        if (prefix ? len < token.length : len != token.length) {
            return false;
        }
        for (int i = 0; i < token.length; i++) {
            int c = b[start + i];
            if (c >= 'A' && c <= 'Z') {
                c += 32;
            }
            if (c != token[i]) {
                return false;
            }
        }
        return true;
    }
}
