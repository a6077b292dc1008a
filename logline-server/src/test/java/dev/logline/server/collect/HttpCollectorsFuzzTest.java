package dev.logline.server.collect;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.RequestHeaders;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.server.collect.otlp.OtlpGrpcLogsService;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP ingest protocol, fuzzed through a real {@code LoglineServer} on a random port with the JDK's HTTP
 * client: damaged bodies and raw bytes under the protocol's content types (and a few wrong ones and compressions) are
 * always answered 2xx or 4xx, never 5xx, and OTLP/gRPC with a status the specification allows; after each property
 * the server still answers its health check and stores a well-formed request.
 */
class HttpCollectorsFuzzTest {

    private static final String ES8 = "application/vnd.elasticsearch+x-ndjson; compatible-with=8";

    private static ServerFixture fx;
    private static WebClient grpc;

    @BeforeContainer
    static void start() throws IOException {
        fx = ServerFixture.inTemporaryFolder(LoglineServer.builder().config(ServerConfig.defaults().withPort(0)));
        grpc = WebClient.of("h2c://127.0.0.1:" + fx.server.port());
    }

    @AfterContainer
    static void stop() throws IOException {
        fx.close();
    }

    @AfterProperty
    void serverStillAnswers() {
        assertThat(fx.get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> good = fx.post("/api/v1/ingest", "{\"msg\":\"still here\"}\n", "Content-Type", "application/x-ndjson");
        assertThat(good.statusCode()).as(good.body()).isBetween(200, 299);
    }

    @Provide
    Arbitrary<String> encodings() {
        return Arbitraries.frequency(Tuple.of(8, ""), Tuple.of(1, "gzip"), Tuple.of(1, "zstd"), Tuple.of(1, "br"));
    }

    @Provide
    Arbitrary<byte[]> ndjson() {
        return FuzzInputs.of(CollectorSamples.ndjson(), 512);
    }

    @Provide
    Arbitrary<byte[]> bulk() {
        return FuzzInputs.of(CollectorSamples.esBulk(), 512);
    }

    @Provide
    Arbitrary<byte[]> lokiJson() {
        return FuzzInputs.of(CollectorSamples.lokiJson(), 512);
    }

    @Provide
    Arbitrary<byte[]> lokiSnappy() {
        List<byte[]> compressed = new ArrayList<>();
        for (byte[] b : CollectorSamples.lokiProtobuf()) {
            try {
                compressed.add(Snappy.compress(b));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return FuzzInputs.of(compressed, 512);
    }

    @Provide
    Arbitrary<byte[]> otlpJson() {
        return FuzzInputs.of(CollectorSamples.otlpJson(), 512);
    }

    @Provide
    Arbitrary<byte[]> otlpProtobuf() {
        return FuzzInputs.of(CollectorSamples.otlpProtobuf(), 512);
    }

    @Property
    void nativeIngest(@ForAll("ndjson") byte[] body, @ForAll("encodings") String encoding,
                      @ForAll("nativeTypes") String type) {
        assertAnswered("/api/v1/ingest", body, type, encoding);
    }

    @Provide
    Arbitrary<String> nativeTypes() {
        return Arbitraries.of("application/x-ndjson", "application/json", "text/plain", "");
    }

    @Property
    void elasticsearchBulk(@ForAll("bulk") byte[] body, @ForAll("encodings") String encoding, @ForAll boolean indexInPath) {
        assertAnswered(indexInPath ? "/logs-fuzz/_bulk" : "/_bulk", body, ES8, encoding);
    }

    @Property
    void lokiJsonPush(@ForAll("lokiJson") byte[] body, @ForAll("encodings") String encoding) {
        assertAnswered("/loki/api/v1/push", body, "application/json", encoding);
    }

    @Property
    void lokiProtobufPush(@ForAll("lokiSnappy") byte[] body) {
        assertAnswered("/loki/api/v1/push", body, "application/x-protobuf", "");
    }

    @Property
    void otlpJsonLogs(@ForAll("otlpJson") byte[] body, @ForAll("encodings") String encoding) {
        assertAnswered("/v1/logs", body, "application/json", encoding);
    }

    @Property
    void otlpProtobufLogs(@ForAll("otlpProtobuf") byte[] body, @ForAll("encodings") String encoding) {
        assertAnswered("/v1/logs", body, "application/x-protobuf", encoding);
    }

    /**
     * OTLP/gRPC over HTTP/2 (Armeria's client, h2c): a well-framed gRPC message whose protobuf is damaged is answered
     * OK or INVALID_ARGUMENT (or the store's UNAVAILABLE / RESOURCE_EXHAUSTED), never INTERNAL or UNKNOWN.
     */
    @Property
    void otlpGrpcExport(@ForAll("otlpProtobuf") byte[] message) {
        byte[] framed = ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
        AggregatedHttpResponse response = grpc.execute(RequestHeaders.of(HttpMethod.POST, OtlpGrpcLogsService.PATH,
                HttpHeaderNames.CONTENT_TYPE, "application/grpc", HttpHeaderNames.TE, "trailers"), framed)
                .aggregate().join();
        assertThat(response.status().code()).isEqualTo(200);
        // A trailers-only answer (an error before any message) carries the status in its headers.
        var trailers = response.trailers().contains("grpc-status") ? response.trailers() : response.headers();
        assertThat(trailers.get("grpc-status")).as("grpc-status (%s)", trailers.get("grpc-message"))
                .isIn("0", "3", "8", "14");
    }

    private static void assertAnswered(String path, byte[] body, String type, String encoding) {
        HttpRequest.Builder request = HttpRequest.newBuilder(fx.uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!type.isEmpty()) {
            request.header("Content-Type", type);
        }
        if (!encoding.isEmpty()) {
            request.header("Content-Encoding", encoding);
        }
        HttpResponse<String> response = fx.send(request);
        assertThat(response.statusCode()).as("%s answered %s", path, response.body()).isBetween(200, 499);
    }
}
