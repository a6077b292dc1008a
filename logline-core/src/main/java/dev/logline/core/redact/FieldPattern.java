package dev.logline.core.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * A field-name pattern: dot-separated segments, each a glob where {@code *} matches any run of characters. A
 * pattern matches a field when its segments match the last segments of the field's path, so {@code password}
 * matches a {@code password} field at any depth, {@code headers.authorization} matches {@code headers.authorization}
 * and {@code request.headers.authorization}, and {@code *token} matches {@code access_token}. Names are compared
 * ignoring case, {@code _} and {@code -} ({@code api_key}, {@code Api-Key} and {@code apiKey} are one name), and a
 * path is the same whether it is nested ({@code {"headers":{"authorization":…}}}) or flat
 * ({@code "headers.authorization"}).
 */
final class FieldPattern {

    private final String text;
    /** Normalized segments, outermost first. */
    private final char[][] segments;

    private FieldPattern(String text, char[][] segments) {
        this.text = text;
        this.segments = segments;
    }

    /**
     * Reads a pattern.
     *
     * @throws IllegalArgumentException when it is empty or has an empty segment
     */
    static FieldPattern parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a field pattern is empty; write a name such as password or *.token");
        }
        List<char[]> segs = new ArrayList<>();
        for (String s : t.split("\\.", -1)) {
            char[] n = normalize(s, 0, s.length());
            if (n.length == 0) {
                throw new IllegalArgumentException("field pattern '" + t + "' has an empty segment; write names "
                        + "separated by single dots, such as headers.authorization");
            }
            segs.add(n);
        }
        return new FieldPattern(t, segs.toArray(new char[0][]));
    }

    String text() {
        return text;
    }

    /** Segments in the pattern. */
    int depth() {
        return segments.length;
    }

    /**
     * Whether the pattern matches a path whose normalized segments are {@code path[0..length)} (outermost first).
     */
    boolean matches(char[][] path, int length) {
        if (length < segments.length) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            char[] p = segments[segments.length - 1 - i];
            char[] s = path[length - 1 - i];
            if (!glob(p, s, s.length)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the last segment of the pattern matches the normalized name {@code name[0..length)}. */
    boolean matchesLeaf(char[] name, int length) {
        return glob(segments[segments.length - 1], name, length);
    }

    /**
     * Whether the pattern matches the dotted name {@code s[start, end)} as it stands in a text, compared segment by
     * segment from the end, normalizing on the fly (no copy: this runs inside the text scanner).
     */
    boolean matchesText(CharSequence s, int start, int end) {
        int segEnd = end;
        for (int k = segments.length - 1; k >= 0; k--) {
            if (segEnd < start) {
                return false;
            }
            int segStart = segEnd;
            while (segStart > start && s.charAt(segStart - 1) != '.') {
                segStart--;
            }
            if (!globText(segments[k], s, segStart, segEnd)) {
                return false;
            }
            segEnd = segStart - 1;
        }
        return true;
    }

    /** {@link #glob} over {@code s[from, to)} read as its normalized form. */
    private static boolean globText(char[] p, CharSequence s, int from, int to) {
        int pi = 0;
        int si = skipIgnored(s, from, to);
        int star = -1;
        int mark = 0;
        while (si < to) {
            char c = lower(s.charAt(si));
            if (pi < p.length && p[pi] != '*' && p[pi] == c) {
                pi++;
                si = skipIgnored(s, si + 1, to);
            } else if (pi < p.length && p[pi] == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                mark = skipIgnored(s, mark + 1, to);
                si = mark;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }

    private static int skipIgnored(CharSequence s, int i, int to) {
        while (i < to && (s.charAt(i) == '_' || s.charAt(i) == '-')) {
            i++;
        }
        return i;
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : Character.toLowerCase(c);
    }

    /** Lower-cased ASCII with {@code _} and {@code -} left out. */
    static char[] normalize(CharSequence s, int start, int end) {
        char[] out = new char[end - start];
        int n = normalizeInto(s, start, end, out);
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Writes the normalized form of {@code s[start, end)} into {@code out} (which must be long enough); its length. */
    static int normalizeInto(CharSequence s, int start, int end, char[] out) {
        int n = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '_' || c == '-') {
                continue;
            }
            out[n++] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : Character.toLowerCase(c);
        }
        return n;
    }

    /** Glob match of a whole name: {@code *} is any run; iterative with one backtrack point, linear in practice. */
    private static boolean glob(char[] p, char[] s, int sLen) {
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        while (si < sLen) {
            if (pi < p.length && p[pi] != '*' && p[pi] == s[si]) {
                pi++;
                si++;
            } else if (pi < p.length && p[pi] == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }

    @Override
    public String toString() {
        return text;
    }
}
