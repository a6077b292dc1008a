package dev.logline.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.net.ssl.SSLContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * Talks to a Logline server's HTTP API ({@code /api/v1/…}) for the commands: search, traces and live tail.
 * Answers come back as JSON trees so the commands print whatever fields the server sends.
 */
public final class LoglineApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Queries longer than this go as a POST with a JSON body: the server reads request lines up to 4 KB, and a
     * URL-encoded query grows up to three times its length.
     */
    static final int LONG_QUERY = 1_500;

    private final URI base;
    private final String apiKey;
    private final HttpClient http;
    private final Duration requestTimeout;

    /**
     * @param baseUrl the server, e.g. {@code http://127.0.0.1:4680}
     * @param apiKey  sent as a bearer token, or {@code null} for a server without auth
     * @param timeout how long one request (not a tail stream) may take
     */
    public LoglineApiClient(String baseUrl, String apiKey, Duration timeout) {
        this(baseUrl, apiKey, timeout, null);
    }

    /**
     * @param tls how an https:// server is verified ({@code dev.logline.core.tls.ClientTls}); {@code null} for the
     *            system trust store
     */
    public LoglineApiClient(String baseUrl, String apiKey, Duration timeout, SSLContext tls) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = URI.create(b);
        if (base.getScheme() == null || base.getHost() == null) {
            throw new IllegalArgumentException("not a server URL: '" + baseUrl + "' (expected like http://127.0.0.1:4680)");
        }
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.requestTimeout = timeout;
        HttpClient.Builder http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            http.sslContext(tls);
        }
        this.http = http.build();
    }

    /**
     * {@code GET /api/v1/search} ({@code POST} for a long query): events newest first, or a table when the query
     * ends in stats/timechart.
     */
    public JsonNode search(String lql, TimeRange range, Integer limit, String cursor) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("q", lql);
        p.putAll(range.parameters());
        if (limit != null) {
            p.put("limit", Integer.toString(limit));
        }
        if (cursor != null) {
            p.put("cursor", cursor);
        }
        return askJson("/api/v1/search", p);
    }

    /** {@code GET /api/v1/saved-searches}: the tenant's saved searches, {@code {"items": [{"search": {…}}, …]}}. */
    public JsonNode savedSearches() {
        return askJson("/api/v1/saved-searches", Map.of());
    }

    /**
     * {@code GET /api/v1/traces/{id}}, or {@code /api/v1/traces?field=&value=} for another correlation field.
     */
    public JsonNode trace(String id, String field, TimeRange range) {
        Map<String, String> p = new LinkedHashMap<>(range == null ? Map.of() : range.parameters());
        if (field == null || field.equals("trace_id")) {
            return askJson("/api/v1/traces/" + encodePath(id), p);
        }
        p.put("field", field);
        p.put("value", id);
        return askJson("/api/v1/traces", p);
    }

    /**
     * {@code GET /api/v1/tail} ({@code POST} for a long filter): hands each pushed event to {@code listener} until it returns {@code false} or the
     * server closes the stream.
     *
     * @return {@code true} when the listener stopped the stream
     */
    public boolean tail(String lql, Predicate<ServerSentEvent> listener) {
        HttpRequest request = request("/api/v1/tail", Map.of("q", lql))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 300) {
                throw error(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            return new ServerSentEventReader(reader).forEach(listener);
        } catch (IOException e) {
            throw new ServerUnreachableException(base.toString(), e);
        }
    }

    /**
     * Any JSON call of the API, e.g. {@code call("POST", "/api/v1/alerts", rule)}: the answer as a tree, an
     * {@link ApiException} for a non-2xx answer.
     *
     * @param body the JSON body, or {@code null} for none
     */
    public JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout)
                .header("Accept", "application/json").header("Content-Type", "application/json")
                .method(method, publisher);
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return answer(send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private JsonNode askJson(String path, Map<String, String> params) {
        HttpRequest request = request(path, params).timeout(requestTimeout).header("Accept", "application/json").build();
        return answer(send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    }

    private static JsonNode answer(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw error(response.statusCode(), response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ApiException(response.statusCode(), "the server sent no valid JSON: " + e.getMessage(), null);
        }
    }

    /** A GET with the parameters in the URL, or a POST with them as a JSON body when the query is long. */
    private HttpRequest.Builder request(String path, Map<String, String> params) {
        HttpRequest.Builder b;
        String q = params.get("q");
        if (q != null && q.length() > LONG_QUERY) {
            try {
                b = HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(params), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            StringJoiner query = new StringJoiner("&");
            params.forEach((k, v) -> query.add(encode(k) + "=" + encode(v)));
            b = HttpRequest.newBuilder(URI.create(base + path + (params.isEmpty() ? "" : "?" + query))).GET();
        }
        if (apiKey != null) {
            b.header("Authorization", "Bearer " + apiKey);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ServerUnreachableException(base.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException(base.toString(), e);
        }
    }

    /** Reads the API's error shape {@code {"error": "…", "column": 17}}, tolerating a plain-text body. */
    static ApiException error(int status, String body) {
        String message = body == null || body.isBlank() ? "HTTP " + status : body.strip();
        Integer column = null;
        try {
            JsonNode n = JSON.readTree(body);
            if (n != null && n.isObject()) {
                if (n.hasNonNull("error")) {
                    message = n.get("error").isTextual() ? n.get("error").asText() : n.get("error").toString();
                }
                if (n.hasNonNull("column") && n.get("column").canConvertToInt()) {
                    column = n.get("column").asInt();
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // A proxy or an old server may answer in plain text; its body is then the message.
        }
        return new ApiException(status, message, column);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodePath(String s) {
        return encode(s);
    }
}
