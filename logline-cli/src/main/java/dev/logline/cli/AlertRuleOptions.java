package dev.logline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An alert rule given on the command line ({@code --name … --query … --condition …}) or as a JSON file
 * ({@code --file rule.json}, the API's rule shape); options given with a file override its fields.
 */
final class AlertRuleOptions {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--file", paramLabel = "FILE", description = "A rule as JSON (the shape of docs/ALERTS.md).")
    Path file;

    @Option(names = "--name", paramLabel = "TEXT", description = "What the rule watches, for people.")
    String name;

    @Option(names = "--query", paramLabel = "LQL", description = "The events to watch (default: *).")
    String query;

    @Option(names = "--condition", paramLabel = "COND", description = "e.g. 'count() > 20', 'p95(latency_ms) > 800', "
            + "'count() == 0'.")
    String condition;

    @Option(names = "--window", paramLabel = "DURATION", description = "The span aggregated, e.g. 5m (server default 5m).")
    String window;

    @Option(names = "--by", paramLabel = "FIELD", split = ",", description = "Fields whose values fire on their own, "
            + "e.g. service,host.")
    List<String> by;

    @Option(names = "--interval", paramLabel = "DURATION", description = "How often it is evaluated (server default 1m).")
    String interval;

    @Option(names = "--for", paramLabel = "N", description = "Breaching evaluations in a row before it fires (default 1).")
    Integer pendingFor;

    @Option(names = "--severity", paramLabel = "LEVEL", description = "info, warning (default) or critical.")
    String severity;

    @Option(names = "--webhook", paramLabel = "URL", description = "Post notifications to this URL.")
    String webhook;

    @Option(names = "--email", paramLabel = "ADDRESS", split = ",", description = "Mail notifications to these "
            + "addresses (the server needs SMTP settings).")
    List<String> email;

    /** Whether any rule option or a file was given. */
    boolean given() {
        return file != null || name != null || query != null || condition != null;
    }

    /**
     * The rule as JSON.
     *
     * @throws IllegalArgumentException when the file cannot be read or is not a JSON object
     */
    ObjectNode toJson() {
        ObjectNode o;
        if (file != null) {
            try {
                if (!(JSON.readTree(Files.readAllBytes(file)) instanceof ObjectNode read)) {
                    throw new IllegalArgumentException(file + " must hold one rule as a JSON object");
                }
                o = read;
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the rule file " + file + ": "
                        + String.valueOf(e.getMessage()).split("\n", 2)[0], e);
            }
        } else {
            o = JSON.createObjectNode();
        }
        put(o, "name", name);
        put(o, "query", query);
        put(o, "condition", condition);
        put(o, "window", window);
        put(o, "interval", interval);
        put(o, "severity", severity);
        if (pendingFor != null) {
            o.put("for", pendingFor);
        }
        if (by != null) {
            ArrayNode a = o.putArray("by");
            by.forEach(a::add);
        }
        if (webhook != null || email != null) {
            ArrayNode notify = o.has("notify") && o.get("notify").isArray() ? (ArrayNode) o.get("notify") : o.putArray("notify");
            if (webhook != null) {
                notify.addObject().put("type", "webhook").put("url", webhook);
            }
            if (email != null) {
                ArrayNode to = notify.addObject().put("type", "email").putArray("to");
                email.forEach(to::add);
            }
        }
        return o;
    }

    private static void put(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }
}
