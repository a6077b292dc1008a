package dev.logline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends one JSON request and reads the JSON answer; for the benchmark's admin calls and its timed queries. */
final class JsonHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /**
     * The response of one request.
     *
     * @param status the HTTP status
     * @param body   the raw body
     */
    record Answer(int status, byte[] body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text(), e);
            }
        }

        String text() {
            String s = new String(body, StandardCharsets.UTF_8);
            return s.length() > 600 ? s.substring(0, 600) + "…" : s;
        }
    }

    Answer send(URI base, QueryRequest r) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(r.pathAndQuery())).timeout(Duration.ofMinutes(10));
        if (r.jsonBody() != null) {
            b.header("Content-Type", "application/json")
                    .method(r.method(), HttpRequest.BodyPublishers.ofString(r.jsonBody(), StandardCharsets.UTF_8));
        } else {
            b.method(r.method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<byte[]> response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(r.method() + " " + r.pathAndQuery() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Sends and insists on a 2xx answer. */
    JsonNode ok(URI base, QueryRequest r) {
        Answer a = send(base, r);
        if (a.status() / 100 != 2) {
            throw new IllegalStateException(r.method() + " " + r.pathAndQuery() + " answered " + a.status() + ": "
                    + a.text());
        }
        return a.json();
    }
}
