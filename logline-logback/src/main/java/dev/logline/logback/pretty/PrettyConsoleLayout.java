package dev.logline.logback.pretty;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.logline.core.Timestamps;
import dev.logline.core.redact.Redactor;
import dev.logline.logback.error.ThrowableWriter;
import dev.logline.logback.json.EncodeState;
import dev.logline.logback.json.Utf8JsonWriter;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.util.List;
import java.util.Map;

/**
 * The development console: one readable line per event — UTC time of day, colored level, thread, abbreviated
 * logger, message, {@code key=value} pairs and tags — followed by an indented stack when there is an error.
 */
public final class PrettyConsoleLayout {

    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";
    private static final String CYAN = "\u001b[36m";

    private final ThrowableWriter throwables;
    private final boolean color;
    private final Redactor redactor;

    public PrettyConsoleLayout(ThrowableWriter throwables, boolean color, Redactor redactor) {
        this.throwables = throwables;
        this.color = color;
        this.redactor = redactor;
    }

    public void write(ILoggingEvent e, EncodeState s) {
        Utf8JsonWriter w = s.writer();
        char[] ts = s.timestamp();
        Timestamps.formatMicros(e.getTimeStamp() * 1_000L + (e.getNanoseconds() % 1_000_000) / 1_000, ts);
        style(w, DIM);
        w.ascii(ts, 11, 12); // HH:mm:ss.SSS
        style(w, RESET);
        w.raw(' ');
        Level level = e.getLevel();
        style(w, levelColor(level));
        w.text(level.levelStr);
        style(w, RESET);
        for (int i = level.levelStr.length(); i < 6; i++) {
            w.raw(' ');
        }
        style(w, DIM);
        w.raw('[');
        w.text(String.valueOf(e.getThreadName()));
        w.text("] ");
        abbreviate(String.valueOf(e.getLoggerName()), w);
        style(w, RESET);
        w.text(" - ");
        w.text(String.valueOf(redactor.text(e.getFormattedMessage())));
        Map<String, String> mdc = e.getMDCPropertyMap();
        if (mdc != null) {
            for (Map.Entry<String, String> m : mdc.entrySet()) {
                pair(m.getKey(), m.getValue(), w);
            }
        }
        List<KeyValuePair> kvs = e.getKeyValuePairs();
        if (kvs != null) {
            for (KeyValuePair kv : kvs) {
                pair(kv.key, kv.value, w);
            }
        }
        List<Marker> markers = e.getMarkerList();
        if (markers != null) {
            for (Marker m : markers) {
                w.raw(' ');
                style(w, CYAN);
                w.raw('#');
                w.text(m.getName());
                style(w, RESET);
            }
        }
        w.raw('\n');
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            throwables.writeFullText(t, w, false, "    ");
        }
    }

    private void pair(String key, Object raw, Utf8JsonWriter w) {
        Object value = redactor.attribute(key, raw);
        if (value == Redactor.DROP) {
            return;
        }
        w.raw(' ');
        style(w, CYAN);
        w.text(String.valueOf(key));
        style(w, RESET);
        w.raw('=');
        String text = String.valueOf(value);
        boolean quote = text.isEmpty() || text.indexOf(' ') >= 0 || text.indexOf('"') >= 0;
        if (quote) {
            w.raw('"');
            w.text(text.replace("\"", "\\\""));
            w.raw('"');
        } else {
            w.text(text);
        }
    }

    /** {@code dev.logline.shop.Orders} becomes {@code d.l.s.Orders}. */
    private static void abbreviate(String logger, Utf8JsonWriter w) {
        int last = logger.lastIndexOf('.');
        int start = 0;
        while (start < last) {
            w.raw(logger.charAt(start) < 0x80 ? logger.charAt(start) : '?');
            w.raw('.');
            int dot = logger.indexOf('.', start);
            start = dot + 1;
        }
        w.text(logger.substring(start));
    }

    private void style(Utf8JsonWriter w, String code) {
        if (color) {
            w.text(code);
        }
    }

    private static String levelColor(Level level) {
        switch (level.levelInt) {
            case Level.ERROR_INT: return "\u001b[1;31m";
            case Level.WARN_INT: return "\u001b[33m";
            case Level.INFO_INT: return "\u001b[32m";
            case Level.DEBUG_INT: return "\u001b[34m";
            default: return "\u001b[2m";
        }
    }
}
