package dev.logline.core.redact;

/**
 * Payment card numbers in text: 13 to 19 digits, written whole or in groups separated by single spaces or dashes,
 * starting with a prefix a card brand issues (Visa, Mastercard, American Express, Discover, Diners, JCB, UnionPay,
 * Maestro, Mir) at a length that brand uses, and passing the Luhn check. Ids that merely look numeric — epoch
 * times, counters, snowflake ids starting with 1 — fail the prefix or the check.
 */
final class CardNumbers {

    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;

    private CardNumbers() {
    }

    /**
     * The end of a card number starting at {@code start} (a digit at a word start), or -1 when none starts there.
     * The number must end at a word boundary.
     */
    static int match(CharSequence s, int start, int n) {
        // Groups end where a separator or anything else follows; a number may be followed by more digits after a
        // space ("4111 1111 1111 1111 15 ms"), so every group end is a candidate end, longest first.
        int[] ends = null;
        int[] counts = null;
        int groups = 0;
        int digits = 0;
        int j = start;
        while (j < n) {
            char c = s.charAt(j);
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_DIGITS + 4) {
                    break;
                }
                j++;
                if (j == n || !isDigit(s.charAt(j))) {
                    if (digits >= MIN_DIGITS && digits <= MAX_DIGITS) {
                        if (ends == null) {
                            ends = new int[8];
                            counts = new int[8];
                        } else if (groups == ends.length) {
                            ends = java.util.Arrays.copyOf(ends, groups * 2);
                            counts = java.util.Arrays.copyOf(counts, groups * 2);
                        }
                        ends[groups] = j;
                        counts[groups++] = digits;
                    }
                }
            } else if ((c == ' ' || c == '-') && j + 1 < n && isDigit(s.charAt(j + 1)) && j > start
                    && isDigit(s.charAt(j - 1))) {
                j++;
            } else {
                break;
            }
        }
        for (int g = groups - 1; g >= 0; g--) {
            int end = ends[g];
            if ((end == n || !TextScanner.isWordChar(s.charAt(end))) && valid(s, start, end, counts[g])) {
                return end;
            }
        }
        return -1;
    }

    /** Whether the digits of {@code s[start, end)} (separators skipped) are a card number. */
    static boolean valid(CharSequence s, int start, int end, int digits) {
        int prefix = 0;
        int taken = 0;
        for (int k = start; k < end && taken < 6; k++) {
            char c = s.charAt(k);
            if (isDigit(c)) {
                prefix = prefix * 10 + (c - '0');
                taken++;
            }
        }
        return brandLength(prefix, digits) && luhn(s, start, end);
    }

    /** Whether a number with this 6-digit prefix and this many digits is one a brand issues. */
    private static boolean brandLength(int p6, int len) {
        int p1 = p6 / 100_000;
        int p2 = p6 / 10_000;
        int p3 = p6 / 1_000;
        int p4 = p6 / 100;
        switch (p1) {
            case 4:
                return len == 13 || len >= 16;
            case 5:
                return p2 >= 51 && p2 <= 55 ? len == 16 : len >= 13; // Mastercard; Maestro 50, 56-59
            case 2:
                return p4 >= 2221 && p4 <= 2720 ? len == 16 : p4 >= 2200 && p4 <= 2204 && len >= 16; // Mastercard; Mir
            case 3:
                if (p2 == 34 || p2 == 37) {
                    return len == 15;
                }
                if (p4 >= 3528 && p4 <= 3589) {
                    return len >= 16;
                }
                return (p2 == 36 || p2 == 38 || p2 == 39 || (p3 >= 300 && p3 <= 305) || p3 == 309) && len >= 14;
            case 6:
                return len >= 13; // Discover, UnionPay, Maestro
            default:
                return false;
        }
    }

    private static boolean luhn(CharSequence s, int start, int end) {
        int sum = 0;
        boolean twice = false;
        for (int k = end - 1; k >= start; k--) {
            char c = s.charAt(k);
            if (!isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Only the digits of {@code s[start, end)}: equal cards hash equally however they were grouped. */
    static String digits(CharSequence s, int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            if (isDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A whole value that is a card number with its separators dropped, or the value itself. */
    static String normalizeIfCard(String v) {
        String t = v.strip();
        if (t.isEmpty() || !isDigit(t.charAt(0))) {
            return v;
        }
        return match(t, 0, t.length()) == t.length() ? digits(t, 0, t.length()) : v;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
