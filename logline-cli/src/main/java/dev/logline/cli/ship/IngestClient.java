package dev.logline.cli.ship;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.logline.core.redact.Redactor;
import dev.logline.core.tls.ClientTls;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPOutputStream;

/**
 * Posts batches of JSON lines to the server's native ingest endpoint ({@code POST /api/v1/ingest}), gzip-compressed,
 * after redacting them: secrets are removed before a line leaves this machine.
 */
public final class IngestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String apiKey;
    private final Duration timeout;
    private final HttpClient http;
    private final Redactor redactor;

    /**
     * @param baseUrl the server, e.g. {@code http://127.0.0.1:4680}
     * @param apiKey  a key with the {@code ingest} role, or {@code null}
     * @param timeout how long one request may take
     */
    public IngestClient(String baseUrl, String apiKey, Duration timeout) {
        this(baseUrl, apiKey, timeout, null, Redactor.none());
    }

    /**
     * @param tls      how an https:// server is verified; {@code null} for the system trust store
     * @param redactor what every line goes through before it is sent
     */
    public IngestClient(String baseUrl, String apiKey, Duration timeout, SSLContext tls, Redactor redactor) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI base = URI.create(b);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("not a server URL: '" + baseUrl + "' (expected like http://127.0.0.1:4680)");
        }
        this.endpoint = URI.create(b + "/api/v1/ingest");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.timeout = timeout;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            http.sslContext(tls);
        }
        this.http = http.build();
        this.redactor = redactor;
    }

    /**
     * Sends one batch. An interrupt while the request is in flight does not abandon it: the answer decides whether the
     * offsets may advance, so this waits for it (bounded by the timeout) and then restores the interrupt flag.
     */
    public IngestAnswer send(List<String> jsonLines) throws DeliveryFailure {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "application/x-ndjson")
                .header("Content-Encoding", "gzip")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(jsonLines.stream().map(redactor::jsonLine).toList())));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        CompletableFuture<HttpResponse<String>> pending =
                http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer(pending.get());
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    String tls = ClientTls.describe(cause, endpoint.toString(), "--ca-file");
                    throw new DeliveryFailure(0, true, null, tls != null ? "cannot talk to the Logline server at "
                            + endpoint + ": " + tls : "cannot reach the Logline server at " + endpoint
                            + " (" + describe(cause) + ")", cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private IngestAnswer answer(HttpResponse<String> response) throws DeliveryFailure {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status >= 200 && status < 300 || (status == 400 && body != null && body.path("rejected").isArray())) {
            // 400 with a rejection list: every line of the batch was refused, one by one; nothing to retry.
            List<IngestAnswer.Rejection> rejected = new ArrayList<>();
            if (body != null) {
                for (JsonNode r : body.path("rejected")) {
                    rejected.add(new IngestAnswer.Rejection(r.path("line").asInt(), r.path("error").asText()));
                }
            }
            return new IngestAnswer(body == null ? 0 : body.path("accepted").asInt(), rejected);
        }
        String message = body != null && body.hasNonNull("error") ? body.get("error").asText()
                : response.body() == null || response.body().isBlank() ? "HTTP " + status : response.body().strip();
        boolean retryable = status == 408 || status == 429 || status >= 500;
        String advice = status == 401 || status == 403 ? "; pass a key with the ingest role via --api-key or LOGLINE_API_KEY"
                : status == 404 ? "; is --url a Logline server?" : "";
        throw new DeliveryFailure(status, retryable, retryAfter(response), "the server answered " + status + ": "
                + message + advice, null);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Long.parseLong(v.trim()));
            } catch (NumberFormatException httpDate) {
                return null; // an HTTP date: the backoff's own delay will do
            }
        }).orElse(null);
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode n = body == null || body.isBlank() ? null : JSON.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private static byte[] gzip(List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (String line : lines) {
                gz.write(line.getBytes(StandardCharsets.UTF_8));
                gz.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
        return bytes.toByteArray();
    }

    private static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
