package dev.logline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.cli.client.ReturnedEvent;
import dev.logline.cli.client.TimeRange;
import dev.logline.cli.output.EventLineFormat;
import dev.logline.cli.output.TextTable;
import dev.logline.query.LqlParser;
import dev.logline.query.pipe.FieldsPipe;
import dev.logline.query.pipe.Pipe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code logline query 'LQL'}: runs a query on a server and prints the events or the stats table. */
@Command(name = "query", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
        description = {
                "Runs an LQL query and prints matching events newest first, or the table of a stats/timechart query.",
                "%nExamples:%n  logline query 'level:ERROR service:payments' --last 24h"
                        + "%n  logline query '* | stats count() by service' --json"
                        + "%n  logline query --saved 'payment timeouts'%n"
        })
public final class QueryCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE = 1000;

    @Parameters(index = "0", arity = "0..1", paramLabel = "LQL",
            description = "The query, e.g. 'level:ERROR \"timed out\"'; * matches all.")
    String lql;

    @Option(names = "--saved", paramLabel = "NAME",
            description = "Run the saved search of this name (any case) with its time range, unless --last, "
                    + "--from or --to is given; saved in the web UI or through /api/v1/saved-searches.")
    String saved;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
            description = "At most this many events (default: ${DEFAULT-VALUE}); pages are fetched as needed.")
    int limit;

    @Option(names = "--json", description = "Print one JSON object per line instead of a table.")
    boolean json;

    @Mixin
    TimeRangeOptions time = new TimeRangeOptions();

    @Mixin
    ServerConnectionOptions server = new ServerConnectionOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (limit <= 0) {
            return ExitCodes.usage(err, "--limit must be positive, was " + limit);
        }
        if ((lql == null) == (saved == null)) {
            return ExitCodes.usage(err, lql == null ? "give a query (LQL) or --saved NAME"
                    : "give either a query or --saved NAME, not both");
        }
        TimeRange given;
        try {
            given = time.range("1h");
        } catch (IllegalArgumentException e) {
            return ExitCodes.usage(err, e.getMessage());
        }
        boolean rangeGiven = time.last != null || time.from != null || time.to != null;
        return server.callWithClient(lql, err, client -> {
            TimeRange range = given;
            if (saved != null) {
                SavedSearch search = SavedSearch.find(client, saved);
                if (search == null) {
                    err.println("error: no saved search named '" + saved + "'; saved searches: "
                            + SavedSearch.names(client));
                    err.flush();
                    return ExitCodes.QUERY_ERROR;
                }
                lql = search.query();
                if (!rangeGiven) {
                    range = search.range();
                }
            }
            JsonNode first = client.search(lql, range, Math.min(limit, MAX_PAGE), null);
            if (first.has("columns")) {
                printTable(first, out);
                return ExitCodes.OK;
            }
            List<ReturnedEvent> events = new ArrayList<>();
            JsonNode page = first;
            while (true) {
                for (JsonNode e : page.path("events")) {
                    if (events.size() < limit) {
                        events.add(ReturnedEvent.of(e));
                    }
                }
                String cursor = page.path("cursor").isTextual() ? page.get("cursor").asText() : null;
                if (cursor == null || events.size() >= limit) {
                    break;
                }
                page = client.search(lql, range, Math.min(limit - events.size(), MAX_PAGE), cursor);
            }
            printEvents(events, out);
            return ExitCodes.OK;
        });
    }

    private void printTable(JsonNode result, PrintWriter out) {
        List<String> columns = new ArrayList<>();
        result.get("columns").forEach(c -> columns.add(c.asText()));
        if (json) {
            for (JsonNode row : result.path("rows")) {
                ObjectNode o = JSON.createObjectNode();
                for (int i = 0; i < columns.size(); i++) {
                    o.set(columns.get(i), row.path(i));
                }
                out.println(o);
            }
            out.flush();
            return;
        }
        TextTable table = new TextTable(columns, 80);
        for (JsonNode row : result.path("rows")) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(c.isNull() ? "" : c.isTextual() ? c.asText() : c.toString()));
            table.add(cells);
        }
        table.print(out);
        out.println(table.size() + (table.size() == 1 ? " row" : " rows"));
        out.flush();
    }

    private void printEvents(List<ReturnedEvent> events, PrintWriter out) {
        if (json) {
            events.forEach(e -> out.println(e.fields()));
            out.flush();
            return;
        }
        List<String> chosen = fieldsPipeColumns();
        if (chosen != null) {
            // "| fields a, b" asked for exactly these columns, in this order.
            TextTable table = new TextTable(chosen, 100);
            for (ReturnedEvent e : events) {
                List<String> cells = new ArrayList<>();
                for (String f : chosen) {
                    JsonNode v = e.fields().get(f);
                    cells.add(v == null || v.isNull() ? "" : v.isTextual() ? v.asText() : v.toString());
                }
                table.add(cells);
            }
            table.print(out);
            out.println(events.size() + (events.size() == 1 ? " event" : " events"));
            out.flush();
            return;
        }
        TextTable table = new TextTable(List.of("time", "level", "service", "message", "fields"), 100);
        for (ReturnedEvent e : events) {
            StringBuilder fields = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = e.extraFields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (fields.length() > 0) {
                    fields.append(' ');
                }
                fields.append(f.getKey()).append('=').append(EventLineFormat.value(f.getValue()));
            }
            table.add(List.of(nz(e.text("ts")), nz(e.text("level")), nz(e.text("service")), nz(e.text("msg")),
                    fields.toString()));
        }
        table.print(out);
        out.println(events.size() + (events.size() == 1 ? " event" : " events"));
        out.flush();
    }

    /** The columns of the query's last {@code fields} pipe, or {@code null} when it has none. */
    private List<String> fieldsPipeColumns() {
        List<String> columns = null;
        try {
            for (Pipe p : LqlParser.parse(lql).pipes()) {
                if (p instanceof FieldsPipe f) {
                    columns = f.fields();
                }
            }
        } catch (IllegalArgumentException e) {
            // The server accepted the query; a local parser of another version may not. Fall back to the default view.
            return null;
        }
        return columns;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
