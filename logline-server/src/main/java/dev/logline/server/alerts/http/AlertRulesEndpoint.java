package dev.logline.server.alerts.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.logline.server.TenantResolver;
import dev.logline.server.alerts.AlertEngine;
import dev.logline.server.alerts.AlertRepository;

import java.util.Set;

/** {@code GET /api/v1/alerts} lists the tenant's rules with their state; {@code POST} creates one (201). */
final class AlertRulesEndpoint extends AlertEndpoint {

    AlertRulesEndpoint(AlertEngine engine, TenantResolver tenants) {
        super(engine, tenants, Set.of(HttpMethod.GET, HttpMethod.POST));
    }

    @Override
    HttpResponse handle(Call call) {
        if (call.method() == HttpMethod.POST) {
            AlertRepository.VersionedRule v = engine.repository().create(call.tenant(), call.owner(), required(call));
            return json(HttpStatus.CREATED, AlertRuleAnswer.of(engine, call.tenant(), v));
        }
        ObjectNode o = JSON.createObjectNode();
        ArrayNode rules = o.putArray("rules");
        for (AlertRepository.VersionedRule v : engine.repository().rules(call.tenant())) {
            rules.add(AlertRuleAnswer.of(engine, call.tenant(), v));
        }
        return json(HttpStatus.OK, o);
    }
}
