package dev.logline.server.collect.elastic;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.IngestFailure;

/** Failures in Elasticsearch's error shape: {@code {"error": {"root_cause": […], "type", "reason"}, "status"}}. */
final class EsErrors {

    private EsErrors() {
    }

    static HttpResponse failure(Throwable failure) {
        Throwable t = IngestFailure.unwrap(failure);
        if (t instanceof MalformedBulkException) {
            return of(HttpStatus.BAD_REQUEST, "illegal_argument_exception", t.getMessage());
        }
        ResponseHeaders headers = JsonResponse.failureHeaders(t);
        HttpStatus status = headers.status();
        String type = switch (IngestFailure.of(t)) {
            case BUSY -> "es_rejected_execution_exception";
            // What Elasticsearch answers when a disk passes its flood stage.
            case FULL -> "cluster_block_exception";
            case TOO_LARGE -> "content_too_long_exception";
            case UNREADABLE -> "parse_exception";
            case NOT_STORED -> "unavailable_shards_exception";
        };
        String reason = IngestFailure.message(t);
        return JsonResponse.of(headers, g -> write(g, status, type, reason));
    }

    static HttpResponse of(HttpStatus status, String type, String reason) {
        return JsonResponse.of(status, g -> write(g, status, type, reason));
    }

    private static void write(com.fasterxml.jackson.core.JsonGenerator g, HttpStatus status, String type, String reason)
            throws java.io.IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("error");
        g.writeArrayFieldStart("root_cause");
        g.writeStartObject();
        g.writeStringField("type", type);
        g.writeStringField("reason", reason);
        g.writeEndObject();
        g.writeEndArray();
        g.writeStringField("type", type);
        g.writeStringField("reason", reason);
        g.writeEndObject();
        g.writeNumberField("status", status.code());
        g.writeEndObject();
    }
}
