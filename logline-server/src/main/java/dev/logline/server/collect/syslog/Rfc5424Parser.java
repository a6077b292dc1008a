package dev.logline.server.collect.syslog;

import dev.logline.core.LogEvent;
import dev.logline.core.Timestamps;

/**
 * Parses the part of an RFC 5424 message after its PRI:
 * {@code VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]}.
 *
 * <p>Hostname → host, app-name → service, procid and msgid → attributes, each SD-PARAM →
 * {@code sd.<SD-ID>.<PARAM-NAME>}, the message (without its BOM) → msg. The nil value {@code -} means absent.
 */
public final class Rfc5424Parser {

    private static final char BOM = '\uFEFF';

    private Rfc5424Parser() {
    }

    /** Whether the text after PRI starts like RFC 5424: a version number (1 to 3 digits) and a space. */
    static boolean looksLike5424(String line, int from) {
        int i = from;
        while (i < line.length() && i - from < 3 && Character.isDigit(line.charAt(i))) {
            i++;
        }
        return i > from && i < line.length() && line.charAt(i) == ' ' && line.charAt(from) != '0';
    }

    /**
     * Fills the builder from the message.
     *
     * @param from           the index after PRI
     * @param receivedMicros the time used when TIMESTAMP is nil
     * @throws IllegalArgumentException naming the part that is malformed
     */
    static void parse(String line, int from, long receivedMicros, LogEvent.Builder b) {
        Cursor c = new Cursor(line, from);
        String version = c.token("VERSION");
        if (!version.equals("1")) {
            b.attribute("syslog_version", version);
        }
        String ts = c.token("TIMESTAMP");
        b.tsMicros(ts.equals("-") ? receivedMicros : parseTimestamp(ts));
        String host = c.token("HOSTNAME");
        if (!host.equals("-")) {
            b.host(host);
        }
        String app = c.token("APP-NAME");
        if (!app.equals("-")) {
            b.service(app);
        }
        String procid = c.token("PROCID");
        if (!procid.equals("-")) {
            b.attribute("procid", procid);
        }
        String msgid = c.token("MSGID");
        if (!msgid.equals("-")) {
            b.attribute("msgid", msgid);
        }
        c.structuredData(b);
        if (c.at < line.length()) {
            if (line.charAt(c.at) != ' ') {
                throw new IllegalArgumentException("expected a space before MSG at offset " + c.at);
            }
            String msg = line.substring(c.at + 1);
            if (!msg.isEmpty() && msg.charAt(0) == BOM) {
                msg = msg.substring(1);
            }
            b.msg(msg);
        }
    }

    private static long parseTimestamp(String ts) {
        try {
            return Timestamps.parseMicros(ts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("TIMESTAMP '" + ts + "' is not RFC 3339");
        }
    }

    /** A read position in the line. */
    private static final class Cursor {
        private final String s;
        private int at;

        Cursor(String s, int at) {
            this.s = s;
            this.at = at;
        }

        /** A header field and the single space after it. */
        String token(String name) {
            int end = s.indexOf(' ', at);
            if (end < 0 || end == at) {
                throw new IllegalArgumentException("missing " + name + " at offset " + at);
            }
            String t = s.substring(at, end);
            at = end + 1;
            return t;
        }

        void structuredData(LogEvent.Builder b) {
            if (at >= s.length()) {
                throw new IllegalArgumentException("missing STRUCTURED-DATA at offset " + at);
            }
            if (s.charAt(at) == '-') {
                at++;
                return;
            }
            if (s.charAt(at) != '[') {
                throw new IllegalArgumentException("STRUCTURED-DATA must be '-' or start with '[' at offset " + at);
            }
            while (at < s.length() && s.charAt(at) == '[') {
                at++;
                String id = name("SD-ID");
                while (at < s.length() && s.charAt(at) == ' ') {
                    at++;
                    String param = name("PARAM-NAME");
                    expect('=');
                    expect('"');
                    StringBuilder value = new StringBuilder();
                    while (true) {
                        if (at >= s.length()) {
                            throw new IllegalArgumentException("unterminated PARAM-VALUE of " + id + "." + param);
                        }
                        char ch = s.charAt(at++);
                        if (ch == '"') {
                            break;
                        }
                        // Only \" \\ and \] are escapes; any other backslash is kept as is (RFC 5424 §6.3.3).
                        if (ch == '\\' && at < s.length() && (s.charAt(at) == '"' || s.charAt(at) == '\\' || s.charAt(at) == ']')) {
                            ch = s.charAt(at++);
                        }
                        value.append(ch);
                    }
                    b.attribute("sd." + id + "." + param, value.toString());
                }
                expect(']');
            }
        }

        private String name(String what) {
            int start = at;
            while (at < s.length() && s.charAt(at) > ' ' && s.charAt(at) != '=' && s.charAt(at) != ']'
                    && s.charAt(at) != '"' && at - start < 32) {
                at++;
            }
            if (at == start) {
                throw new IllegalArgumentException("missing " + what + " at offset " + at);
            }
            return s.substring(start, at);
        }

        private void expect(char ch) {
            if (at >= s.length() || s.charAt(at) != ch) {
                throw new IllegalArgumentException("expected '" + ch + "' in STRUCTURED-DATA at offset " + at);
            }
            at++;
        }
    }
}
