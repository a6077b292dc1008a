package dev.logline.server.collect;

import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.server.ServerFixture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP ingest protocol, fuzzed through a real {@code LoglineServer} on a random port with the JDK's HTTP
 * client: damaged bodies and raw bytes under the protocol's content types (and a few wrong ones and compressions) are
 * always answered 2xx or 4xx, never 5xx; after each property the server still answers its health check and stores
 * a well-formed request.
 */
class HttpCollectorsFuzzTest {

    private static final String ES8 = "application/vnd.elasticsearch+x-ndjson; compatible-with=8";

    private static Path dir;
    private static ServerFixture fx;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("logline-http-fuzz");
        fx = new ServerFixture(dir);
    }

    @AfterContainer
    static void stop() throws IOException {
        fx.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @AfterProperty
    void serverStillAnswers() {
        assertThat(fx.get("/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> good = fx.post("/api/v1/ingest", "{\"msg\":\"still here\"}\n", "Content-Type", "application/x-ndjson");
        assertThat(good.statusCode()).as(good.body()).isBetween(200, 299);
    }

    @Provide
    Arbitrary<String> encodings() {
        return Arbitraries.frequency(
                net.jqwik.api.Tuple.of(8, ""), net.jqwik.api.Tuple.of(1, "gzip"), net.jqwik.api.Tuple.of(1, "zstd"),
                net.jqwik.api.Tuple.of(1, "br"));
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
