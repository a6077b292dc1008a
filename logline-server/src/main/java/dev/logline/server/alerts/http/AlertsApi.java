package dev.logline.server.alerts.http;

import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import dev.logline.server.TenantResolver;
import dev.logline.server.alerts.AlertEngine;

/**
 * Mounts the alerts API of {@code docs/ALERTS.md} under {@code /api/v1/alerts}: rules (list, get, create, update,
 * delete), test runs, history and silences. Reading needs the read role, changing and test-running the admin role
 * ({@link dev.logline.server.auth.RouteRoles}); every call acts for the caller's tenant.
 */
public final class AlertsApi {

    private AlertsApi() {
    }

    public static void register(ServerBuilder sb, AlertEngine engine, TenantResolver tenants) {
        SilencesEndpoint silences = new SilencesEndpoint(engine, tenants);
        AlertTestEndpoint test = new AlertTestEndpoint(engine, tenants);
        mount(sb, "/api/v1/alerts", new AlertRulesEndpoint(engine, tenants));
        mount(sb, "/api/v1/alerts/test", test);
        mount(sb, "/api/v1/alerts/silences", silences);
        mount(sb, "/api/v1/alerts/silences/{id}", silences);
        mount(sb, "/api/v1/alerts/{id}", new AlertRuleEndpoint(engine, tenants));
        mount(sb, "/api/v1/alerts/{id}/test", test);
        mount(sb, "/api/v1/alerts/{id}/history", new AlertHistoryEndpoint(engine, tenants));
    }

    private static void mount(ServerBuilder sb, String path, HttpService endpoint) {
        sb.route().path(path).maxRequestLength(AlertEndpoint.MAX_BODY_BYTES).build(endpoint);
    }
}
