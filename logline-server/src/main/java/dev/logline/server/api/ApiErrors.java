package dev.logline.server.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import dev.logline.query.LqlSyntaxException;
import dev.logline.query.exec.QueryLimitException;
import dev.logline.server.http.JsonResponse;

import java.util.NoSuchElementException;

/**
 * Maps what a query endpoint throws onto its answer: LQL errors to 400 with {@code column} and {@code hint},
 * bad parameters and query limits to 400, unknown ids to 404; only our own faults are 500.
 */
final class ApiErrors {

    private ApiErrors() {
    }

    static HttpResponse toResponse(Throwable failure) {
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
        if (t instanceof NoSuchElementException) {
            return JsonResponse.error(HttpStatus.NOT_FOUND, t.getMessage());
        }
        if (t instanceof java.util.concurrent.TimeoutException) {
            return JsonResponse.error(HttpStatus.SERVICE_UNAVAILABLE, "the query ran out of time: " + t.getMessage()
                    + "; narrow the time range or the filter");
        }
        return JsonResponse.error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error: " + t);
    }
}
