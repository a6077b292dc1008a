package dev.logline.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.query.LqlParser;
import dev.logline.query.LqlSyntaxException;
import dev.logline.query.exec.QueryPlan;
import dev.logline.server.api.TimeRange;
import dev.logline.server.documents.InvalidDocumentException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An alert rule as JSON, the one form the API, the alerts file and the stored documents share:
 * <pre>{@code
 * {"name": "payments errors", "query": "service:payments level:ERROR", "window": "5m",
 *  "condition": "count() > 20", "by": ["service"], "interval": "30s", "for": 1, "renotify": "4h",
 *  "severity": "critical", "labels": {"team": "payments"}, "enabled": true,
 *  "notify": [{"type": "webhook", "url": "https://…", "secret": "…"}, {"type": "slack", "url": "https://…"},
 *             {"type": "email", "to": ["oncall@example.com"]}]}
 * }</pre>
 * {@code "webhook": URL} is short for one webhook target. {@code id}, {@code version}, {@code provisioned},
 * {@code owner}, {@code updated} and {@code status} are the server's to set and are ignored when read, so a rule as
 * GET answered it can be sent back changed. Reading checks every field and names the one at fault.
 */
public final class AlertRuleJson {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Every field a rule may have; anything else is a typo the user should hear about. */
    static final Set<String> FIELDS = Set.of("id", "name", "query", "window", "condition", "by", "interval", "for",
            "renotify", "severity", "labels", "notify", "webhook", "enabled", "tenant", "version", "provisioned", "owner",
            "updated", "status");
    private static final Set<String> TARGET_FIELDS = Set.of("type", "url", "secret", "to");

    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_INTERVAL = Duration.ofDays(1);
    static final Duration MAX_WINDOW = Duration.ofDays(31);
    static final int MAX_BY = 5;
    static final int MAX_TARGETS = 10;
    static final int MAX_LABELS = 20;

    private AlertRuleJson() {
    }

