package dev.logline.cli.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Reads a {@code text/event-stream} as the HTML spec defines it: fields until a blank line make one event,
 * lines starting with a colon are comments (keep-alives), and {@code data} lines accumulate.
 */
public final class ServerSentEventReader {

    private final BufferedReader in;

    public ServerSentEventReader(BufferedReader in) {
        this.in = in;
    }

    /**
     * Hands each event to {@code listener} until the stream ends or the listener returns {@code false}.
     *
     * @return {@code true} when the listener asked to stop, {@code false} when the stream ended
     */
    public boolean forEach(Predicate<ServerSentEvent> listener) throws IOException {
        String type = null;
        String id = null;
        StringBuilder data = null;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    if (!listener.test(new ServerSentEvent(type == null ? "message" : type, data.toString(), id))) {
                        return true;
                    }
                }
                type = null;
                data = null;
                continue;
            }
            if (line.charAt(0) == ':') {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    if (data == null) {
                        data = new StringBuilder(value);
                    } else {
                        data.append('\n').append(value);
                    }
                }
                case "event" -> type = value;
                case "id" -> id = value;
                default -> {
                    // "retry" and unknown fields do not concern a command-line reader.
                }
            }
        }
        return false;
    }
}
