package dev.logline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.cli.client.ApiException;
import dev.logline.cli.client.LoglineApiClient;
import dev.logline.cli.output.TextTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code logline alerts list|create|test}: the alert rules of a server, through its API. */
@Command(name = "alerts", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
        description = {
                "Lists, creates and test-runs the alert rules of a Logline server (docs/ALERTS.md). Listing needs a "
                        + "key with the read role, creating and testing one with the admin role.",
                "%nExamples:%n  logline alerts list"
                        + "%n  logline alerts create --name 'payments errors' --query 'service:payments level:ERROR' "
                        + "--condition 'count() > 20' --window 5m --webhook https://hooks.example.com/logline"
                        + "%n  logline alerts test --query 'service:checkout' --condition 'p95(latency_ms) > 800'"
                        + "%n  logline alerts test 3f9a0c1b2d4e5f60%n"
        },
        subcommands = {AlertsCommand.ListRules.class, AlertsCommand.Create.class, AlertsCommand.Test.class,
                CommandLine.HelpCommand.class})
public final class AlertsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs an API call: a rule the server refused (400) is {@link ExitCodes#QUERY_ERROR} with the server's reason,
     * anything else as every client command reports it.
     */
    static int call(ServerConnectionOptions server, PrintWriter err, ClientCall call) {
        return server.callWithClient(null, err, client -> {
            try {
                return call.run(client);
            } catch (ApiException e) {
                if (e.status() != 400) {
                    throw e;
                }
                err.println("error: the server refused the rule: " + e.getMessage()
                        + (e.column() == null ? "" : " (column " + e.column() + ")"));
                err.flush();
                return ExitCodes.QUERY_ERROR;
            }
        });
    }

    static String value(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() ? "-" : v.isNumber() ? formatNumber(v.asDouble()) : v.asText();
    }

    private static String formatNumber(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** {@code logline alerts list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
            description = "Lists the rules with their state and last value.")
    static final class ListRules implements Callable<Integer> {

        @Option(names = "--json", description = "Print each rule as one JSON line, with its groups and history state.")
        boolean json;

        @Mixin
        ServerConnectionOptions server = new ServerConnectionOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return AlertsCommand.call(server, spec.commandLine().getErr(), client -> {
                JsonNode rules = client.call("GET", "/api/v1/alerts", null).path("rules");
                if (json) {
                    rules.forEach(out::println);
                    out.flush();
                    return ExitCodes.OK;
                }
                TextTable table = new TextTable(List.of("id", "name", "state", "value", "condition", "window", "by",
                        "source"), 60);
                for (JsonNode r : rules) {
                    List<String> by = new ArrayList<>();
                    r.path("by").forEach(b -> by.add(b.asText()));
                    table.add(List.of(r.path("id").asText(), r.path("name").asText(),
                            r.path("status").path("state").asText(), value(r.path("status").path("value")),
                            r.path("condition").asText(), r.path("window").asText(), String.join(",", by),
                            r.path("provisioned").asBoolean() ? "file" : "api"));
                }
                table.print(out);
                out.println(table.size() + (table.size() == 1 ? " rule" : " rules"));
                out.flush();
                return ExitCodes.OK;
            });
        }
    }

    /** {@code logline alerts create}. */
    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
            description = "Creates a rule and prints its id.")
    static final class Create implements Callable<Integer> {

        @Mixin
        AlertRuleOptions rule = new AlertRuleOptions();

        @Mixin
        ServerConnectionOptions server = new ServerConnectionOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ObjectNode body;
            try {
                body = rule.toJson();
            } catch (IllegalArgumentException e) {
                return ExitCodes.usage(err, e.getMessage());
            }
            return AlertsCommand.call(server, err, client -> {
                JsonNode created = client.call("POST", "/api/v1/alerts", body);
                out.println("created alert rule " + created.path("id").asText() + " (" + created.path("name").asText()
                        + "): " + created.path("condition").asText() + " over " + created.path("window").asText()
                        + ", evaluated every " + created.path("interval").asText());
                out.flush();
                return ExitCodes.OK;
            });
        }
    }

    /** {@code logline alerts test}. */
    @Command(name = "test", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
            description = "Evaluates a stored rule (by id) or the rule given by options now and prints each group's "
                    + "value and whether it breaches; changes nothing and notifies no one.")
    static final class Test implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A stored rule's id.")
        String id;

        @Mixin
        AlertRuleOptions rule = new AlertRuleOptions();

        @Mixin
        ServerConnectionOptions server = new ServerConnectionOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if ((id == null) == !rule.given()) {
                return ExitCodes.usage(err, "give either a rule id or the rule (--file, or --query and --condition)");
            }
            ObjectNode body;
            try {
                body = id == null ? rule.toJson() : null;
            } catch (IllegalArgumentException e) {
                return ExitCodes.usage(err, e.getMessage());
            }
            if (body != null && !body.has("name")) {
                body.put("name", "test");
            }
            return AlertsCommand.call(server, err, client -> print(client, body, out));
        }

        private int print(LoglineApiClient client, ObjectNode body, PrintWriter out) {
            JsonNode r = id == null ? client.call("POST", "/api/v1/alerts/test", body)
                    : client.call("POST", "/api/v1/alerts/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + "/test", null);
            TextTable table = new TextTable(List.of("group", "value", "breaching"), 80);
            for (JsonNode g : r.path("groups")) {
                List<String> parts = new ArrayList<>();
                g.path("group").fields().forEachRemaining(f -> parts.add(f.getKey() + "=" + f.getValue().asText()));
                table.add(List.of(parts.isEmpty() ? "(all)" : String.join(", ", parts), value(g.path("value")),
                        g.path("breaching").asBoolean() ? "yes" : "no"));
            }
            table.print(out);
            out.println(r.path("condition").asText() + " from " + r.path("from").asText() + " to "
                    + r.path("to").asText() + ": " + (r.path("breaching").asBoolean() ? "breaching" : "not breaching"));
            out.flush();
            return ExitCodes.OK;
        }
    }
}
