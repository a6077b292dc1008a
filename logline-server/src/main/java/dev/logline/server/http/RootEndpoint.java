package dev.logline.server.http;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * {@code GET|HEAD /}, wanted by two callers: a browser gets the web UI's {@code index.html}; anything else (an
 * Elasticsearch client or shipper checking the product and version) gets the Elasticsearch node info. A browser
 * is recognised by {@code text/html} in its {@code Accept} header, which no Elasticsearch client sends.
 */
public final class RootEndpoint implements HttpService {

    private final HttpService webUi;
    private final HttpService elasticsearch;

    public RootEndpoint(HttpService webUi, HttpService elasticsearch) {
        this.webUi = webUi;
        this.elasticsearch = elasticsearch;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) throws Exception {
        String accept = req.headers().get(HttpHeaderNames.ACCEPT, "");
        return accept.contains("text/html") ? webUi.serve(ctx, req) : elasticsearch.serve(ctx, req);
    }
}
