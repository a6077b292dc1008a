package dev.logline.server.api;

import com.linecorp.armeria.server.ServerBuilder;

/** Mounts the read endpoints of {@code docs/API.md} under {@code /api/v1/}. */
public final class QueryApi {

    private QueryApi() {
    }

    public static void register(ServerBuilder sb, ApiBackend backend) {
        sb.route().get("/api/v1/search").build(new SearchEndpoint(backend));
        sb.route().get("/api/v1/histogram").build(new HistogramEndpoint(backend));
        sb.route().get("/api/v1/fields").build(new FieldsEndpoint(backend));
        TraceEndpoint traces = new TraceEndpoint(backend);
        sb.route().get("/api/v1/traces/{id}").build(traces);
        sb.route().get("/api/v1/traces").build(traces);
        sb.route().get("/api/v1/context/{eventId}").build(new ContextEndpoint(backend));
        sb.route().get("/api/v1/tail").build(new TailEndpoint(backend));
    }
}
