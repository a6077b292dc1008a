package dev.logline.store.opensearch;

/**
 * Rewrites a Java regular expression (what LQL's {@code /regex/} means, whole-value match) into Lucene's regexp
 * syntax for OpenSearch's {@code regexp} query, for the common subset whose meaning is the same in both: literals,
 * {@code .} (as Java reads it, no line terminators), classes with ranges and negation, {@code \d \w \s} and their
 * negations, groups, alternation and greedy quantifiers. Anything else (anchors, lookaround, back-references,
 * flags, lazy or possessive quantifiers, class intersections, {@code \p{..}}) gives {@code null}: the caller then
 * checks candidates in Java instead of trusting the index.
 */
final class LuceneRegexp {

    private static final String JAVA_DOT = "[^\\\n\\\r\\\u0085\\\u2028\\\u2029]";
    private static final String SPACE_CHARS = " \t\n\u000B\f\r";

    private final String in;
    private int pos;
    private final StringBuilder out = new StringBuilder();

    private LuceneRegexp(String in) {
        this.in = in;
    }

    /** The Lucene form of a Java regex, or {@code null} when it is outside the subset both read alike. */
    static String fromJava(String regex) {
        LuceneRegexp r = new LuceneRegexp(regex);
        try {
            r.alternation();
            if (r.pos != regex.length()) {
                return null;
            }
            return r.out.toString();
        } catch (Unsupported e) {
            return null;
        }
    }

    private static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private void alternation() {
        sequence();
        while (pos < in.length() && in.charAt(pos) == '|') {
            pos++;
            out.append('|');
            sequence();
        }
    }

    private void sequence() {
        int atoms = 0;
        while (pos < in.length() && in.charAt(pos) != '|' && in.charAt(pos) != ')') {
            atom();
            quantifier();
            atoms++;
        }
        if (atoms == 0) {
            throw new Unsupported(); // empty branch: Lucene's parser refuses it
        }
    }

    private void atom() {
        int c = in.codePointAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                if (in.startsWith("?:", pos)) {
                    pos += 2;
                } else if (pos < in.length() && in.charAt(pos) == '?') {
                    throw new Unsupported();
                }
                out.append('(');
                alternation();
                if (pos >= in.length() || in.charAt(pos) != ')') {
                    throw new Unsupported();
                }
                pos++;
                out.append(')');
            }
            case '[' -> characterClass();
            case '.' -> {
                pos++;
                out.append(JAVA_DOT);
            }
            case '\\' -> escape();
            case '^', '$', ']', '}', '{', '*', '+', '?' -> throw new Unsupported();
            default -> {
                pos += Character.charCount(c);
                literal(c);
            }
        }
    }

    private void escape() {
        if (pos + 1 >= in.length()) {
            throw new Unsupported();
        }
        char e = in.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case 'd' -> out.append("[0-9]");
            case 'D' -> out.append("[^0-9]");
            case 'w' -> out.append("[a-zA-Z_0-9]");
            case 'W' -> out.append("[^a-zA-Z_0-9]");
            case 's' -> out.append('[').append(escapedSpaceChars()).append(']');
            case 'S' -> out.append("[^").append(escapedSpaceChars()).append(']');
            default -> literal(escapedChar(e));
        }
    }

    /** A Java escape standing for one character ({@code \.}, {@code \t}, {@code \u00e9}); others are unsupported. */
    private int escapedChar(char e) {
        switch (e) {
            case 't': return '\t';
            case 'n': return '\n';
            case 'r': return '\r';
            case 'f': return '\f';
            case 'u': {
                if (pos + 4 > in.length()) {
                    throw new Unsupported();
                }
                try {
                    int c = Integer.parseInt(in.substring(pos, pos + 4), 16);
                    pos += 4;
                    return c;
                } catch (NumberFormatException notHex) {
                    throw new Unsupported();
                }
            }
            default:
                if (Character.isLetterOrDigit(e)) {
                    throw new Unsupported(); // \b, \p, \Q, \1 …: meanings Lucene does not share
                }
                return e;
        }
    }

    private static String escapedSpaceChars() {
        StringBuilder s = new StringBuilder();
        for (char c : SPACE_CHARS.toCharArray()) {
            s.append('\\').append(c);
        }
        return s.toString();
    }

    private void characterClass() {
        pos++; // [
        out.append('[');
        if (pos < in.length() && in.charAt(pos) == '^') {
            pos++;
            out.append('^');
        }
        int items = 0;
        while (true) {
            if (pos >= in.length()) {
                throw new Unsupported();
            }
            char c = in.charAt(pos);
            if (c == ']') {
                if (items == 0) {
                    throw new Unsupported();
                }
                pos++;
                out.append(']');
                return;
            }
            if (c == '[' || in.startsWith("&&", pos)) {
                throw new Unsupported();
            }
            if (c == '\\' && pos + 1 < in.length() && "dws".indexOf(in.charAt(pos + 1)) >= 0) {
                char e = in.charAt(pos + 1);
                pos += 2;
                out.append(e == 'd' ? "0-9" : e == 'w' ? "a-zA-Z_0-9" : escapedSpaceChars());
                items++;
                continue;
            }
            int from = classChar();
            if (pos + 1 < in.length() && in.charAt(pos) == '-' && in.charAt(pos + 1) != ']') {
                pos++;
                int to = classChar();
                if (to < from) {
                    throw new Unsupported();
                }
                classLiteral(from);
                out.append('-');
                classLiteral(to);
            } else {
                classLiteral(from);
            }
            items++;
        }
    }

    private int classChar() {
        int c = in.codePointAt(pos);
        if (c == '\\') {
            if (pos + 1 >= in.length()) {
                throw new Unsupported();
            }
            char e = in.charAt(pos + 1);
            pos += 2;
            return escapedChar(e);
        }
        if (c == '[' || c == ']') {
            throw new Unsupported();
        }
        pos += Character.charCount(c);
        return c;
    }

    private void classLiteral(int c) {
        if (!Character.isLetterOrDigit(c)) {
            out.append('\\');
        }
        out.appendCodePoint(c);
    }

    private void literal(int c) {
        if (!Character.isLetterOrDigit(c)) {
            out.append('\\');
        }
        out.appendCodePoint(c);
    }

    private void quantifier() {
        if (pos >= in.length()) {
            return;
        }
        char c = in.charAt(pos);
        if (c == '*' || c == '+' || c == '?') {
            pos++;
            out.append(c);
        } else if (c == '{') {
            int close = in.indexOf('}', pos);
            if (close < 0) {
                throw new Unsupported();
            }
            String body = in.substring(pos + 1, close);
            if (!body.matches("\\d{1,4}(,\\d{0,4})?")) {
                throw new Unsupported();
            }
            out.append('{').append(body).append('}');
            pos = close + 1;
        } else {
            return;
        }
        if (pos < in.length() && (in.charAt(pos) == '?' || in.charAt(pos) == '+'
                || in.charAt(pos) == '*' || in.charAt(pos) == '{')) {
            throw new Unsupported(); // lazy, possessive or stacked quantifiers
        }
    }
}
