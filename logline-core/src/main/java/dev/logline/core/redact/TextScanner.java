package dev.logline.core.redact;

import java.util.List;
import java.util.regex.Matcher;

/**
 * Finds what a policy redacts in one text, in a single pass: built-in detectors are tried only where their shape can
 * start (a digit or one of a few letters at a word start, {@code @}, {@code =}, {@code :}, {@code -}), so a text
 * with none of those costs one table lookup per character and no allocation. Field rules also apply inside text,
 * to {@code name=value}, {@code name: value} and {@code "name":"value"} (URL query strings, headers, JSON or
 * key-value pairs inside a message). Configured regexes run after the built-ins. Thread-safe.
 */
final class TextScanner {

    private static final int WORD = 1;
    /** A detector may start here when the character starts a word. */
    private static final int START = 2;
    /** A detector is tried at this punctuation wherever it is. */
    private static final int PUNCT = 4;
    /** The shortest text a shape other than a name's value, an address or an e-mail can be found in. */
    private static final int MIN_SHAPE = 13;

    private final byte[] table = new byte[128];
    private final SpanRule card;
    private final SpanRule jwt;
    private final SpanRule credential;
    private final SpanRule cloudKey;
    private final SpanRule privateKey;
    private final SpanRule email;
    private final SpanRule iban;
    private final SpanRule ipv4;
    private final SpanRule ipv6;
    private final FieldRule[] fields;
    private final PatternRule[] patterns;
    /** The rules a packed hit names by index: the detectors, then the field rules (up to {@link #MAX_RULES}). */
    private final SpanRule[] rules;

    private static final int CARD_RULE = 0;
    private static final int JWT_RULE = 1;
    private static final int CREDENTIAL_RULE = 2;
    private static final int CLOUD_KEY_RULE = 3;
    private static final int PRIVATE_KEY_RULE = 4;
    private static final int EMAIL_RULE = 5;
    private static final int IBAN_RULE = 6;
    private static final int IPV4_RULE = 7;
    private static final int IPV6_RULE = 8;
    private static final int FIELD_RULES = 9;
    /** Rule indexes fit in 10 bits of a packed hit. */
    private static final int MAX_RULES = 1 << 10;
    /** Positions fit in 27 bits of a packed hit. */
    private static final int MAX_POSITION = (1 << 27) - 1;

    TextScanner(RedactionPolicy policy) {
        card = policy.detector(Detector.CARD);
        jwt = policy.detector(Detector.JWT);
        credential = policy.detector(Detector.CREDENTIAL);
        cloudKey = policy.detector(Detector.CLOUD_KEY);
        privateKey = policy.detector(Detector.PRIVATE_KEY);
        email = policy.detector(Detector.EMAIL);
        iban = policy.detector(Detector.IBAN);
        ipv4 = policy.detector(Detector.IPV4);
        ipv6 = policy.detector(Detector.IPV6);
        FieldRule[] all = policy.fields().toArray(new FieldRule[0]);
        // Past 1,015 field rules the rest still apply to fields, not inside text (no configuration comes near).
        fields = all.length <= MAX_RULES - FIELD_RULES ? all : java.util.Arrays.copyOf(all, MAX_RULES - FIELD_RULES);
        rules = new SpanRule[FIELD_RULES + fields.length];
        rules[CARD_RULE] = card;
        rules[JWT_RULE] = jwt;
        rules[CREDENTIAL_RULE] = credential;
        rules[CLOUD_KEY_RULE] = cloudKey;
        rules[PRIVATE_KEY_RULE] = privateKey;
        rules[EMAIL_RULE] = email;
        rules[IBAN_RULE] = iban;
        rules[IPV4_RULE] = ipv4;
        rules[IPV6_RULE] = ipv6;
        for (int k = 0; k < fields.length; k++) {
            rules[FIELD_RULES + k] = fields[k].span();
        }
        List<PatternRule> ps = policy.patterns();
        patterns = ps.toArray(new PatternRule[0]);
        for (char c = '0'; c <= '9'; c++) {
            table[c] = (byte) (WORD | (card != null || ipv4 != null || ipv6 != null ? START : 0));
        }
        for (char c = 'a'; c <= 'z'; c++) {
            table[c] = WORD;
            table[c - 32] = (byte) (WORD | (iban != null ? START : 0));
        }
        table['_'] = WORD;
        if (ipv6 != null) {
            for (char c : "abcdefABCDEF".toCharArray()) {
                table[c] |= START;
            }
        }
        if (jwt != null) {
            table['e'] |= START;
        }
        if (credential != null) {
            table['B'] |= START;
            table['b'] |= START;
        }
        if (cloudKey != null) {
            for (char c : TokenShapes.FIRST_CHARS.toCharArray()) {
                table[c] |= START;
            }
        }
        if (email != null) {
            table['@'] = PUNCT;
        }
        if (fields.length > 0) {
            table['='] = PUNCT;
        }
        if (fields.length > 0 || credential != null || ipv6 != null) {
            table[':'] = PUNCT;
        }
        if (privateKey != null) {
            table['-'] = PUNCT;
        }
    }

