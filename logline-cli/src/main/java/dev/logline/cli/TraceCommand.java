package dev.logline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.cli.client.TimeRange;
import dev.logline.cli.output.TraceLanes;
import dev.logline.cli.output.TraceLanesPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code logline trace ID}: one distributed transaction as lanes per service and its events in time order. */
@Command(name = "trace", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
        description = {
                "Reassembles a transaction across services by trace_id (or another correlation field) and prints "
                        + "one lane per service on a shared time axis, then every event and LogTrace step in order.",
                "%nExamples:%n  logline trace 4bf92f3577b34da6a3ce929d0e0e4736%n  logline trace ORD987 --field order_id%n"
        })
public final class TraceCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ID", description = "The trace id, or the value of --field.")
    String id;

    @Option(names = "--field", paramLabel = "FIELD", defaultValue = "trace_id",
            description = "The correlation field that holds ID (default: ${DEFAULT-VALUE}; e.g. order_id, request_id).")
    String field;

    @Option(names = "--json", description = "Print the server's answer as JSON instead of lanes.")
    boolean json;

    @Option(names = "--width", paramLabel = "COLUMNS", defaultValue = "40",
            description = "Width of the time axis in characters (default: ${DEFAULT-VALUE}).")
    int width;

    @Mixin
    ServerConnectionOptions server = new ServerConnectionOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (width < 10) {
            return ExitCodes.usage(err, "--width must be at least 10, was " + width);
        }
        return server.callWithClient(null, err, client -> print(client.trace(id, field, (TimeRange) null), out, err));
    }

    private int print(JsonNode answer, PrintWriter out, PrintWriter err) {
        if (json) {
            out.println(answer);
            out.flush();
            return ExitCodes.OK;
        }
        TraceLanes lanes = TraceLanes.of(answer);
        if (lanes.events().isEmpty()) {
            err.println("no events with " + field + "=" + id + " (is the id right, and still within retention?)");
            err.flush();
            return ExitCodes.QUERY_ERROR;
        }
        new TraceLanesPrinter(width).print(out, field + " " + id, lanes);
        return ExitCodes.OK;
    }
}
