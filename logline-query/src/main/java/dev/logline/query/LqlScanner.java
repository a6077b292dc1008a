package dev.logline.query;

/**
 * The character cursor the LQL parsers share: position, whitespace, names, quoted strings and errors that
 * carry their column. LQL is context-sensitive (a {@code /} starts a regex only after {@code field:}), so the
 * parsers read characters directly instead of a pre-built token stream.
 */
final class LqlScanner {

    /** Longest query text accepted; bounds parser work on hostile input. */
    static final int MAX_QUERY_LENGTH = 64 * 1024;

    /** Deepest nesting of parentheses and NOTs; bounds recursion so deep input cannot overflow the stack. */
    static final int MAX_DEPTH = 100;

    /**
     * Most terms (words, phrases, field conditions) in one query, filter and {@code where} pipes together. An
     * index turns each into up to three clauses (a NOT adds one) and caps a query's clauses (Lucene: 1024), so
     * this keeps every accepted query runnable; it also bounds the matcher's work per event.
     */
    static final int MAX_TERMS = 300;

    final String text;
    int pos;
    private int depth;
    private int terms;

    LqlScanner(String text) {
        if (text == null) {
            throw new LqlSyntaxException(1, "the query is missing; use * to match every event");
        }
        if (text.length() > MAX_QUERY_LENGTH) {
            throw new LqlSyntaxException(MAX_QUERY_LENGTH + 1,
                    "the query is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        this.text = text;
    }

    boolean eof() {
        return pos >= text.length();
    }

    char peek() {
        return text.charAt(pos);
    }

    boolean peekIs(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    LqlSyntaxException error(int at, String hint) {
        return new LqlSyntaxException(at + 1, hint);
    }

    void enter(int at) {
        if (++depth > MAX_DEPTH) {
            throw error(at, "the query nests parentheses or NOTs deeper than " + MAX_DEPTH + " levels");
        }
    }

    /** Counts {@code n} more terms, the first at {@code at}. */
    void countTerms(int at, int n) {
        terms += n;
        if (terms > MAX_TERMS) {
            throw error(at, "the query has more than " + MAX_TERMS + " terms (words, phrases, field conditions); "
                    + "use fewer, e.g. a prefix such as order_id:ORD12* or a regex instead of a long OR");
        }
    }

    void leave() {
        depth--;
    }

    /** Ends a bare word or value: whitespace and the characters with a meaning of their own. */
    static boolean isDelimiter(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || c == '|' || c == '"';
    }

    boolean atDelimiterOrEnd(int at) {
        return at >= text.length() || isDelimiter(text.charAt(at));
    }

    /** Characters of an unquoted field name: letters, digits, {@code _ . @ -}. */
    static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '@' || c == '-';
    }

    /** The end of a run of name characters starting at {@code from}. */
    int nameEnd(int from) {
        int i = from;
        while (i < text.length() && isNameChar(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * The end of a function-style column name such as {@code avg(latency_ms)} or {@code count()} whose name part
     * ends at {@code nameEnd}, or {@code -1} when the text there is not one. Columns made by stats carry such names.
     */
    int callEnd(int nameEnd) {
        if (nameEnd >= text.length() || text.charAt(nameEnd) != '(') {
            return -1;
        }
        int i = nameEnd(nameEnd + 1);
        return i < text.length() && text.charAt(i) == ')' ? i + 1 : -1;
    }

    /** True when the text at the cursor is this keyword (case-sensitive) followed by a delimiter or the end. */
    boolean atKeyword(String keyword) {
        return text.startsWith(keyword, pos) && atDelimiterOrEnd(pos + keyword.length());
    }

    /** True when the text at the cursor is this word in any case, followed by whitespace, the end or one of {@code stops}. */
    boolean atWordIgnoreCase(String word, String stops) {
        int end = pos + word.length();
        if (!text.regionMatches(true, pos, word, 0, word.length())) {
            return false;
        }
        return end >= text.length() || Character.isWhitespace(text.charAt(end)) || stops.indexOf(text.charAt(end)) >= 0;
    }

    /**
     * Reads a field or column name: a run of name characters (optionally a function-style column name such as
     * {@code count()}), or a backquoted name for anything else.
     */
    String readName(String what) {
        int start = pos;
        if (peekIs('`')) {
            return readBackquoted();
        }
        int end = nameEnd(pos);
        if (end == pos) {
            throw error(pos, "expected " + what + (eof() ? " at the end of the query" : " but found '" + snippet(pos) + "'"));
        }
        int call = callEnd(end);
        pos = call > 0 ? call : end;
        return columnName(text.substring(start, pos));
    }

    /** An unquoted column reference: {@code count()} names the column {@code count}, as stats calls it. */
    static String columnName(String written) {
        return "count()".equals(written) ? "count" : written;
    }

    /** Reads {@code `name`} with backslash escapes; the cursor is on the opening backquote. */
    String readBackquoted() {
        int open = pos;
        String name = readEscaped('`', "unterminated backquoted name opened at column " + (open + 1) + "; close it with `");
        if (name.isEmpty()) {
            throw error(open, "a backquoted field name cannot be empty");
        }
        return name;
    }

    /** Reads {@code "text"} with {@code \"} and {@code \\} escapes; the cursor is on the opening quote. */
    String readQuoted() {
        int open = pos;
        return readEscaped('"', "unterminated quoted string opened at column " + (open + 1) + "; close it with \"");
    }

    /** Reads up to the unescaped {@code close}, a backslash taking the next char as it is; the cursor is on the opener. */
    private String readEscaped(char close, String unterminated) {
        int open = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                sb.append(text.charAt(pos++));
            } else if (c == close) {
                return sb.toString();
            } else {
                sb.append(c);
            }
        }
        throw error(open, unterminated);
    }

    /** A short piece of the text at {@code at}, for error hints. */
    String snippet(int at) {
        if (at >= text.length()) {
            return "";
        }
        int end = at;
        while (end < text.length() && end - at < 20 && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return end == at ? text.substring(at, at + 1) : text.substring(at, end);
    }
}
