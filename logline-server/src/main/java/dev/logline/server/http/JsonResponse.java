package dev.logline.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import dev.logline.core.LogEventJson;
import dev.logline.server.ingest.BadRequestException;
import dev.logline.server.ingest.RequestTooLargeException;
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

    /** The status a failure maps to: 429 backpressure, 413 too large, 400 unreadable, else 503. */
    public static HttpStatus statusOf(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof BackpressureException) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        if (t instanceof RequestTooLargeException || t instanceof ContentTooLargeException) {
            return HttpStatus.REQUEST_ENTITY_TOO_LARGE;
        }
        if (t instanceof BadRequestException || t instanceof IllegalArgumentException) {
            return HttpStatus.BAD_REQUEST;
        }
        return HttpStatus.SERVICE_UNAVAILABLE;
    }

    /** Headers for a failure's status, with {@code Retry-After} (whole seconds, at least 1) on backpressure. */
    public static ResponseHeaders failureHeaders(Throwable failure) {
        Throwable t = unwrap(failure);
        ResponseHeadersBuilder h = ResponseHeaders.builder(statusOf(t)).contentType(MediaType.JSON_UTF_8);
        if (t instanceof BackpressureException) {
            long seconds = Math.max(1, (((BackpressureException) t).retryAfter().toMillis() + 999) / 1000);
            h.add("retry-after", Long.toString(seconds));
        }
        return h.build();
    }

    /** A failure as {@code {"error": …}} with the status {@link #statusOf} gives it. */
    public static HttpResponse failure(Throwable failure) {
        Throwable t = unwrap(failure);
        String message;
        if (t instanceof ContentTooLargeException) {
            // Armeria's own cap (maxRequestLength) tripped while a body of unknown length streamed in.
            long max = ((ContentTooLargeException) t).maxContentLength();
            message = "request body is over the limit of " + max + " bytes; send smaller batches or raise maxRequestBytes";
        } else if (statusOf(t) == HttpStatus.SERVICE_UNAVAILABLE) {
            message = "the store could not take the request: " + t;
        } else {
            message = t.getMessage();
        }
        return of(failureHeaders(t), g -> {
            g.writeStartObject();
            g.writeStringField("error", message);
            g.writeEndObject();
        });
    }
}
