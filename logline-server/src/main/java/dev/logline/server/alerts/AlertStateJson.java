package dev.logline.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a rule's state, its history entries and silences are written as JSON: in their stored documents and in the
 * API's answers alike (times RFC 3339, states lower case).
 */
public final class AlertStateJson {

    private AlertStateJson() {
    }

    public static ObjectNode write(RuleState s) {
        ObjectNode o = AlertRuleJson.JSON.createObjectNode();
        o.put("state", s.overall().text());
        putTime(o, "last_evaluated", s.lastEvaluated());
        o.put("error", s.error());
        putTime(o, "error_since", s.errorSince());
        putValue(o, "value", s.lastValue());
        ArrayNode groups = o.putArray("groups");
        s.groups().values().forEach(g -> groups.add(write(g)));
        ArrayNode recent = o.putArray("recent");
        for (RuleState.Sample sample : s.recent()) {
            ArrayNode pair = recent.addArray();
            pair.add(sample.at().toString());
            if (sample.value() == null) {
                pair.addNull();
            } else {
                pair.add(sample.value());
            }
        }
        return o;
    }

    static ObjectNode write(GroupState g) {
        ObjectNode o = AlertRuleJson.JSON.createObjectNode();
        o.set("group", group(g.group()));
        o.put("state", g.state().text());
        putTime(o, "since", g.since());
        putValue(o, "value", g.value());
        o.put("breaches", g.breaches());
        putTime(o, "last_notified", g.lastNotified());
        o.put("notified_firing", g.notifiedFiring());
        putTime(o, "last_seen", g.lastSeen());
        return o;
    }

    public static RuleState readState(JsonNode o, List<String> by) {
        Map<String, GroupState> groups = new LinkedHashMap<>();
        for (JsonNode g : o.path("groups")) {
            GroupState s = new GroupState(readGroup(g.path("group")), AlertState.parse(g.path("state").asText("ok")),
                    time(g, "since"), value(g, "value"), g.path("breaches").asInt(0), time(g, "last_notified"),
                    g.path("notified_firing").asBoolean(false), time(g, "last_seen"));
            groups.put(GroupState.key(by, s.group()), s);
        }
        List<RuleState.Sample> recent = new ArrayList<>();
        for (JsonNode pair : o.path("recent")) {
            recent.add(new RuleState.Sample(Instant.parse(pair.path(0).asText()),
                    pair.path(1).isNumber() ? pair.path(1).asDouble() : null));
        }
        return new RuleState(time(o, "last_evaluated"), text(o, "error"), time(o, "error_since"), groups, recent);
    }

    public static ObjectNode write(HistoryEntry h) {
        ObjectNode o = AlertRuleJson.JSON.createObjectNode();
        o.put("at", h.at().toString());
        o.set("group", group(h.group()));
        o.put("from", h.from() == null ? null : h.from().text());
        o.put("to", h.to().text());
        putValue(o, "value", h.value());
        o.put("silenced", h.silenced());
        o.put("notified", h.notified());
        o.put("detail", h.detail());
        return o;
    }

    public static HistoryEntry readHistory(JsonNode o) {
        String from = text(o, "from");
        return new HistoryEntry(time(o, "at"), readGroup(o.path("group")), from == null ? null : AlertState.parse(from),
                AlertState.parse(o.path("to").asText()), value(o, "value"), o.path("silenced").asBoolean(false),
                o.path("notified").asBoolean(false), text(o, "detail"));
    }

    public static ObjectNode write(Silence s, Instant now) {
        ObjectNode o = AlertRuleJson.JSON.createObjectNode();
        o.put("id", s.id());
        o.put("rule_id", s.ruleId());
        o.set("matchers", group(s.matchers()));
        o.put("starts_at", s.startsAt().toString());
        o.put("ends_at", s.endsAt().toString());
        o.put("comment", s.comment());
        o.put("created_by", s.createdBy());
        if (now != null) {
            o.put("active", s.active(now));
        }
        return o;
    }

    public static Silence readSilence(String id, JsonNode o) {
        return new Silence(id, text(o, "rule_id"), readGroup(o.path("matchers")), time(o, "starts_at"),
                time(o, "ends_at"), text(o, "comment"), text(o, "created_by"));
    }

    static ObjectNode group(Map<String, String> group) {
        ObjectNode o = AlertRuleJson.JSON.createObjectNode();
        group.forEach(o::put);
        return o;
    }

    static Map<String, String> readGroup(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static void putTime(ObjectNode o, String field, Instant t) {
        o.put(field, t == null ? null : t.toString());
    }

    private static void putValue(ObjectNode o, String field, Double v) {
        if (v == null) {
            o.putNull(field);
        } else {
            o.put(field, v);
        }
    }

    private static Instant time(JsonNode o, String field) {
        String t = text(o, field);
        return t == null ? null : Instant.parse(t);
    }

    private static Double value(JsonNode o, String field) {
        return o.path(field).isNumber() ? o.get(field).asDouble() : null;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
