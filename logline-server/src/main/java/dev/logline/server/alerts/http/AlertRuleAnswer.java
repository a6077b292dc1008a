package dev.logline.server.alerts.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.alerts.AlertEngine;
import dev.logline.server.alerts.AlertRepository;
import dev.logline.server.alerts.AlertRuleJson;
import dev.logline.server.alerts.AlertStateJson;

/** A rule as the API answers it: its fields (secrets masked), its version, and under {@code status} its state. */
final class AlertRuleAnswer {

    private AlertRuleAnswer() {
    }

    static ObjectNode of(AlertEngine engine, String tenant, AlertRepository.VersionedRule v) {
        ObjectNode o = AlertRuleJson.write(v.rule(), false);
        o.put("version", v.version());
        o.put("owner", v.owner());
        o.put("updated", v.rule().provisioned() ? null : v.updated().toString());
        o.set("status", AlertStateJson.write(engine.repository().state(tenant, v.rule())));
        return o;
    }
}
