package dev.logline.server.alerts.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.logline.server.TenantResolver;
import dev.logline.server.alerts.AlertEngine;
import dev.logline.server.alerts.AlertStateJson;
import dev.logline.server.documents.InvalidDocumentException;
import dev.logline.server.alerts.Silence;
import dev.logline.server.api.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code GET|POST /api/v1/alerts/silences} and {@code DELETE /api/v1/alerts/silences/{id}}. A silence is
 * {@code {"rule_id": "…" (optional: every rule), "matchers": {"service": "payments"}, "duration": "2h" or
 * "ends_at": "RFC 3339", "comment": "…"}}.
 */
final class SilencesEndpoint extends AlertEndpoint {

    static final Duration MAX_DURATION = Duration.ofDays(90);

    SilencesEndpoint(AlertEngine engine, TenantResolver tenants) {
        super(engine, tenants, Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE));
    }

    @Override
    HttpResponse handle(Call call) {
        String id = call.ctx().pathParams().get("id");
        if (call.method() == HttpMethod.DELETE) {
            if (id == null) {
                throw new IllegalArgumentException("DELETE names one silence: /api/v1/alerts/silences/{id}");
            }
            if (!engine.repository().deleteSilence(call.tenant(), id)) {
                throw new NoSuchElementException("no silence '" + id + "' in tenant " + call.tenant());
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("deleted", id);
            return json(HttpStatus.OK, o);
        }
        if (call.method() == HttpMethod.POST) {
            Silence s = engine.repository().createSilence(call.tenant(), call.owner(), read(call));
            return json(HttpStatus.CREATED, AlertStateJson.write(s, engine.now()));
        }
        ObjectNode o = JSON.createObjectNode();
        ArrayNode list = o.putArray("silences");
        Instant now = engine.now();
        engine.repository().silences(call.tenant()).forEach(s -> list.add(AlertStateJson.write(s, now)));
        return json(HttpStatus.OK, o);
    }

    private Silence read(Call call) {
        JsonNode b = required(call);
        b.fieldNames().forEachRemaining(f -> {
            if (!Set.of("rule_id", "matchers", "duration", "ends_at", "comment").contains(f)) {
                throw new InvalidDocumentException(f, "is not a field of a silence; known: rule_id, matchers, duration, "
                        + "ends_at, comment");
            }
        });
        String ruleId = b.hasNonNull("rule_id") ? b.get("rule_id").asText() : null;
        if (ruleId != null && engine.repository().rule(call.tenant(), ruleId).isEmpty()) {
            throw new InvalidDocumentException("rule_id", "no alert rule '" + ruleId + "' in tenant " + call.tenant());
        }
        Map<String, String> matchers = new LinkedHashMap<>();
        JsonNode m = b.get("matchers");
        if (m != null && !m.isNull()) {
            if (!m.isObject()) {
                throw new InvalidDocumentException("matchers", "must be an object of group fields to values, e.g. "
                        + "{\"service\": \"payments\"}");
            }
            m.fields().forEachRemaining(e -> matchers.put(e.getKey(), e.getValue().asText()));
        }
        Instant now = engine.now();
        Instant ends;
        if (b.hasNonNull("ends_at")) {
            try {
                ends = Instant.parse(b.get("ends_at").asText());
            } catch (DateTimeParseException e) {
                throw new InvalidDocumentException("ends_at", "'" + b.get("ends_at").asText() + "' is not an RFC 3339 "
                        + "time such as 2026-11-22T18:00:00Z");
            }
        } else if (b.hasNonNull("duration")) {
            try {
                ends = now.plus(TimeRange.duration("duration", b.get("duration").asText()));
            } catch (IllegalArgumentException e) {
                throw new InvalidDocumentException("duration", "'" + b.get("duration").asText() + "' is not a duration "
                        + "such as 30m, 2h, 1d");
            }
        } else {
            throw new InvalidDocumentException("duration", "a silence needs an end: \"duration\": \"2h\" or \"ends_at\"");
        }
        if (!ends.isAfter(now) || ends.isAfter(now.plus(MAX_DURATION))) {
            throw new InvalidDocumentException("ends_at", "must be in the future and at most 90 days away, was " + ends);
        }
        String comment = b.hasNonNull("comment") ? b.get("comment").asText() : "";
        return new Silence("new", ruleId, matchers, now, ends, comment, call.owner());
    }
}
