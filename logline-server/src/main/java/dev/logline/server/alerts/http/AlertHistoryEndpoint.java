package dev.logline.server.alerts.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.logline.server.TenantResolver;
import dev.logline.server.alerts.AlertEngine;
import dev.logline.server.alerts.AlertStateJson;
import dev.logline.server.alerts.HistoryEntry;

import java.util.Set;

/** {@code GET /api/v1/alerts/{id}/history?limit=100}: the rule's state changes, newest first. */
final class AlertHistoryEndpoint extends AlertEndpoint {

    AlertHistoryEndpoint(AlertEngine engine, TenantResolver tenants) {
        super(engine, tenants, Set.of(HttpMethod.GET));
    }

    @Override
    HttpResponse handle(Call call) {
        String id = call.param("id");
        engine.repository().rule(call.tenant(), id).orElseThrow(() -> AlertRuleEndpoint.notFound(id, call.tenant()));
        int limit = 100;
        String l = call.query("limit");
        if (l != null && !l.isBlank()) {
            try {
                limit = Integer.parseInt(l.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                throw new IllegalArgumentException("parameter 'limit': '" + l + "' is not a whole number from 1");
            }
        }
        ObjectNode o = JSON.createObjectNode();
        ArrayNode entries = o.putArray("entries");
        for (HistoryEntry h : engine.repository().history(call.tenant(), id, limit)) {
            entries.add(AlertStateJson.write(h));
        }
        return json(HttpStatus.OK, o);
    }
}
