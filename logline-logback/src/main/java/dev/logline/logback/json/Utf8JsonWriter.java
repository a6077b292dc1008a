package dev.logline.logback.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes JSON (or plain text) straight into a growable UTF-8 byte buffer, without allocating per value.
 *
 * <p>Not thread-safe: one writer serves one encode call at a time (see {@link EncodeStatePool}). Structure is
 * the caller's job: the writer only knows values, escaping and separators.
 */
public final class Utf8JsonWriter {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    /** ASCII characters JSON strings must escape: controls, quote and backslash. */
    private static final boolean[] NEEDS_ESCAPE = new boolean[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            NEEDS_ESCAPE[c] = true;
        }
        NEEDS_ESCAPE['"'] = true;
        NEEDS_ESCAPE['\\'] = true;
    }

    private byte[] buf;
    private int pos;
    private char[] chars = new char[256];

    public Utf8JsonWriter(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    /** Forgets what was written, keeping the buffer. */
    public void reset() {
        pos = 0;
    }

    public int size() {
        return pos;
    }

    public int capacity() {
        return buf.length;
    }

    /** The internal buffer; valid bytes are {@code [0, size())}. */
    public byte[] buffer() {
        return buf;
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }

    /** Copies bytes as they are (already valid JSON or text). */
    public void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    public void raw(char asciiChar) {
        ensure(1);
        buf[pos++] = (byte) asciiChar;
    }

    /** Writes text unescaped (for the human-readable console), encoding it as UTF-8. */
    public void text(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[pos++] = (byte) c;
            } else {
                i = utf8(s, i, c, false);
            }
        }
    }

    /** Writes a quoted, escaped JSON string. */
    public void string(CharSequence s) {
        raw('"');
        stringPart(s);
        raw('"');
    }

    /** Writes a quoted JSON string of ASCII characters that need no escaping (timestamps, hex ids). */
    public void asciiString(char[] chars, int from, int length) {
        ensure(length + 2);
        buf[pos++] = '"';
        for (int i = from; i < from + length; i++) {
            buf[pos++] = (byte) chars[i];
        }
        buf[pos++] = '"';
    }

    /** Writes ASCII characters as they are. */
    public void ascii(char[] chars, int from, int length) {
        ensure(length);
        for (int i = from; i < from + length; i++) {
            buf[pos++] = (byte) chars[i];
        }
    }

    /**
     * Starts a member or an element: a comma unless the enclosing object or array is still empty.
     * Works because every value written before ends in a quote, digit, letter, brace or bracket.
     */
    public void separator() {
        if (pos > 0) {
            byte last = buf[pos - 1];
            if (last != '{' && last != '[') {
                raw(',');
            }
        }
    }

    /** Writes a separator and a pre-encoded {@code "name":}. */
    public void key(byte[] encodedNameAndColon) {
        separator();
        raw(encodedNameAndColon);
    }

    /** Writes a separator and {@code "name":}, escaping the name. */
    public void key(CharSequence name) {
        separator();
        string(name);
        raw(':');
    }

    /** {@code "name":} as bytes, computed once per setting. */
    public static byte[] encodeKey(String name) {
        Utf8JsonWriter w = new Utf8JsonWriter(name.length() + 8);
        w.string(name);
        w.raw(':');
        return w.toByteArray();
    }

    /** Writes the escaped content of a string whose quotes the caller writes, so long texts can be streamed in parts. */
    public void stringPart(CharSequence s) {
        if (s == null) {
            stringPart("null");
            return;
        }
        if (s instanceof String) {
            stringPart((String) s);
            return;
        }
        escapeFrom(s, 0);
    }

    private void stringPart(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int p = pos;
        if (n < 24) {
            // Short texts (names, frame parts) are cheaper char by char than with a bulk copy first.
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80 && !NEEDS_ESCAPE[c]) {
                    b[p++] = (byte) c;
                } else {
                    pos = p;
                    escapeFrom(s, i);
                    return;
                }
            }
            pos = p;
            return;
        }
        // Copy the chars out once (an intrinsic), then run a tight loop over the array: much faster than charAt.
        char[] cs = chars;
        if (cs.length < n) {
            cs = chars = new char[Math.max(n, cs.length * 2)];
        }
        s.getChars(0, n, cs, 0);
        for (int i = 0; i < n; i++) {
            char c = cs[i];
            if (c < 0x80 && !NEEDS_ESCAPE[c]) {
                b[p++] = (byte) c;
            } else {
                // a multi-line message escapes a char now and then: go on with the fast loop afterwards
                pos = p;
                i = escapedChar(s, i, c);
                ensure(n - i);
                b = buf;
                p = pos;
            }
        }
        pos = p;
    }

    private void escapeFrom(CharSequence s, int from) {
        int n = s.length();
        ensure(n - from);
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80 && !NEEDS_ESCAPE[c]) {
                ensure(1);
                buf[pos++] = (byte) c;
            } else {
                i = escapedChar(s, i, c);
            }
        }
    }

    /** Writes a decimal number inside a string being streamed with {@link #stringPart}. */
    public void stringPart(long v) {
        number(v);
    }

    private int escapedChar(CharSequence s, int i, char c) {
        ensure(12);
        switch (c) {
            case '"': buf[pos++] = '\\'; buf[pos++] = '"'; return i;
            case '\\': buf[pos++] = '\\'; buf[pos++] = '\\'; return i;
            case '\n': buf[pos++] = '\\'; buf[pos++] = 'n'; return i;
            case '\r': buf[pos++] = '\\'; buf[pos++] = 'r'; return i;
            case '\t': buf[pos++] = '\\'; buf[pos++] = 't'; return i;
            case '\b': buf[pos++] = '\\'; buf[pos++] = 'b'; return i;
            case '\f': buf[pos++] = '\\'; buf[pos++] = 'f'; return i;
            default:
                if (c < 0x20) {
                    unicodeEscape(c);
                    return i;
                }
                return utf8(s, i, c, true);
        }
    }

    private void unicodeEscape(char c) {
        buf[pos++] = '\\';
        buf[pos++] = 'u';
        buf[pos++] = HEX[(c >> 12) & 0xF];
        buf[pos++] = HEX[(c >> 8) & 0xF];
        buf[pos++] = HEX[(c >> 4) & 0xF];
        buf[pos++] = HEX[c & 0xF];
    }

    /** Encodes one non-ASCII char (or surrogate pair) and returns the index of the last char consumed. */
    private int utf8(CharSequence s, int i, char c, boolean json) {
        ensure(6);
        if (c < 0x800) {
            buf[pos++] = (byte) (0xC0 | (c >> 6));
            buf[pos++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                buf[pos++] = (byte) (0xF0 | (cp >> 18));
                buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[pos++] = (byte) (0x80 | (cp & 0x3F));
                return i + 1;
            }
            // A lone surrogate has no UTF-8 form: JSON can still carry it as an escape; plain text gets '?'.
            if (json) {
                unicodeEscape(c);
            } else {
                buf[pos++] = '?';
            }
            return i;
        }
        buf[pos++] = (byte) (0xE0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (c & 0x3F));
        return i;
    }

    public void number(long v) {
        if (v == Long.MIN_VALUE) {
            raw(LONG_MIN);
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        pos = end;
    }

    /** Writes a double; NaN and infinities, which JSON cannot hold, become strings. */
    public void number(double v) {
        if (Double.isFinite(v)) {
            if (v == (long) v && Math.abs(v) < 1e15) {
                number((long) v);
                raw('.');
                raw('0');
            } else {
                text(Double.toString(v));
            }
        } else {
            string(Double.toString(v));
        }
    }

    public void number(BigInteger v) {
        text(v.toString());
    }

    public void number(BigDecimal v) {
        text(v.toString());
    }

    public void bool(boolean v) {
        raw(v ? TRUE : FALSE);
    }

    public void nullValue() {
        raw(NULL);
    }

    /** Replaces the last byte written when it is {@code expected} (used to drop a trailing comma). */
    public boolean dropLast(char expected) {
        if (pos > 0 && buf[pos - 1] == expected) {
            pos--;
            return true;
        }
        return false;
    }

    /** Writes {@code v} as a quoted string of 8 lower-case hex digits. */
    public void hexString(int v) {
        ensure(10);
        buf[pos++] = '"';
        for (int shift = 28; shift >= 0; shift -= 4) {
            buf[pos++] = HEX[(v >>> shift) & 0xF];
        }
        buf[pos++] = '"';
    }
}
