package dev.logline.server.collect.elastic;

import com.linecorp.armeria.server.HttpService;

/**
 * Adds {@code X-Elastic-Product: Elasticsearch} to every response of an Elasticsearch-compatible path: the
 * official clients (7.14+) refuse to talk to a server that does not send it.
 */
public final class EsProductHeader {

    private EsProductHeader() {
    }

    public static HttpService decorate(HttpService service) {
        return (ctx, req) -> {
            ctx.addAdditionalResponseHeader("x-elastic-product", "Elasticsearch");
            return service.serve(ctx, req);
        };
    }
}
