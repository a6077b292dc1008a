package dev.logline.cli.ship;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;

/**
 * Turns the lines of one file into events: JSON lines pass through, plain lines become events, and continuation
 * lines (stack traces) are joined onto the event before them. A plain event stays pending until the next event
 * starts or {@link #flush} is called, since more continuation lines may still come.
 */
final class EventAssembler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TailedFile file;
    private final ShipFormat format;
    private final ContinuationRule continuation;
    private final PlainLineEvent plain;

    private StringBuilder pending;
    private long pendingStart;
    private long pendingEnd;

    EventAssembler(TailedFile file, ShipFormat format, ContinuationRule continuation, PlainLineEvent plain) {
        this.file = file;
        this.format = format;
        this.continuation = continuation;
        this.plain = plain;
    }

    /**
     * Takes one line (without its line break) that spans bytes {@code [start, end)} of the file, adding any events
     * it completes to {@code out}.
     */
    void line(String text, long start, long end, List<FileEvent> out) {
        if (text.isBlank()) {
            return;
        }
        if (format == ShipFormat.JSON || (format == ShipFormat.AUTO && isJsonObject(text))) {
            flush(out);
            out.add(new FileEvent(file, text.strip(), end));
            return;
        }
        if (pending != null && continuation.continues(text)) {
            pending.append('\n').append(text);
            pendingEnd = end;
            return;
        }
        flush(out);
        pending = new StringBuilder(text);
        pendingStart = start;
        pendingEnd = end;
    }

    /** Emits the pending plain event, if any. */
    void flush(List<FileEvent> out) {
        if (pending != null) {
            out.add(new FileEvent(file, plain.toJson(pending.toString()), pendingEnd));
            pending = null;
        }
    }

    boolean hasPending() {
        return pending != null;
    }

    /** Where the pending event starts: the file must be re-read from here if it is not shipped. */
    long pendingStart() {
        return pendingStart;
    }

    /** Forgets the pending event (the file was truncated under it). */
    void reset() {
        pending = null;
    }

    private static boolean isJsonObject(String text) {
        String s = text.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            return false;
        }
        try (JsonParser p = JSON.getFactory().createParser(s)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }
}