    /**
     * Reads and checks a rule.
     *
     * @param previous the rule this one replaces, whose secrets a masked secret keeps; {@code null} for a new rule
     * @throws InvalidDocumentException naming the field at fault
     */
    public static AlertRule read(JsonNode node, String id, boolean provisioned, AlertRule previous) {
        if (!(node instanceof ObjectNode o)) {
            throw new InvalidDocumentException("rule", "must be a JSON object such as {\"name\": \"payments errors\", "
                    + "\"query\": \"service:payments level:ERROR\", \"window\": \"5m\", \"condition\": \"count() > 20\"}");
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new InvalidDocumentException(f, "is not a field of an alert rule; known: " + new java.util.TreeSet<>(FIELDS));
            }
        }
        String name = text(o, "name", null);
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidDocumentException("name", "is required: 1-200 characters that tell people what the rule watches");
        }
        String query = text(o, "query", "*");
        checkQuery(query);
        Duration window = duration(o, "window", "5m", MIN_INTERVAL, MAX_WINDOW);
        AlertCondition condition = AlertCondition.parse(text(o, "condition", null));
        Duration interval = duration(o, "interval", "1m", MIN_INTERVAL, MAX_INTERVAL);
        int pendingFor = o.has("for") && !o.get("for").isNull() ? wholeNumber(o.get("for"), "for", 1, 1_000) : 1;
        String renotifyText = text(o, "renotify", "4h");
        Duration renotify = renotifyText.equals("0") || renotifyText.equalsIgnoreCase("never") ? Duration.ZERO
                : duration(o, "renotify", "4h", MIN_INTERVAL, Duration.ofDays(365));
        Severity severity = Severity.parse(text(o, "severity", "warning"));
        List<String> by = by(o.get("by"));
        Map<String, String> labels = labels(o.get("labels"));
        List<NotificationTarget> targets = targets(o, previous);
        boolean enabled = !o.has("enabled") || o.get("enabled").isNull() || bool(o.get("enabled"), "enabled");
        return new AlertRule(id, name.trim(), query, window, condition, by, interval, pendingFor, renotify, severity,
                labels, targets, enabled, provisioned);
    }

    /** The rule as JSON; secrets are {@link NotificationTarget#MASK masked} unless {@code withSecrets}. */
    public static ObjectNode write(AlertRule r, boolean withSecrets) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", r.id());
        o.put("name", r.name());
        o.put("query", r.query());
        o.put("window", AlertValues.format(r.window()));
        o.put("condition", r.condition().print());
        ArrayNode by = o.putArray("by");
        r.by().forEach(by::add);
        o.put("interval", AlertValues.format(r.interval()));
        o.put("for", r.pendingFor());
        o.put("renotify", r.renotify().isZero() ? "never" : AlertValues.format(r.renotify()));
        o.put("severity", r.severity().text());
        ObjectNode labels = o.putObject("labels");
        new java.util.TreeMap<>(r.labels()).forEach(labels::put);
        ArrayNode notify = o.putArray("notify");
        for (NotificationTarget t : r.targets()) {
            ObjectNode n = notify.addObject();
            n.put("type", t.type().text());
            if (t.type() == NotificationTarget.Type.EMAIL) {
                ArrayNode to = n.putArray("to");
                t.to().forEach(to::add);
            } else {
                n.put("url", t.url());
            }
            if (t.secret() != null) {
                n.put("secret", withSecrets ? t.secret() : NotificationTarget.MASK);
            }
        }
        o.put("enabled", r.enabled());
        o.put("provisioned", r.provisioned());
        return o;
    }

    /** Checks that a rule's query is LQL that selects events (the condition aggregates them). */
    static void checkQuery(String query) {
        if (query.length() > 65_536) {
            throw new InvalidDocumentException("query", "is longer than LQL's 65,536 characters");
        }
        QueryPlan plan;
        try {
            plan = QueryPlan.of(LqlParser.parse(query));
        } catch (LqlSyntaxException e) {
            throw new InvalidDocumentException("query", e.getMessage() + (e.hint() == null ? "" : "; " + e.hint()),
                    e.column());
        }
        if (plan.aggregating()) {
            throw new InvalidDocumentException("query", "must select events without stats or timechart; the rule "
                    + "aggregates them itself: put the aggregate in 'condition' and the grouping fields in 'by'");
        }
    }

    private static String text(ObjectNode o, String field, String otherwise) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new InvalidDocumentException(field, "must be a string, not " + v.getNodeType().name().toLowerCase());
        }
        return v.asText();
    }

    private static Duration duration(ObjectNode o, String field, String otherwise, Duration min, Duration max) {
        String t = text(o, field, otherwise);
        Duration d;
        try {
            d = TimeRange.duration(field, t);
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException(field, "'" + t + "' is not a duration; use a number and a unit: 30s, 5m, 1h, 1d");
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new InvalidDocumentException(field, "must be from " + AlertValues.format(min) + " to "
                    + AlertValues.format(max) + ", was " + t);
        }
        return d;
    }

    private static int wholeNumber(JsonNode v, String field, int min, int max) {
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            throw new InvalidDocumentException(field, "must be a whole number from " + min + " to " + max + ", was " + v);
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode v, String field) {
        if (!v.isBoolean()) {
            throw new InvalidDocumentException(field, "must be true or false, was " + v);
        }
        return v.asBoolean();
    }

    private static List<String> by(JsonNode v) {
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isTextual()) {
            for (String f : v.asText().split(",")) {
                if (!f.isBlank()) {
                    out.add(f.trim());
                }
            }
        } else if (v.isArray()) {
            for (JsonNode f : v) {
                if (!f.isTextual() || f.asText().isBlank()) {
                    throw new InvalidDocumentException("by", "must list field names such as [\"service\", \"host\"]");
                }
                out.add(f.asText().trim());
            }
        } else {
            throw new InvalidDocumentException("by", "must list field names such as [\"service\", \"host\"]");
        }
        if (out.size() > MAX_BY) {
            throw new InvalidDocumentException("by", "groups by at most " + MAX_BY + " fields, not " + out.size());
        }
        if (out.size() != new java.util.HashSet<>(out).size()) {
            throw new InvalidDocumentException("by", "names a field twice: " + out);
        }
        return out;
    }

    private static Map<String, String> labels(JsonNode v) {
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw new InvalidDocumentException("labels", "must be an object of names to strings, e.g. {\"team\": \"payments\"}");
        }
        v.fields().forEachRemaining(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new InvalidDocumentException("labels", "label '" + e.getKey() + "' must be a string");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        if (out.size() > MAX_LABELS) {
            throw new InvalidDocumentException("labels", "at most " + MAX_LABELS + " labels, not " + out.size());
        }
        return out;
    }

    private static List<NotificationTarget> targets(ObjectNode o, AlertRule previous) {
        List<NotificationTarget> out = new ArrayList<>();
        String webhook = text(o, "webhook", null);
        if (webhook != null && !webhook.isBlank()) {
            out.add(new NotificationTarget(NotificationTarget.Type.WEBHOOK, url("webhook", webhook), null, List.of()));
        }
        JsonNode notify = o.get("notify");
        if (notify != null && !notify.isNull()) {
            if (!notify.isArray()) {
                throw new InvalidDocumentException("notify", "must be a list of targets such as "
                        + "[{\"type\": \"webhook\", \"url\": \"https://…\"}]");
            }
            for (int i = 0; i < notify.size(); i++) {
                out.add(target(notify.get(i), "notify[" + i + "]", previous));
            }
        }
        if (out.size() > MAX_TARGETS) {
            throw new InvalidDocumentException("notify", "at most " + MAX_TARGETS + " targets, not " + out.size());
        }
        return out;
    }

    private static NotificationTarget target(JsonNode n, String where, AlertRule previous) {
        if (!(n instanceof ObjectNode t)) {
            throw new InvalidDocumentException(where, "must be an object with a type: webhook, slack or email");
        }
        for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!TARGET_FIELDS.contains(f)) {
                throw new InvalidDocumentException(where + "." + f, "is not a field of a target; known: type, url, secret, to");
            }
        }
        String typeText = text(t, "type", "");
        NotificationTarget.Type type;
        try {
            type = NotificationTarget.Type.valueOf(typeText.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException(where + ".type", "'" + typeText + "' is not a target type; use webhook, "
                    + "slack or email");
        }
        if (type == NotificationTarget.Type.EMAIL) {
            List<String> to = new ArrayList<>();
            JsonNode v = t.get("to");
            if (v != null && v.isTextual()) {
                to.add(v.asText().trim());
            } else if (v != null && v.isArray()) {
                v.forEach(a -> to.add(a.asText().trim()));
            }
            if (to.isEmpty() || to.stream().anyMatch(a -> !a.matches("[^@\\s]+@[^@\\s]+"))) {
                throw new InvalidDocumentException(where + ".to", "must list e-mail addresses such as [\"oncall@example.com\"]");
            }
            return new NotificationTarget(type, null, null, to);
        }
        String url = url(where + ".url", text(t, "url", ""));
        String secret = text(t, "secret", null);
        if (NotificationTarget.MASK.equals(secret)) {
            secret = previous == null ? null : previous.targets().stream()
                    .filter(p -> p.type() == type && url.equals(p.url()) && p.secret() != null)
                    .map(NotificationTarget::secret).findFirst().orElseThrow(() -> new InvalidDocumentException(
                            where + ".secret", "is the mask " + NotificationTarget.MASK + " but no secret is stored "
                            + "for this URL; send the secret itself"));
        }
        if (secret != null && secret.isEmpty()) {
            secret = null;
        }
        return new NotificationTarget(type, url, secret, List.of());
    }

    private static String url(String field, String text) {
        try {
            URI u = URI.create(text.trim());
            if ((u.getScheme() == null || !u.getScheme().matches("(?i)https?")) || u.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return u.toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException(field, "'" + text + "' is not an http(s) URL such as https://hooks.example.com/logline");
        }
    }
}
