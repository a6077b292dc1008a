package dev.logline.cli.ship;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.core.Level;
import dev.logline.core.Timestamps;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps plain text lines into a Logline event: {@code {"ts", "level", "msg", "file", "service"}}, with the time
 * taken from a leading timestamp and the level from a level word near the start, when the line has them.
 */
public final class PlainLineEvent {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An ISO-8601 date and time at the start of the line, optionally in brackets (Logback, Log4j, Python, Go). */
    private static final Pattern LEADING_TIMESTAMP = Pattern.compile(
            "^\\[?(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:\\s?(?:Z|[+-]\\d{2}:?\\d{2}|UTC))?)\\]?");

    private static final Pattern LEVEL_KEY_VALUE = Pattern.compile("(?i)\\blevel=\"?([a-z]+)");

    /** Upper-case words only: a lower-case "error" in prose is no level. */
    private static final Set<String> LEVEL_WORDS = Set.of(
            "TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "SEVERE", "FATAL", "CRITICAL");

    /** How many words after the timestamp may hold the level ("2026-… [main] INFO c.x.Y - …"). */
    private static final int LEVEL_SEARCH_WORDS = 5;

    private final String file;
    private final String service;

    /**
     * @param file    the path put in the {@code file} field
     * @param service the {@code service} field, or {@code null} to leave it out
     */
    public PlainLineEvent(String file, String service) {
        this.file = file;
        this.service = service;
    }

    /** The JSON line of an event whose message is {@code text} (one line, or several joined with newlines). */
    public String toJson(String text) {
        ObjectNode node = JSON.createObjectNode();
        String first = text.lines().findFirst().orElse("");
        Matcher ts = LEADING_TIMESTAMP.matcher(first);
        int afterTimestamp = 0;
        if (ts.find()) {
            try {
                node.put("ts", Timestamps.formatMicros(Timestamps.parseMicros(ts.group(1))));
                afterTimestamp = ts.end();
            } catch (IllegalArgumentException notATime) {
                // Looked like a date but is none (month 13): the line keeps its arrival time.
            }
        }
        Level level = levelOf(first.substring(afterTimestamp));
        if (level != null) {
            node.put("level", level.name());
        }
        node.put("msg", text);
        node.put("file", file);
        if (service != null) {
            node.put("service", service);
        }
        return node.toString();
    }

    static Level levelOf(String rest) {
        Matcher kv = LEVEL_KEY_VALUE.matcher(rest);
        if (kv.find()) {
            Level l = Level.parse(kv.group(1));
            if (l != null) {
                return l;
            }
        }
        String[] words = rest.strip().split("\\s+", LEVEL_SEARCH_WORDS + 1);
        for (int i = 0; i < Math.min(words.length, LEVEL_SEARCH_WORDS); i++) {
            String w = words[i].replaceAll("^[\\[(<|:]+|[\\])>|:,]+$", "");
            if (LEVEL_WORDS.contains(w)) {
                return Level.parse(w);
            }
        }
        return null;
    }
}
