package dev.logline.server.alerts.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.logline.server.TenantResolver;
import dev.logline.server.alerts.AlertEngine;
import dev.logline.server.alerts.AlertRepository;
import dev.logline.server.documents.DocumentStore;

import java.util.NoSuchElementException;
import java.util.Set;

/**
 * {@code GET|PUT|DELETE /api/v1/alerts/{id}}. A PUT replaces the rule; it names the version it was based on in
 * {@code "version"} or an {@code If-Match} header, and a stale one is a 409 (neither: last write wins).
 */
final class AlertRuleEndpoint extends AlertEndpoint {

    AlertRuleEndpoint(AlertEngine engine, TenantResolver tenants) {
        super(engine, tenants, Set.of(HttpMethod.GET, HttpMethod.PUT, HttpMethod.DELETE));
    }

    @Override
    HttpResponse handle(Call call) {
        String id = call.param("id");
        AlertRepository repo = engine.repository();
        if (call.method() == HttpMethod.PUT) {
            JsonNode body = required(call);
            AlertRepository.VersionedRule v = repo.update(call.tenant(), id, call.owner(), body, expectedVersion(call, body));
            return json(HttpStatus.OK, AlertRuleAnswer.of(engine, call.tenant(), v));
        }
        if (call.method() == HttpMethod.DELETE) {
            if (!repo.delete(call.tenant(), id)) {
                throw notFound(id, call.tenant());
            }
            ObjectNode o = JSON.createObjectNode();
            o.put("deleted", id);
            return json(HttpStatus.OK, o);
        }
        AlertRepository.VersionedRule v = repo.rule(call.tenant(), id).orElseThrow(() -> notFound(id, call.tenant()));
        return json(HttpStatus.OK, AlertRuleAnswer.of(engine, call.tenant(), v));
    }

    static NoSuchElementException notFound(String id, String tenant) {
        return new NoSuchElementException("no alert rule '" + id + "' in tenant " + tenant
                + "; GET /api/v1/alerts lists them");
    }

    private static long expectedVersion(Call call, JsonNode body) {
        String ifMatch = call.ctx().request().headers().get(HttpHeaderNames.IF_MATCH);
        String text = ifMatch != null ? ifMatch.replace("\"", "").trim()
                : body.hasNonNull("version") ? body.get("version").asText() : null;
        if (text == null || text.isEmpty()) {
            return DocumentStore.ANY_VERSION;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("version '" + text + "' is not a whole number; send the version "
                    + "GET /api/v1/alerts/{id} answered");
        }
    }
}
