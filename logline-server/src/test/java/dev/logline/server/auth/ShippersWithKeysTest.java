package dev.logline.server.auth;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import dev.logline.server.collect.otlp.GrpcFrames;
import dev.logline.server.collect.otlp.OtlpGrpcLogsService;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real shipper clients (the Elasticsearch REST client, the OpenTelemetry SDK over gRPC) with keys. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippersWithKeysTest {

    AuthFixture auth;

    @BeforeAll
    void start(@TempDir Path dir) {
        auth = new AuthFixture(dir);
    }

    @AfterAll
    void stop() throws IOException {
        auth.close();
    }

    RestClient esClient(Header... headers) {
        return RestClient.builder(new HttpHost("127.0.0.1", auth.fx.server.port(), "http"))
                .setDefaultHeaders(headers).build();
    }

    @Test
    void theElasticsearchRestClientShipsWithAnApiKeyHeader() throws IOException {
        // Elasticsearch's own form: ApiKey base64(id:api_key), here our key id and secret.
        String credentials = auth.ingestB.key().id() + ":" + auth.ingestB.token().secret();
        Header apiKey = new BasicHeader("Authorization",
                "ApiKey " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        try (RestClient client = esClient(apiKey)) {
            Response info = client.performRequest(new Request("GET", "/"));
            assertThat(EntityUtils.toString(info.getEntity())).contains("\"tagline\"");
            Request bulk = new Request("POST", "/_bulk");
            bulk.setJsonEntity("{\"index\":{\"_index\":\"app-logs\"}}\n"
                    + "{\"@timestamp\":\"" + AuthFixture.now() + "\",\"message\":\"uniform via es client\"}\n");
            assertThat(client.performRequest(bulk).getStatusLine().getStatusCode()).isEqualTo(200);
        }
        auth.fx.store.refreshNow();
        assertThat(auth.search(auth.readB, "uniform").get("events")).hasSize(1);
        assertThat(auth.search(auth.readA, "uniform").get("events")).isEmpty();
    }

    @Test
    void theElasticsearchRestClientWithoutAKeyIsTold401() throws IOException {
        try (RestClient client = esClient()) {
            Request bulk = new Request("POST", "/_bulk");
            bulk.setJsonEntity("{\"index\":{}}\n{\"message\":\"x\"}\n");
            assertThatThrownBy(() -> client.performRequest(bulk)).isInstanceOfSatisfying(ResponseException.class,
                    e -> assertThat(e.getResponse().getStatusLine().getStatusCode()).isEqualTo(401));
        }
    }

    /** One raw unary gRPC call to the OTLP logs service over HTTP/2 cleartext. */
    AggregatedHttpResponse grpcExport(String authorization) {
        var headers = RequestHeaders.builder(HttpMethod.POST, OtlpGrpcLogsService.PATH)
                .contentType(MediaType.parse("application/grpc"))
                .add("te", "trailers");
        if (authorization != null) {
            headers.add("authorization", authorization);
        }
        byte[] body = GrpcFrames.frame(ExportLogsServiceRequest.getDefaultInstance().toByteArray());
        return WebClient.of("h2c://127.0.0.1:" + auth.fx.server.port())
                .execute(headers.build(), HttpData.wrap(body)).aggregate().join();
    }

    static String grpcStatus(AggregatedHttpResponse r) {
        String inHeaders = r.headers().get("grpc-status");
        return inHeaders != null ? inHeaders : r.trailers().get("grpc-status");
    }

    @Test
    void otlpGrpcAnswersGrpcStatusesForBadKeys() {
        assertThat(grpcStatus(grpcExport(null))).isEqualTo("16");
        assertThat(grpcStatus(grpcExport("Bearer ll_0123456789ab_" + "A".repeat(43)))).isEqualTo("16");
        AggregatedHttpResponse readOnly = grpcExport(AuthFixture.bearer(auth.readA));
        assertThat(grpcStatus(readOnly)).isEqualTo("7");
        assertThat(readOnly.headers().get("grpc-message")).contains("ingest");
        assertThat(grpcStatus(grpcExport(AuthFixture.bearer(auth.ingestA)))).isEqualTo("0");
    }

    static boolean emitThrough(LogRecordExporter exporter, String message) {
        SdkLoggerProvider provider = SdkLoggerProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "ordering")))
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter))
                .build();
        try {
            provider.get("shop").logRecordBuilder().setBody(message).emit();
            return provider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess();
        } finally {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theOpenTelemetrySdkExportsOverGrpcWithAnIngestKey() {
        String endpoint = "http://127.0.0.1:" + auth.fx.server.port();
        assertThat(emitThrough(OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).setRetryPolicy(null)
                .addHeader("Authorization", AuthFixture.bearer(auth.ingestA)).build(), "victor with key")).isTrue();
        assertThat(emitThrough(OtlpGrpcLogRecordExporter.builder().setEndpoint(endpoint).setRetryPolicy(null)
                .addHeader("Authorization", AuthFixture.bearer(auth.revoked)).build(), "victor revoked")).isFalse();
        auth.fx.store.refreshNow();
        assertThat(auth.search(auth.readA, "victor").get("events")).hasSize(1);
    }
}
