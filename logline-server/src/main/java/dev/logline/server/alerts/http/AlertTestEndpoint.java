package dev.logline.server.alerts.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.logline.core.Timestamps;
import dev.logline.server.TenantResolver;
import dev.logline.server.alerts.AlertEngine;
import dev.logline.server.alerts.AlertRule;
import dev.logline.server.alerts.AlertRuleJson;
import dev.logline.server.alerts.Evaluation;

import java.util.Set;

/**
 * {@code POST /api/v1/alerts/test} (a rule in the body, not saved) and {@code POST /api/v1/alerts/{id}/test} (a
 * stored rule): evaluates the rule now and answers the value of each group and whether it breaches, changing no
 * state and sending nothing. The editor's preview. A rule whose query cannot run is a 400 with the reason.
 */
final class AlertTestEndpoint extends AlertEndpoint {

    AlertTestEndpoint(AlertEngine engine, TenantResolver tenants) {
        super(engine, tenants, Set.of(HttpMethod.POST));
    }

    @Override
    HttpResponse handle(Call call) {
        String id = call.ctx().pathParams().get("id");
        AlertRule rule = id == null ? AlertRuleJson.read(required(call), "preview", false, null)
                : engine.repository().rule(call.tenant(), id).orElseThrow(() -> AlertRuleEndpoint.notFound(id,
                call.tenant())).rule();
        Evaluation e = engine.preview(call.tenant(), rule);
        if (e.error() != null) {
            throw new IllegalArgumentException("the rule cannot be evaluated: " + e.error());
        }
        ObjectNode o = JSON.createObjectNode();
        Double highest = e.highest();
        if (highest == null) {
            o.putNull("value");
        } else {
            o.put("value", highest);
        }
        o.put("breaching", e.groups().stream().anyMatch(Evaluation.GroupValue::breaching));
        o.put("condition", rule.condition().print());
        ArrayNode groups = o.putArray("groups");
        for (Evaluation.GroupValue g : e.groups()) {
            ObjectNode n = groups.addObject();
            ObjectNode group = n.putObject("group");
            g.group().forEach(group::put);
            if (g.value() == null) {
                n.putNull("value");
            } else {
                n.put("value", g.value());
            }
            n.put("breaching", g.breaching());
        }
        o.put("from", Timestamps.formatMicros(e.range().fromMicros()));
        o.put("to", Timestamps.formatMicros(e.range().toMicros()));
        o.put("took_ms", e.tookMs());
        return json(HttpStatus.OK, o);
    }
}
