package dev.logline.server.collect.loki;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the label set of a Loki protobuf stream, written in Prometheus form: {@code {job="api", env="prod"}}. */
public final class LokiLabels {

    private LokiLabels() {
    }

    /**
     * Parses a label set; values use Go string escapes ({@code \" \\ \n \t}).
     *
     * @throws IllegalArgumentException naming the offset of the first character that does not fit
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        String s = text.trim();
        if (s.isEmpty() || s.equals("{}")) {
            return labels;
        }
        int i = 0;
        if (s.charAt(i) != '{') {
            throw bad(s, i, "'{'");
        }
        i = skipSpaces(s, i + 1);
        while (i < s.length() && s.charAt(i) != '}') {
            int nameStart = i;
            while (i < s.length() && isNameChar(s.charAt(i))) {
                i++;
            }
            if (i == nameStart) {
                throw bad(s, i, "a label name");
            }
            String name = s.substring(nameStart, i);
            i = skipSpaces(s, i);
            if (i >= s.length() || s.charAt(i) != '=') {
                throw bad(s, i, "'='");
            }
            i = skipSpaces(s, i + 1);
            if (i >= s.length() || s.charAt(i) != '"') {
                throw bad(s, i, "'\"'");
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) {
                    throw bad(s, i, "a closing '\"'");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && i < s.length()) {
                    char e = s.charAt(i++);
                    value.append(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
                } else {
                    value.append(c);
                }
            }
            labels.put(name, value.toString());
            i = skipSpaces(s, i);
            if (i < s.length() && s.charAt(i) == ',') {
                i = skipSpaces(s, i + 1);
            } else if (i >= s.length() || s.charAt(i) != '}') {
                throw bad(s, i, "',' or '}'");
            }
        }
        if (i >= s.length()) {
            throw bad(s, i, "'}'");
        }
        return labels;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c == '.' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static IllegalArgumentException bad(String s, int at, String expected) {
        return new IllegalArgumentException("stream labels " + s + ": expected " + expected + " at offset " + at);
    }
}
