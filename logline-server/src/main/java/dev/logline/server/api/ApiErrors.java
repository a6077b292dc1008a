package dev.logline.server.api;

import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import dev.logline.query.LqlSyntaxException;
import dev.logline.query.exec.QueryLimitException;
import dev.logline.query.exec.QueryTimeoutException;
import dev.logline.server.http.JsonResponse;

import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps what a query endpoint throws onto its answer: LQL errors to 400 with {@code column} and {@code hint},
 * bad parameters and query limits (terms, groups, memory, regular expressions) to 400, an oversized body to 413,
 * unknown ids to 404, a wrong method to 405, a query past its time limit to 503, a caller over its share of
 * concurrent queries to 429 and the server over its total to 503 (both with Retry-After); only our own faults
 * are 500.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static HttpResponse toResponse(Throwable failure) {
        Throwable t = JsonResponse.unwrap(failure);
        if (t instanceof LqlSyntaxException) {
            LqlSyntaxException e = (LqlSyntaxException) t;
            return JsonResponse.of(HttpStatus.BAD_REQUEST, g -> {
                g.writeStartObject();
                g.writeStringField("error", e.getMessage());
                g.writeNumberField("column", e.column());
                g.writeStringField("hint", e.hint());
                g.writeEndObject();
            });
        }
        if (t instanceof QueryLimitException || t instanceof IllegalArgumentException) {
            return JsonResponse.error(HttpStatus.BAD_REQUEST, t.getMessage());
        }
        if (t instanceof ContentTooLargeException) {
            return JsonResponse.error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the request body is over "
                    + ApiEndpoint.MAX_BODY_BYTES + " bytes; a query is at most 65,536 characters");
        }
        if (t instanceof NoSuchElementException) {
            return JsonResponse.error(HttpStatus.NOT_FOUND, t.getMessage());
        }
        if (t instanceof QueryTimeoutException) {
            return JsonResponse.error(HttpStatus.SERVICE_UNAVAILABLE, t.getMessage());
        }
        if (t instanceof QueryRefusedException r) {
            HttpStatus status = r.callerShare() ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
            return JsonResponse.of(ResponseHeaders.builder(status).contentType(MediaType.JSON_UTF_8)
                    .add(HttpHeaderNames.RETRY_AFTER, "1").build(), g -> {
                        g.writeStartObject();
                        g.writeStringField("error", r.getMessage());
                        g.writeEndObject();
                    });
        }
        if (t instanceof java.util.concurrent.TimeoutException) {
            return JsonResponse.error(HttpStatus.SERVICE_UNAVAILABLE, "the query ran out of time: " + t.getMessage()
                    + "; narrow the time range or the filter");
        }
        return JsonResponse.error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + t);
    }

    /** 405 with the {@code Allow} header, for a method the route does not answer. */
    public static HttpResponse methodNotAllowed(HttpMethod method, String path, Set<HttpMethod> allowed) {
        String allow = allowed.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
        ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.METHOD_NOT_ALLOWED)
                .contentType(MediaType.JSON_UTF_8)
                .add(HttpHeaderNames.ALLOW, allow)
                .build();
        return JsonResponse.of(headers, g -> {
            g.writeStartObject();
            g.writeStringField("error", method + " is not allowed on " + path + "; use " + allow);
            g.writeEndObject();
        });
    }
}
