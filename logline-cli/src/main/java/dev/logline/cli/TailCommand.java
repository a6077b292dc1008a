package dev.logline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.cli.client.ReturnedEvent;
import dev.logline.cli.client.ServerSentEvent;
import dev.logline.cli.output.EventLineFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code logline tail 'LQL'}: prints matching events as the server indexes them, until interrupted. */
@Command(name = "tail", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
        description = {
                "Follows events matching an LQL filter live (Server-Sent Events from /api/v1/tail). Stops on Ctrl-C, "
                        + "when the server closes the stream, or after --max-events.",
                "%nExample:%n  logline tail 'service:payments level:WARN'%n"
        })
public final class TailCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", arity = "0..1", paramLabel = "LQL", defaultValue = "*",
            description = "A filter (no pipes), default: * (everything).")
    String lql;

    @Option(names = "--json", description = "Print each event as one JSON line.")
    boolean json;

    @Option(names = "--max-events", paramLabel = "N",
            description = "Stop after N events (default: follow until interrupted).")
    Integer maxEvents;

    @Mixin
    ServerConnectionOptions server = new ServerConnectionOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxEvents != null && maxEvents <= 0) {
            return ExitCodes.usage(err, "--max-events must be positive, was " + maxEvents);
        }
        EventLineFormat format = new EventLineFormat(12);
        int[] printed = {0};
        return server.callWithClient(lql, err, client -> {
            client.tail(lql, sse -> {
                for (JsonNode node : eventsOf(sse, err)) {
                    ReturnedEvent e = ReturnedEvent.of(node);
                    out.println(json ? e.fields().toString() : format.format(e));
                    printed[0]++;
                    if (maxEvents != null && printed[0] >= maxEvents) {
                        out.flush();
                        return false;
                    }
                }
                out.flush();
                return true;
            });
            return ExitCodes.OK;
        });
    }

    /** The log events one SSE message carries ({@code event: log}): one object, or an array when batched. */
    private static Iterable<JsonNode> eventsOf(ServerSentEvent sse, PrintWriter err) {
        JsonNode data;
        try {
            data = JSON.readTree(sse.data());
        } catch (IOException e) {
            err.println("warning: skipped an unreadable tail message: " + e.getMessage());
            return java.util.List.of();
        }
        if ("ready".equals(sse.type())) {
            // The subscription is live; nothing to print until events arrive.
            return java.util.List.of();
        }
        if (!"log".equals(sse.type()) && !"message".equals(sse.type())) {
            // Notices such as dropped-event counts go to stderr so stdout stays pure events.
            err.println("tail: " + sse.type() + " " + sse.data());
            err.flush();
            return java.util.List.of();
        }
        if (data.isArray()) {
            return data;
        }
        if (data.isObject() && data.has("events") && data.get("events").isArray()) {
            return data.get("events");
        }
        return data.isObject() ? java.util.List.of(data) : java.util.List.of();
    }
}
