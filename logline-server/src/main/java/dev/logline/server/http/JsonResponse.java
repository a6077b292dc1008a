package dev.logline.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import dev.logline.core.LogEventJson;
import dev.logline.server.ingest.IngestFailure;
import dev.logline.store.BackpressureException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** JSON bodies written with a streaming generator, and the error answers every endpoint shares. */
public final class JsonResponse {

    /** Writes one JSON value to the generator. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonResponse() {
    }

    /** The body's bytes. */
    public static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = LogEventJson.FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static HttpResponse of(HttpStatus status, Body body) {
        return HttpResponse.of(status, MediaType.JSON_UTF_8, bytes(body));
    }

    public static HttpResponse of(ResponseHeaders headers, Body body) {
        return HttpResponse.of(headers, com.linecorp.armeria.common.HttpData.wrap(bytes(body)));
    }

    /** {@code {"error": message}} with the status. */
    public static HttpResponse error(HttpStatus status, String message) {
        return of(status, g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }

    /** The cause behind completion wrappers. */
    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The status a failure maps to: 400 unreadable, 413 too large, 429 backpressure, 507 store full, else 503. */
    public static HttpStatus statusOf(Throwable failure) {
        return switch (IngestFailure.of(failure)) {
            case UNREADABLE -> HttpStatus.BAD_REQUEST;
            case TOO_LARGE -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
            case BUSY -> HttpStatus.TOO_MANY_REQUESTS;
            case FULL -> HttpStatus.INSUFFICIENT_STORAGE;
            case NOT_STORED -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /**
     * Headers for a failure's status with the given content type, and {@code Retry-After} (whole seconds, at least
     * 1) when the store is behind or full.
     */
    public static ResponseHeaders failureHeaders(Throwable failure, MediaType contentType) {
        ResponseHeadersBuilder h = ResponseHeaders.builder(statusOf(failure)).contentType(contentType);
        BackpressureException busy = IngestFailure.backpressure(failure);
        if (busy != null) {
            h.add(HttpHeaderNames.RETRY_AFTER, Long.toString(IngestFailure.retryAfterSeconds(busy)));
        }
        return h.build();
    }

    /** {@link #failureHeaders(Throwable, MediaType)} for a JSON body. */
    public static ResponseHeaders failureHeaders(Throwable failure) {
        return failureHeaders(failure, MediaType.JSON_UTF_8);
    }

    /** A failure as {@code {"error": …}} with the status {@link #statusOf} gives it. */
    public static HttpResponse failure(Throwable failure) {
        String message = IngestFailure.message(failure);
        return of(failureHeaders(failure), g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }
}
