package dev.logline.server.http;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * Renders the statuses Armeria answers by itself (a body over {@code maxRequestBytes}, no route, wrong method, a
 * timeout) as {@code {"error": …}} like every other answer, instead of a plain-text page.
 */
public final class JsonStatusRenderer implements ServerErrorHandler {

    private final long maxRequestBytes;

    public JsonStatusRenderer(long maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
        return null; // services map their own failures; anything else keeps Armeria's default handling
    }

    @Override
    public AggregatedHttpResponse renderStatus(ServiceRequestContext ctx, ServiceConfig config, RequestHeaders headers,
                                               HttpStatus status, String description, Throwable cause) {
        String message;
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
            // Routes may cap bodies lower than the server (the query API does): tell the cap that applied.
            long max = config.maxRequestLength() > 0 ? config.maxRequestLength() : maxRequestBytes;
            String path = headers.path();
            message = path.startsWith("/api/v1/") && !path.startsWith("/api/v1/ingest")
                    ? "the request body is over " + max + " bytes; a query is at most 65,536 characters"
                    : "request body is over the limit of " + max + " bytes; send smaller batches or raise maxRequestBytes";
        } else if (status == HttpStatus.REQUEST_URI_TOO_LONG) {
            message = "the request line is over 4096 bytes; send a long query as a POST with a JSON body "
                    + "{\"q\": …} (see docs/API.md)";
        } else {
            message = status.reasonPhrase() + (description == null ? "" : ": " + description);
        }
        byte[] body = JsonResponse.bytes(g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
        return AggregatedHttpResponse.of(status, MediaType.JSON_UTF_8, body);
    }
}
