package dev.logline.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.message.BasicHeader;
import org.opensearch.client.Request;
import org.opensearch.client.Response;
import org.opensearch.client.ResponseException;
import org.opensearch.client.ResponseListener;
import org.opensearch.client.RestClient;
import org.opensearch.client.RestClientBuilder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * JSON over HTTP to the cluster with OpenSearch's low-level REST client (round robin over the configured nodes,
 * dead ones retried later), basic auth and a private CA when configured. Every failure is a {@link ClusterException}
 * that names the request.
 */
final class OpenSearchHttp implements Closeable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final RestClient client;

    private OpenSearchHttp(RestClient client) {
        this.client = client;
    }

    static OpenSearchHttp connect(OpenSearchStoreConfig config) {
        HttpHost[] hosts = config.urls().stream()
                .map(u -> new HttpHost(u.getHost(), u.getPort() < 0 ? defaultPort(u) : u.getPort(), u.getScheme()))
                .toArray(HttpHost[]::new);
        RestClientBuilder b = RestClient.builder(hosts);
        if (config.user() != null) {
            String basic = Base64.getEncoder().encodeToString(
                    (config.user() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
            b.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + basic)});
        }
        int timeoutMs = (int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis());
        b.setRequestConfigCallback(rc -> rc.setConnectTimeout(Math.min(timeoutMs, 10_000)).setSocketTimeout(timeoutMs));
        SSLContext ssl = config.caCertificate() == null ? null : trusting(config);
        b.setHttpClientConfigCallback(hc -> {
            hc.setMaxConnTotal(64).setMaxConnPerRoute(32);
            return ssl == null ? hc : hc.setSSLContext(ssl);
        });
        return new OpenSearchHttp(b.build());
    }

    private static int defaultPort(URI u) {
        return "https".equals(u.getScheme()) ? 443 : 9200;
    }

    /** An SSL context that trusts the certificates of the configured PEM file. */
    private static SSLContext trusting(OpenSearchStoreConfig config) {
        try (InputStream in = Files.newInputStream(config.caCertificate())) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("no certificate in " + config.caCertificate()
                        + "; give the PEM file of the CA that signed OpenSearch's certificate");
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the OpenSearch CA certificate " + config.caCertificate()
                    + ": " + e.getMessage(), e);
        }
    }

    /** Sends a JSON body (or none) and reads the JSON answer; an error status throws. */
    JsonNode send(String method, String path, JsonNode body) {
        return send(method, path, body == null ? null : body.toString(), ContentType.APPLICATION_JSON);
    }

    /** Like {@link #send(String, String, JsonNode)}, but a 404 answers {@code null} instead of throwing. */
    JsonNode sendOrNull(String method, String path, JsonNode body) {
        try {
            return send(method, path, body);
        } catch (ClusterException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private JsonNode send(String method, String path, String body, ContentType type) {
        Request r = request(method, path, body, type);
        try {
            return read(client.performRequest(r));
        } catch (ResponseException e) {
            throw failure(method, path, e.getResponse(), e);
        } catch (IOException e) {
            throw new ClusterException(0, method + " " + path + ": OpenSearch is unreachable (" + e.getMessage()
                    + "); check --opensearch-url and that the cluster is up", e);
        }
    }

    /** Sends an NDJSON body (a bulk request) without blocking; the future fails with a {@link ClusterException}. */
    CompletableFuture<JsonNode> sendNdjsonAsync(String path, String body) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        client.performRequestAsync(request("POST", path, body, NDJSON), new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                try {
                    answer.complete(read(response));
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(Exception e) {
                if (e instanceof ResponseException re) {
                    answer.completeExceptionally(failure("POST", path, re.getResponse(), e));
                } else {
                    answer.completeExceptionally(new ClusterException(0, "POST " + path
                            + ": OpenSearch is unreachable (" + e.getMessage() + ")", e));
                }
            }
        });
        return answer;
    }

    private static Request request(String method, String path, String body, ContentType type) {
        Request r = new Request(method, path);
        if (body != null) {
            r.setEntity(new StringEntity(body, type));
        }
        return r;
    }

    private static JsonNode read(Response response) {
        try {
            if (response.getEntity() == null) {
                return MissingNode.getInstance();
            }
            try (InputStream in = response.getEntity().getContent()) {
                JsonNode node = JSON.readTree(in);
                return node == null ? MissingNode.getInstance() : node;
            }
        } catch (IOException e) {
            throw new ClusterException(0, "cannot read OpenSearch's answer: " + e.getMessage(), e);
        }
    }

    private static ClusterException failure(String method, String path, Response response, Exception cause) {
        int status = response.getStatusLine().getStatusCode();
        String reason;
        try {
            JsonNode body = read(response);
            JsonNode root = body.path("error").path("root_cause").path(0);
            reason = root.isMissingNode() ? body.path("error").toString() : root.path("type").asText() + ": "
                    + root.path("reason").asText();
        } catch (RuntimeException unreadable) {
            reason = response.getStatusLine().getReasonPhrase();
        }
        return new ClusterException(status, method + " " + path + " failed with " + status + ": " + reason, cause);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
