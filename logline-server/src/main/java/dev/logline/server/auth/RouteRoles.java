package dev.logline.server.auth;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;

import java.util.List;
import java.util.Set;

/**
 * The role each request needs, from its method and path. Open: {@code /healthz} and the web UI's own files (so the
 * page can load and ask for a key; the API calls it then makes are checked). Read: the query API and
 * {@code /metrics}, whatever the method (a query may come as a POST body), and saved searches, dashboards and
 * panel queries (their endpoints let only the owner or an admin change a document). Admin: anything else under
 * {@code /api/} that changes state (alert rules). Ingest: every other
 * route, which is every collector (native, Elasticsearch bulk and compatibility calls, Loki, OTLP HTTP and gRPC)
 * and collectors mounted later, so a new route is never open by accident.
 */
public final class RouteRoles {

    private RouteRoles() {
    }

    /** The query API's routes, which only ever read (their POST form carries a query too long for a URL). */
    private static final Set<String> QUERY_PATHS = Set.of("/api/v1/search", "/api/v1/histogram", "/api/v1/fields",
            "/api/v1/traces", "/api/v1/tail");

    /**
     * Saved searches, dashboards and their panel queries: any key that may read opens and creates them; the
     * endpoints themselves let only the owner or an admin key change one.
     */
    private static final List<String> OWNED_PREFIXES = List.of("/api/v1/saved-searches",
            "/api/v1/dashboards", "/api/v1/panels/");

    private static boolean isOwned(String path) {
        return OWNED_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private static boolean isQuery(String path) {
        return QUERY_PATHS.contains(path) || path.startsWith("/api/v1/traces/") || path.startsWith("/api/v1/context/");
    }

    /** The role a request needs, or {@code null} when it needs none. */
    public static Role required(RequestHeaders headers, String path) {
        HttpMethod method = headers.method();
        boolean reads = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (path.equals("/healthz")) {
            return null;
        }
        if (path.equals("/api/v1/ingest")) {
            return Role.INGEST;
        }
        if (isQuery(path) || isOwned(path)) {
            // Queries read whatever the method: POST carries a long query, other methods get the endpoint's 405.
            return Role.READ;
        }
        if (path.equals("/api/v1/keys") || path.startsWith("/api/v1/keys/") || path.equals("/api/v1/tenants")) {
            return Role.ADMIN; // keys are secrets' metadata: listing them is administration too
        }
        if (path.startsWith("/api/")) {
            return reads ? Role.READ : Role.ADMIN;
        }
        if (path.equals("/metrics")) {
            return Role.READ;
        }
        if (path.equals("/")) {
            // A browser gets the UI page; anything else at / is an Elasticsearch client asking for node info.
            return reads && headers.get(HttpHeaderNames.ACCEPT, "").contains("text/html") ? null : Role.INGEST;
        }
        if (method == HttpMethod.GET && !path.startsWith("/_") && !path.startsWith("/loki/")
                && !path.startsWith("/v1/") && !path.startsWith("/opentelemetry.")) {
            return null; // the web UI's static files (and 404s for what is not one)
        }
        return Role.INGEST;
    }
}