    /** The merged spans to redact in {@code s}, or {@code null} when there are none. */
    Spans scan(String s) {
        if (s.length() > MAX_POSITION) {
            // Text past 128 Mi characters (over every limit of the server and of JSON parsing) is not scanned.
            return scan(s.substring(0, MAX_POSITION));
        }
        // n is the String's own length, so the JIT drops the bounds check of every charAt below.
        final int n = s.length();
        if (n < MIN_SHAPE && shortTextIsClean(s)) {
            return null;
        }
        final byte[] t = table;
        Spans spans = null;
        boolean prevWord = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int f = c < 128 ? t[c] : Character.isLetterOrDigit(c) ? WORD : 0;
            // Most characters trigger nothing: plain punctuation, letters inside words, letters no shape starts with.
            if (f <= WORD) {
                prevWord = f == WORD;
                continue;
            }
            if (f == (WORD | START) && prevWord) {
                continue;
            }
            prevWord = (f & WORD) != 0;
            if (!plausible(s, i, n, c)) {
                continue;
            }
            long hit = trigger(s, i, n, c, f);
            if (hit >= 0) {
                int start = (int) (hit >>> 27) & MAX_POSITION;
                int end = (int) hit & MAX_POSITION;
                if (spans == null) {
                    spans = new Spans();
                }
                spans.add(start, end, rules[(int) (hit >>> 54)]);
                if (end > i + 1) {
                    i = end - 1;
                    prevWord = isWordChar(s.charAt(end - 1));
                }
            }
        }
        for (PatternRule p : patterns) {
            Matcher m = p.pattern().matcher(s);
            while (m.find()) {
                if (m.end() > m.start()) {
                    if (spans == null) {
                        spans = new Spans();
                    }
                    spans.add(m.start(), m.end(), p.span());
                }
            }
        }
        if (spans != null) {
            spans.merge();
        }
        return spans;
    }

    /**
     * Whether a text too short for any shape of secret (a card, a key, a token) holds nothing else to redact:
     * neither a {@code name=value} or {@code name: value} nor, when those detectors are on, an address or an
     * e-mail. Short values (ids, names, numbers) are most attribute values; the intrinsic searches make them cheap.
     */
    private boolean shortTextIsClean(String s) {
        return patterns.length == 0 && ipv4 == null && ipv6 == null
                && (fields.length == 0 && credential == null || s.indexOf(':') < 0 && s.indexOf('=') < 0)
                && (email == null || s.indexOf('@') < 0);
    }

    /**
     * A cheap first look at a trigger character, small enough to be inlined into the loop: most triggers in
     * ordinary text (a short number, a dash, a word too short to be a key) are ruled out here without a call.
     */
    private boolean plausible(String s, int i, int n, char c) {
        int left = n - i;
        if (c >= '0' && c <= '9') {
            // A card has 13 digits at least; addresses are only looked for when their detectors are on.
            return ipv4 != null || ipv6 != null
                    || left >= CardNumbers.MIN_DIGITS && CardNumbers.isDigit(s.charAt(i + 1));
        }
        if (c == '-') {
            return left > 16 && s.charAt(i + 1) == '-';
        }
        if (c == '=' || c == ':' || c == '@') {
            return true;
        }
        // Letters: the shortest shape starting with a letter ("xoxb-" and ten characters, an IBAN) has 14.
        return ipv6 != null || left >= 14;
    }

    /**
     * What starts at a trigger character: a span packed with its rule's index ({@link #hit}), or -1. Kept apart
     * from the loop so the loop stays small enough to run fast over the characters that trigger nothing.
     */
    private long trigger(String s, int i, int n, char c, int f) {
        if ((f & WORD) != 0) {
            long hit = -1;
            if (c >= '0' && c <= '9') {
                if (card != null && (hit = hit(CARD_RULE, i, CardNumbers.match(s, i, n))) >= 0) {
                    return hit;
                }
                if (ipv4 != null && (hit = hit(IPV4_RULE, i, ipv4(s, i, n))) >= 0) {
                    return hit;
                }
            } else if (jwt != null && c == 'e' && (hit = hit(JWT_RULE, i, jwt(s, i, n))) >= 0) {
                return hit;
            } else if (credential != null && (c == 'B' || c == 'b') && (hit = scheme(s, i, n)) >= 0) {
                return hit;
            } else if (cloudKey != null && (hit = hit(CLOUD_KEY_RULE, i, TokenShapes.match(s, i, n))) >= 0) {
                return hit;
            } else if (iban != null && c >= 'A' && c <= 'Z' && (hit = hit(IBAN_RULE, i, iban(s, i, n))) >= 0) {
                return hit;
            }
            return ipv6 != null && isHex(c) ? hit(IPV6_RULE, i, ipv6(s, i, n)) : -1;
        }
        switch (c) {
            case '@':
                return emailAt(s, i, n);
            case '-':
                return hit(PRIVATE_KEY_RULE, i, privateKey(s, i, n));
            case ':':
                if (credential != null && i + 2 < n && s.charAt(i + 1) == '/' && s.charAt(i + 2) == '/') {
                    long hit = userinfoPassword(s, i + 3, n);
                    if (hit >= 0) {
                        return hit;
                    }
                } else if (ipv6 != null && i + 1 < n && s.charAt(i + 1) == ':'
                        && (i == 0 || !isHex(s.charAt(i - 1)) && s.charAt(i - 1) != ':')) {
                    long hit = hit(IPV6_RULE, i, ipv6(s, i, n));
                    if (hit >= 0) {
                        return hit;
                    }
                }
                return fields.length > 0 ? keyed(s, i, n) : -1;
            default: // '='
                return keyed(s, i, n);
        }
    }

    /** A span with its rule's index in {@link #rules}: index in the top 10 bits, start and end in 27 each. */
    private static long hit(int rule, int start, int end) {
        return end < 0 ? -1 : (long) rule << 54 | (long) start << 27 | end;
    }

    /** The value after {@code name=} or {@code name:} when a field rule matches the name. */
    private long keyed(String s, int sep, int n) {
        int rule = keyBefore(s, sep);
        if (rule < 0) {
            return -1;
        }
        long v = valueAfter(s, sep, n);
        return v < 0 ? -1 : hit(FIELD_RULES + rule, (int) (v >>> 32), (int) v);
    }

    private static long pack(int start, int end) {
        return end < 0 ? -1 : ((long) start << 32) | end;
    }

    static boolean isWordChar(char c) {
        return c < 128 ? (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
                : Character.isLetterOrDigit(c);
    }

    private static boolean isAlnum(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    // ------------------------------------------------------------------ detectors

    /** A JSON Web Token: three base64url segments, the first two JSON objects ({@code eyJ…}). */
    private static int jwt(String s, int i, int n) {
        if (!s.startsWith("eyJ", i)) {
            return -1;
        }
        int j = base64url(s, i, n);
        if (j - i < 10 || j >= n || s.charAt(j) != '.' || !s.startsWith("eyJ", j + 1)) {
            return -1;
        }
        int k = base64url(s, j + 1, n);
        if (k - j - 1 < 10 || k >= n || s.charAt(k) != '.') {
            return -1;
        }
        int end = base64url(s, k + 1, n);
        return end < n && isWordChar(s.charAt(end)) ? -1 : end;
    }

    private static int base64url(String s, int from, int n) {
        int j = from;
        while (j < n && (isAlnum(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '-')) {
            j++;
        }
        return j;
    }

    /** The credential after {@code Bearer} or {@code Basic} (the scheme word is kept). */
    private static long scheme(String s, int i, int n) {
        int k;
        if (s.regionMatches(true, i, "bearer", 0, 6)) {
            k = i + 6;
        } else if (s.regionMatches(true, i, "basic", 0, 5)) {
            k = i + 5;
        } else {
            return -1;
        }
        int ts = k;
        while (ts < n && s.charAt(ts) == ' ') {
            ts++;
        }
        if (ts == k) {
            return -1;
        }
        int te = ts;
        while (te < n && isTokenChar(s.charAt(te))) {
            te++;
        }
        return te - ts >= 8 ? hit(CREDENTIAL_RULE, ts, te) : -1;
    }

    private static boolean isTokenChar(char c) {
        return isAlnum(c) || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=' || c == '-';
    }

    /** The password of {@code scheme://user:password@host}, from just after {@code //}. */
    private static long userinfoPassword(String s, int from, int n) {
        int e = from;
        while (e < n) {
            char c = s.charAt(e);
            if (c == '/' || c == '?' || c == '#' || c == '"' || c == '\'' || c == '<' || c == '>'
                    || Character.isWhitespace(c)) {
                break;
            }
            e++;
        }
        int at = s.lastIndexOf('@', e - 1);
        if (at <= from) {
            return -1;
        }
        int colon = s.indexOf(':', from);
        return colon >= 0 && colon + 1 < at ? hit(CREDENTIAL_RULE, colon + 1, at) : -1;
    }

    /** A PEM private key block, to its END line (or to the end of the text when cut short). */
    private static int privateKey(String s, int i, int n) {
        if (!s.startsWith("-----BEGIN ", i)) {
            return -1;
        }
        int lineEnd = Math.min(n, i + 80);
        int marker = s.indexOf("PRIVATE KEY-----", i);
        if (marker < 0 || marker > lineEnd) {
            return -1;
        }
        int endLine = s.indexOf("-----END ", marker);
        if (endLine < 0) {
            return n;
        }
        int close = s.indexOf("-----", endLine + 9);
        return close < 0 ? n : close + 5;
    }

    /** An e-mail address around the {@code @} at {@code at}. */
    private static long emailAt(String s, int at, int n) {
        int k = at - 1;
        while (k >= 0 && isLocalChar(s.charAt(k))) {
            k--;
        }
        int ls = k + 1;
        if (ls == at || s.charAt(ls) == '.' || at + 1 >= n || !isAlnum(s.charAt(at + 1))) {
            return -1;
        }
        int j = at + 1;
        int lastDot = -1;
        while (j < n) {
            char c = s.charAt(j);
            if (isAlnum(c) || c == '-') {
                j++;
            } else if (c == '.' && j + 1 < n && isAlnum(s.charAt(j + 1))) {
                lastDot = j++;
            } else {
                break;
            }
        }
        if (lastDot < 0 || j - lastDot - 1 < 2) {
            return -1;
        }
        for (int t = lastDot + 1; t < j; t++) {
            char c = s.charAt(t);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                return -1;
            }
        }
        return hit(EMAIL_RULE, ls, j);
    }

    private static boolean isLocalChar(char c) {
        return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    /** An IBAN: country letters, check digits, up to 30 letters and digits (grouped by 4 or not), mod-97 valid. */
    private static int iban(String s, int i, int n) {
        if (i + 4 > n || !isUpper(s.charAt(i + 1)) || !CardNumbers.isDigit(s.charAt(i + 2))
                || !CardNumbers.isDigit(s.charAt(i + 3))) {
            return -1;
        }
        int count = 0;
        int j = i;
        int end = i;
        while (j < n) {
            char c = s.charAt(j);
            if (CardNumbers.isDigit(c) || isUpper(c)) {
                if (++count > 34) {
                    return -1;
                }
                j++;
                end = j;
            } else if (c == ' ' && count % 4 == 0 && j + 1 < n && (isUpper(s.charAt(j + 1))
                    || CardNumbers.isDigit(s.charAt(j + 1)))) {
                j++;
            } else {
                break;
            }
        }
        if (count < 15 || (end < n && isWordChar(s.charAt(end)))) {
            return -1;
        }
        // Rearranged (first four characters last), letters as 10..35, the number mod 97 is 1.
        int mod = 0;
        for (int pass = 0; pass < 2; pass++) {
            int from = pass == 0 ? i + 4 : i;
            int to = pass == 0 ? end : i + 4;
            for (int k = from; k < to; k++) {
                char c = s.charAt(k);
                if (c == ' ') {
                    continue;
                }
                mod = CardNumbers.isDigit(c) ? (mod * 10 + (c - '0')) % 97 : (mod * 100 + (c - 'A' + 10)) % 97;
            }
        }
        return mod == 1 ? end : -1;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** A dotted-quad IPv4 address, not part of a longer dotted number (a version such as 1.2.3.4.5). */
    private static int ipv4(String s, int i, int n) {
        if (i > 0 && s.charAt(i - 1) == '.') {
            return -1;
        }
        int j = i;
        for (int octet = 0; octet < 4; octet++) {
            int v = 0;
            int d = 0;
            while (j < n && d < 3 && CardNumbers.isDigit(s.charAt(j))) {
                v = v * 10 + (s.charAt(j++) - '0');
                d++;
            }
            if (d == 0 || v > 255) {
                return -1;
            }
            if (octet < 3) {
                if (j >= n || s.charAt(j) != '.') {
                    return -1;
                }
                j++;
            }
        }
        if (j < n && (isWordChar(s.charAt(j)) || s.charAt(j) == '.' && j + 1 < n && CardNumbers.isDigit(s.charAt(j + 1)))) {
            return -1;
        }
        return j;
    }

    /** An IPv6 address: eight groups of 1-4 hex digits, or fewer with one {@code ::}; a dotted IPv4 tail allowed. */
    private static int ipv6(String s, int i, int n) {
        int j = i;
        while (j < n && (isHex(s.charAt(j)) || s.charAt(j) == ':' || s.charAt(j) == '.')) {
            j++;
        }
        while (j > i && (s.charAt(j - 1) == '.' || s.charAt(j - 1) == ':' && !(j - 2 >= i && s.charAt(j - 2) == ':'))) {
            j--;
        }
        if (j < n && isWordChar(s.charAt(j))) {
            return -1;
        }
        String t = s.substring(i, j);
        int dbl = t.indexOf("::");
        if (dbl >= 0 && t.indexOf("::", dbl + 1) >= 0) {
            return -1;
        }
        int groups = 0;
        int colons = 0;
        for (String g : t.split(":", -1)) {
            if (g.isEmpty()) {
                continue;
            }
            if (g.indexOf('.') >= 0) {
                if (ipv4(g, 0, g.length()) != g.length() || !t.endsWith(g)) {
                    return -1;
                }
                groups += 2;
            } else if (g.length() > 4) {
                return -1;
            } else {
                groups++;
            }
        }
        for (int k = 0; k < t.length(); k++) {
            if (t.charAt(k) == ':') {
                colons++;
            }
        }
        boolean ok = dbl >= 0 ? groups <= 7 && colons >= 2 : groups == 8 && colons == 7;
        return ok ? j : -1;
    }

    // ------------------------------------------------------------------ field names inside text

    /**
     * The index of the field rule matching the name just before {@code sep} ({@code name=}, {@code name:}, {@code "name":},
     * {@code name = }), or -1.
     */
    private int keyBefore(String s, int sep) {
        int j = sep - 1;
        while (j >= 0 && s.charAt(j) == ' ') {
            j--;
        }
        if (j >= 0 && (s.charAt(j) == '"' || s.charAt(j) == '\'')) {
            j--;
        }
        int keyEnd = j + 1;
        boolean letter = false;
        while (j >= 0 && isKeyChar(s.charAt(j))) {
            char c = s.charAt(j);
            letter |= c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            j--;
        }
        int keyStart = j + 1;
        int len = keyEnd - keyStart;
        if (len < 2 || len > 128 || !letter) {
            return -1;
        }
        for (int k = 0; k < fields.length; k++) {
            if (fields[k].pattern().matchesText(s, keyStart, keyEnd)) {
                return k;
            }
        }
        return -1;
    }

    private static boolean isKeyChar(char c) {
        return isAlnum(c) || c == '_' || c == '-' || c == '.';
    }

    /**
     * The value after a name's separator: a quoted string's contents, or the text up to a delimiter (whitespace,
     * {@code & , ; } ] ) < >} or a quote); an authentication scheme ({@code Bearer x}) takes the credential with it.
     * Objects and arrays are left to the rules of their own fields.
     */
    private static long valueAfter(String s, int sep, int n) {
        int v = sep + 1;
        while (v < n && s.charAt(v) == ' ') {
            v++;
        }
        if (v >= n) {
            return -1;
        }
        char q = s.charAt(v);
        if (q == '{' || q == '[') {
            return -1;
        }
        int vs;
        int ve;
        if (q == '"' || q == '\'') {
            vs = v + 1;
            ve = vs;
            while (ve < n && s.charAt(ve) != q) {
                ve += s.charAt(ve) == '\\' ? 2 : 1;
            }
            ve = Math.min(ve, n);
        } else {
            vs = v;
            ve = plainValueEnd(s, vs, n);
            if (ve < n && s.charAt(ve) == ' ' && isAuthScheme(s, vs, ve)) {
                ve = plainValueEnd(s, ve + 1, n);
            }
        }
        return ve > vs ? pack(vs, ve) : -1;
    }

    private static int plainValueEnd(String s, int from, int n) {
        int e = from;
        while (e < n) {
            char c = s.charAt(e);
            if (Character.isWhitespace(c) || c == '&' || c == ',' || c == ';' || c == '"' || c == '\'' || c == '}'
                    || c == ']' || c == ')' || c == '<' || c == '>') {
                break;
            }
            e++;
        }
        return e;
    }

    private static boolean isAuthScheme(String s, int from, int to) {
        int len = to - from;
        for (String scheme : new String[] {"Bearer", "Basic", "Token", "Digest", "Negotiate", "ApiKey"}) {
            if (scheme.length() == len && s.regionMatches(true, from, scheme, 0, len)) {
                return true;
            }
        }
        return false;
    }
}
