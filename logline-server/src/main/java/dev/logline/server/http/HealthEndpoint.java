package dev.logline.server.http;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;

/** {@code GET /healthz}: 200 {@code {"status":"ok"}} while the server is up; needs no credentials. */
public final class HealthEndpoint implements HttpService {

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        return JsonResponse.of(HttpStatus.OK, g -> {
            g.writeStartObject();
            g.writeStringField("status", "ok");
            g.writeEndObject();
        });
    }
}
