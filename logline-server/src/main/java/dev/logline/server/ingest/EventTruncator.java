package dev.logline.server.ingest;

import dev.logline.core.ErrorInfo;
import dev.logline.core.LogEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Cuts an oversized event's longest text (the message, the error's stack and message, string attributes at the top
 * level) until it fits the event-size limit, and marks it with {@value #ATTRIBUTE}{@code : true}.
 *
 * <p>It works from the size the event had on the wire: removing {@code n} UTF-8 bytes of text removes at least
 * {@code n} bytes of its JSON (escapes only add) or protobuf, so the event is never re-serialised to be measured.
 */
public final class EventTruncator {

    /** The attribute an event cut to fit carries. */
    public static final String ATTRIBUTE = "_truncated";

    /** Room for the marker attribute itself, {@code ,"_truncated":true}. */
    private static final int MARKER_BYTES = 20;

    private EventTruncator() {
    }

    /**
     * The event cut to at most {@code maxBytes}, or {@code null} when cutting its text is not enough (its size is in
     * its structure: many fields, nested objects).
     *
     * @param bytes the event's size as received
     */
    public static LogEvent fit(LogEvent event, long bytes, int maxBytes) {
        long excess = bytes - maxBytes + MARKER_BYTES;
        if (excess <= 0) {
            return event.toBuilder().attribute(ATTRIBUTE, true).build();
        }
        List<Text> texts = texts(event);
        texts.sort(Comparator.comparingLong((Text t) -> t.utf8).reversed());
        LogEvent.Builder b = event.toBuilder();
        ErrorInfo error = event.error();
        for (Text t : texts) {
            if (excess <= 0) {
                break;
            }
            String cut = cutUtf8(t.value, Math.max(0, t.utf8 - excess));
            excess -= t.utf8 - utf8Length(cut);
            switch (t.kind) {
                case MSG -> b.msg(cut);
                case STACK -> error = new ErrorInfo(error.type(), error.message(), cut, error.hash(), error.cause());
                case ERROR_MESSAGE -> error = new ErrorInfo(error.type(), cut, error.stack(), error.hash(), error.cause());
                case ATTRIBUTE -> b.attribute(t.name, cut);
            }
        }
        if (excess > 0) {
            return null;
        }
        return b.error(error).attribute(ATTRIBUTE, true).build();
    }

    private enum Kind { MSG, STACK, ERROR_MESSAGE, ATTRIBUTE }

    private record Text(Kind kind, String name, String value, long utf8) {
        Text(Kind kind, String name, String value) {
            this(kind, name, value, utf8Length(value));
        }
    }

    private static List<Text> texts(LogEvent e) {
        List<Text> texts = new ArrayList<>();
        if (e.msg() != null) {
            texts.add(new Text(Kind.MSG, null, e.msg()));
        }
        if (e.error() != null && e.error().stack() != null) {
            texts.add(new Text(Kind.STACK, null, e.error().stack()));
        }
        if (e.error() != null && e.error().message() != null) {
            texts.add(new Text(Kind.ERROR_MESSAGE, null, e.error().message()));
        }
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            if (a.getValue() instanceof String s) {
                texts.add(new Text(Kind.ATTRIBUTE, a.getKey(), s));
            }
        }
        return texts;
    }

    /** Bytes of the string in UTF-8, counted without encoding it. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The longest prefix of {@code s} of at most {@code maxBytes} UTF-8 bytes that does not split a character. */
    static String cutUtf8(String s, long maxBytes) {
        long n = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int width;
            int chars = 1;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                width = 4;
                chars = 2;
            } else {
                width = 3;
            }
            if (n + width > maxBytes) {
                break;
            }
            n += width;
            i += chars;
        }
        return s.substring(0, i);
    }
}
