package dev.logline.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.cli.client.ReturnedEvent;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Draws a transaction in a terminal: one bar per service lane on a shared time axis ({@code x} marks a lane's
 * errors), then every event in the transaction's order with its offset from the transaction's start to the event's
 * start (as the web UI shows them), and LogTrace steps indented beneath their event.
 */
public final class TraceLanesPrinter {

    private final int axisWidth;

    public TraceLanesPrinter(int axisWidth) {
        this.axisWidth = axisWidth;
    }

    public void print(PrintWriter out, String title, TraceLanes t) {
        out.printf(Locale.ROOT, "%s  %d services  %d events  %d errors  %s%n",
                title, t.lanes().size(), t.events().size(), t.errors(), ms(t.spanMs()));
        int nameWidth = t.lanes().stream().mapToInt(l -> l.service().length()).max().orElse(7);
        for (TraceLanes.Lane lane : t.lanes()) {
            out.printf(Locale.ROOT, "  %-" + nameWidth + "s |%s| %s → %s  %d events%s%n",
                    lane.service(), bar(t, lane), ms(lane.startMs()), ms(lane.endMs()),
                    lane.events(), lane.errors() > 0 ? "  " + lane.errors() + " errors" : "");
        }
        out.println();
        for (TraceLanes.Placed p : t.events()) {
            ReturnedEvent e = p.event();
            String level = e.text("level") == null ? "-" : e.text("level");
            String service = e.text("service") == null ? "(no service)" : e.text("service");
            String msg = e.text("msg") == null ? "" : TerminalText.safe(e.text("msg"));
            out.printf(Locale.ROOT, "  %10s  %-" + nameWidth + "s  %-5s %s%s%s%n",
                    "+" + ms(p.offsetMs()), service, level, msg,
                    e.fields().hasNonNull("duration_ms") ? "  (" + ms(e.fields().get("duration_ms").asDouble()) + ")" : "",
                    errorText(e.fields().get("error")));
            JsonNode steps = e.fields().get("steps");
            if (steps != null && steps.isArray()) {
                for (JsonNode s : steps) {
                    String line = s.hasNonNull("line") && s.get("line").asInt() > 0 ? " line " + s.get("line").asInt() : "";
                    out.printf(Locale.ROOT, "  %10s  %" + nameWidth + "s    · %s %s%s%n", "", "",
                            ms(s.path("t_ms").asDouble()), s.path("msg").asText(""), line);
                }
            }
        }
        out.flush();
    }

    private String bar(TraceLanes t, TraceLanes.Lane lane) {
        char[] cells = " ".repeat(axisWidth).toCharArray();
        double span = Math.max(t.spanMs(), 1e-9);
        int from = (int) Math.floor(lane.startMs() / span * (axisWidth - 1));
        int to = (int) Math.floor(lane.endMs() / span * (axisWidth - 1));
        for (int i = Math.max(0, from); i <= Math.min(axisWidth - 1, to); i++) {
            cells[i] = '=';
        }
        if (lane.errors() > 0) {
            cells[Math.min(axisWidth - 1, Math.max(0, to))] = 'x';
        }
        return new String(cells);
    }

    private static String errorText(JsonNode error) {
        if (error == null || error.isNull()) {
            return "";
        }
        String type = error.path("type").asText("");
        String message = error.path("message").asText("");
        return "  !! " + (type + (message.isEmpty() ? "" : ": " + message)).strip();
    }

    /** As the web UI's formatOffset: "12.9 ms", "1.23 s". */
    static String ms(double ms) {
        if (ms >= 1000) {
            return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        }
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
