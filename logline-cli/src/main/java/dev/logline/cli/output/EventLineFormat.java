package dev.logline.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.cli.client.ReturnedEvent;

import java.util.Iterator;
import java.util.Map;

/**
 * One event as one readable line, like a classic log file: time, level, service, message, then the other
 * fields as {@code key=value} (values quoted when they hold spaces; objects as JSON).
 */
public final class EventLineFormat {

    private final int serviceWidth;

    public EventLineFormat(int serviceWidth) {
        this.serviceWidth = serviceWidth;
    }

    /** The line, with control characters shown as escapes ({@link TerminalText}). */
    public String format(ReturnedEvent e) {
        StringBuilder line = new StringBuilder(160);
        line.append(orDash(e.text("ts"))).append(' ');
        line.append(pad(orDash(e.text("level")), 5)).append(' ');
        line.append(pad(orDash(e.text("service")), serviceWidth)).append(' ');
        String msg = e.text("msg");
        line.append(msg == null ? "" : msg.replace('\n', ' '));
        for (Iterator<Map.Entry<String, JsonNode>> it = e.extraFields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            line.append("  ").append(f.getKey()).append('=').append(value(f.getValue()));
        }
        return TerminalText.safe(line.toString());
    }

    /** A field value as it reads after {@code key=}: bare when unambiguous, JSON otherwise. */
    public static String value(JsonNode v) {
        if (v.isTextual()) {
            String s = v.asText();
            return s.isEmpty() || s.chars().anyMatch(c -> Character.isWhitespace(c) || c == '"') ? v.toString() : s;
        }
        return v.toString();
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
