package dev.logline.server.api;

import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;

/**
 * Mounts the read endpoints of {@code docs/API.md} under {@code /api/v1/}. Each route takes every method: the
 * endpoint answers the ones it serves (GET, and POST with a JSON body where a query may be long) and a 405 with
 * {@code Allow} for the rest. Bodies are capped at {@link ApiEndpoint#MAX_BODY_BYTES}.
 */
public final class QueryApi {

    private QueryApi() {
    }

    public static void register(ServerBuilder sb, ApiBackend backend) {
        mount(sb, "/api/v1/search", new SearchEndpoint(backend));
        mount(sb, "/api/v1/histogram", new HistogramEndpoint(backend));
        mount(sb, "/api/v1/fields", new FieldsEndpoint(backend));
        TraceEndpoint traces = new TraceEndpoint(backend);
        mount(sb, "/api/v1/traces/{id}", traces);
        mount(sb, "/api/v1/traces", traces);
        mount(sb, "/api/v1/context/{eventId}", new ContextEndpoint(backend));
        mount(sb, "/api/v1/tail", new TailEndpoint(backend));
    }

    /**
     * Mounts {@code POST /api/v1/panels/query}, which runs a dashboard's panel queries, at most {@code concurrency}
     * of one request at a time.
     */
    public static void registerPanels(ServerBuilder sb, ApiBackend backend, int concurrency) {
        mount(sb, "/api/v1/panels/query", new PanelsEndpoint(backend, concurrency));
    }

    private static void mount(ServerBuilder sb, String path, HttpService endpoint) {
        sb.route().path(path).maxRequestLength(ApiEndpoint.MAX_BODY_BYTES).build(endpoint);
    }
}
