package dev.logline.core.redact;

/**
 * The shapes of API and cloud keys that announce themselves with a prefix: AWS access key ids, Google API keys,
 * GitHub, GitLab, Slack, Stripe, npm, OpenAI and Anthropic tokens. Each is a fixed prefix and a body of a known
 * alphabet and length, starting at a word start and ending at a word boundary.
 */
final class TokenShapes {

    private static final int UPPER_DIGITS = 1;
    private static final int ALNUM = 2;
    private static final int ALNUM_UNDERSCORE = 3;
    private static final int BASE64URL = 4;
    private static final int ALNUM_DASH = 5;

    private record Shape(String prefix, int alphabet, int min, int max, boolean needsDigit) {
    }

    private static final Shape[] SHAPES = {
            // AWS access key ids (access keys, temporary keys, and the other principal ids AWS issues).
            new Shape("AKIA", UPPER_DIGITS, 16, 16, false),
            new Shape("ASIA", UPPER_DIGITS, 16, 16, false),
            new Shape("ABIA", UPPER_DIGITS, 16, 16, false),
            new Shape("ACCA", UPPER_DIGITS, 16, 16, false),
            new Shape("AGPA", UPPER_DIGITS, 16, 16, false),
            new Shape("AIDA", UPPER_DIGITS, 16, 16, false),
            new Shape("AROA", UPPER_DIGITS, 16, 16, false),
            new Shape("AIPA", UPPER_DIGITS, 16, 16, false),
            new Shape("ANPA", UPPER_DIGITS, 16, 16, false),
            new Shape("ANVA", UPPER_DIGITS, 16, 16, false),
            new Shape("APKA", UPPER_DIGITS, 16, 16, false),
            new Shape("AIza", BASE64URL, 35, 35, false),
            new Shape("ghp_", ALNUM, 30, 255, false),
            new Shape("gho_", ALNUM, 30, 255, false),
            new Shape("ghu_", ALNUM, 30, 255, false),
            new Shape("ghs_", ALNUM, 30, 255, false),
            new Shape("ghr_", ALNUM, 30, 255, false),
            new Shape("github_pat_", ALNUM_UNDERSCORE, 22, 255, false),
            new Shape("glpat-", BASE64URL, 20, 255, false),
            new Shape("xoxb-", ALNUM_DASH, 10, 255, false),
            new Shape("xoxp-", ALNUM_DASH, 10, 255, false),
            new Shape("xoxa-", ALNUM_DASH, 10, 255, false),
            new Shape("xoxr-", ALNUM_DASH, 10, 255, false),
            new Shape("xoxs-", ALNUM_DASH, 10, 255, false),
            new Shape("xoxe-", ALNUM_DASH, 10, 255, false),
            new Shape("xapp-", ALNUM_DASH, 10, 255, false),
            new Shape("sk_live_", ALNUM, 16, 255, false),
            new Shape("sk_test_", ALNUM, 16, 255, false),
            new Shape("rk_live_", ALNUM, 16, 255, false),
            new Shape("rk_test_", ALNUM, 16, 255, false),
            new Shape("whsec_", ALNUM, 16, 255, false),
            new Shape("npm_", ALNUM, 36, 36, false),
            // OpenAI (sk-…, sk-proj-…) and Anthropic (sk-ant-…): mixed letters and digits, so slugs do not match.
            new Shape("sk-", BASE64URL, 20, 255, true),
    };

    /** First characters of the prefixes, for the scanner's trigger table. */
    static final String FIRST_CHARS = "Agxsrwn";

    /** The shapes by the first character of their prefix. */
    private static final Shape[][] BY_FIRST = new Shape[128][];

    static {
        for (char c : FIRST_CHARS.toCharArray()) {
            BY_FIRST[c] = java.util.Arrays.stream(SHAPES).filter(s -> s.prefix.charAt(0) == c).toArray(Shape[]::new);
        }
    }

    private TokenShapes() {
    }

    /** The end of a key starting at {@code start} (a word start), or -1. */
    static int match(CharSequence s, int start, int n) {
        char first = s.charAt(start);
        Shape[] candidates = first < 128 ? BY_FIRST[first] : null;
        if (candidates == null) {
            return -1;
        }
        for (Shape shape : candidates) {
            String p = shape.prefix;
            if (n - start < p.length() + shape.min || !regionMatches(s, start, p)) {
                continue;
            }
            int j = start + p.length();
            int limit = Math.min(n, j + shape.max);
            boolean digit = false;
            while (j < limit && in(shape.alphabet, s.charAt(j))) {
                digit |= CardNumbers.isDigit(s.charAt(j));
                j++;
            }
            int body = j - start - p.length();
            if (body < shape.min || (j < n && (in(shape.alphabet, s.charAt(j)) || TextScanner.isWordChar(s.charAt(j))))
                    || (shape.needsDigit && !digit)) {
                continue;
            }
            return j;
        }
        return -1;
    }

    private static boolean regionMatches(CharSequence s, int at, String p) {
        for (int i = 0; i < p.length(); i++) {
            if (s.charAt(at + i) != p.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean in(int alphabet, char c) {
        boolean digit = c >= '0' && c <= '9';
        boolean upper = c >= 'A' && c <= 'Z';
        boolean lower = c >= 'a' && c <= 'z';
        switch (alphabet) {
            case UPPER_DIGITS: return digit || upper;
            case ALNUM: return digit || upper || lower;
            case ALNUM_UNDERSCORE: return digit || upper || lower || c == '_';
            case ALNUM_DASH: return digit || upper || lower || c == '-';
            default: return digit || upper || lower || c == '_' || c == '-';
        }
    }
}
