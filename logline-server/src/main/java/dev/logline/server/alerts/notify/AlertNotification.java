package dev.logline.server.alerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.query.LqlParser;
import dev.logline.query.LqlPrinter;
import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.server.alerts.AlertRule;
import dev.logline.server.alerts.AlertState;
import dev.logline.server.alerts.AlertValues;
import dev.logline.server.alerts.Transition;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON a webhook receives for one alert notification, also the form in which pending notifications wait in the
 * outbox and from which the Slack and e-mail texts are made:
 * <pre>{@code
 * {"id": "delivery id", "status": "firing|resolved|error", "repeat": false, "tenant": "default",
 *  "rule": {"id", "name", "query", "condition", "window", "severity", "labels"},
 *  "group": {"service": "payments"}, "value": 25, "threshold": 20, "window": "5m",
 *  "state": "firing", "previous_state": "ok", "at": "RFC 3339", "since": "RFC 3339",
 *  "error": null, "message": "…", "link": "http://…/#q=…&from=…&to=…"}
 * }</pre>
 */
public final class AlertNotification {

    static final ObjectMapper JSON = new ObjectMapper();

    private AlertNotification() {
    }

    /** The payload of a change; {@code baseUrl} is where people open the web UI. */
    public static ObjectNode of(String id, String tenant, AlertRule rule, Transition t, String baseUrl) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        String status = t.to() == AlertState.ERROR ? "error" : t.to() == AlertState.FIRING ? "firing" : "resolved";
        o.put("status", status);
        o.put("repeat", t.repeat());
        o.put("tenant", tenant);
        ObjectNode r = o.putObject("rule");
        r.put("id", rule.id());
        r.put("name", rule.name());
        r.put("query", rule.query());
        r.put("condition", rule.condition().print());
        r.put("window", AlertValues.format(rule.window()));
        r.put("severity", rule.severity().text());
        ObjectNode labels = r.putObject("labels");
        new java.util.TreeMap<>(rule.labels()).forEach(labels::put);
        ObjectNode group = o.putObject("group");
        t.group().forEach(group::put);
        if (t.value() == null) {
            o.putNull("value");
        } else {
            o.put("value", t.value());
        }
        o.put("threshold", rule.condition().threshold());
        o.put("window", AlertValues.format(rule.window()));
        o.put("state", t.to().text());
        o.put("previous_state", t.from() == null ? null : t.from().text());
        o.put("at", t.at().toString());
        o.put("since", t.since().toString());
        o.put("error", t.error());
        o.put("message", message(rule, t, status));
        o.put("link", link(baseUrl, rule, t.group(), t.at().minus(rule.window()), t.at()));
        return o;
    }

    /** One line for people: {@code [FIRING] payments errors (service=payments): count() = 25 (> 20 over 5m)}. */
    static String message(AlertRule rule, Transition t, String status) {
        String group = t.group().isEmpty() ? "" : " (" + t.group().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")";
        String head = "[" + status.toUpperCase(java.util.Locale.ROOT) + "] " + rule.name() + group;
        if (t.to() == AlertState.ERROR) {
            return head + ": the rule cannot be evaluated: " + t.error();
        }
        String value = t.value() == null ? "no value" : AlertValues.format(t.value());
        return head + ": " + rule.condition().aggregate().print() + " = " + value + " ("
                + rule.condition().comparison().symbol() + " " + AlertValues.format(rule.condition().threshold())
                + " over " + AlertValues.format(rule.window()) + ")";
    }

    /** The web UI's search for the rule's events of this group over the window. */
    static String link(String baseUrl, AlertRule rule, Map<String, String> group, Instant from, Instant to) {
        String q = rule.query();
        try {
            List<Filter> parts = new ArrayList<>();
            Filter f = LqlParser.parse(rule.query()).filter();
            if (!(f instanceof MatchAllFilter)) {
                parts.add(f);
            }
            group.forEach((k, v) -> parts.add(new TermFilter(k, v)));
            if (!group.isEmpty()) {
                q = parts.size() == 1 ? LqlPrinter.print(parts.get(0)) : LqlPrinter.print(new AndFilter(parts));
            }
        } catch (IllegalArgumentException e) {
            // A rule whose query fails links to its query as written.
        }
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + "/#q=" + enc(q) + "&from=" + enc(from.toString()) + "&to=" + enc(to.toString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String text(JsonNode payload, String field) {
        JsonNode v = payload.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
