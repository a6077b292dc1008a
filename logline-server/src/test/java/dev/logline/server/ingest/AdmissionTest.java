package dev.logline.server.ingest;

import com.google.rpc.RetryInfo;
import com.linecorp.armeria.client.grpc.GrpcClients;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.ServerFixture;
import dev.logline.server.metrics.IngestMetrics;
import dev.logline.store.BackpressureException;
import dev.logline.store.StoreFullException;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.LogsServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Admission comes before the work: a store that is behind or full is answered from the headers alone, with the
 * body never read or decompressed (the collectors' request and byte counters stay at zero), and decompression bombs
 * are refused within a second each without the server's memory growing.
 */
class AdmissionTest {

    private ColumnarLogStore columnar;
    private RefusingStore store;
    private LoglineServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private void start(Path dir, IngestLimits limits) {
        columnar = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir));
        store = new RefusingStore(columnar);
        server = LoglineServer.create(ServerConfig.defaults().withPort(0).withLimits(limits), store).start();
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (columnar != null) {
            columnar.close();
        }
    }

    private HttpRequest.Builder post(String path, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        return headers.length > 0 ? b.headers(headers) : b;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One request per HTTP collector, each with a body that would be stored if it were read. */
    private List<HttpResponse<String>> oneOfEach() throws Exception {
        byte[] ndjson = "{\"msg\":\"admitted\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bulk = "{\"index\":{}}\n{\"message\":\"admitted\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] loki = "{\"streams\":[{\"stream\":{},\"values\":[[\"1\",\"admitted\"]]}]}".getBytes(StandardCharsets.UTF_8);
        byte[] otlp = ExportLogsServiceRequest.getDefaultInstance().toByteArray();
        return List.of(
                send(post("/api/v1/ingest", gzip(ndjson), "Content-Encoding", "gzip")),
                send(post("/_bulk", gzip(bulk), "Content-Encoding", "gzip", "Content-Type", "application/x-ndjson")),
                send(post("/loki/api/v1/push", gzip(loki), "Content-Encoding", "gzip", "Content-Type", "application/json")),
                send(post("/v1/logs", otlp, "Content-Type", "application/json")));
    }

    private void assertNoBodyWasRead() {
        IngestMetrics metrics = server.metrics();
        for (String collector : List.of("native", "es_bulk", "loki", "otlp")) {
            assertThat(metrics.collector(collector).requests()).as("%s bodies read", collector).isZero();
            assertThat(metrics.collector(collector).bytes()).as("%s bytes read", collector).isZero();
            // OTLP was refused twice: once over HTTP, once over gRPC.
            assertThat(metrics.collector(collector).throttled()).as("%s refusals", collector)
                    .isEqualTo(collector.equals("otlp") ? 2 : 1);
        }
        assertThat(store.writes()).as("writes that reached the store").isZero();
    }

    private StatusRuntimeException grpcExport() {
        LogsServiceGrpc.LogsServiceBlockingStub client = GrpcClients.newClient(
                "gproto+h2c://127.0.0.1:" + server.port() + "/", LogsServiceGrpc.LogsServiceBlockingStub.class);
        return catchThrowableOfType(StatusRuntimeException.class,
                () -> client.export(ExportLogsServiceRequest.getDefaultInstance()));
    }

    @Test
    void aStoreThatIsBehindIsAnswered429BeforeAnyBodyIsRead(@TempDir Path dir) throws Exception {
        start(dir, IngestLimits.defaults());
        store.refuse(new BackpressureException("indexing is 2.5 s behind", Duration.ofMillis(2_500)));

        List<HttpResponse<String>> answers = oneOfEach();

        assertThat(answers).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after")).hasValue("3");
            assertThat(r.body()).contains("indexing is 2.5 s behind");
        });
        StatusRuntimeException grpc = grpcExport();
        assertThat(grpc.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
        com.google.rpc.Status status = StatusProto.fromThrowable(grpc);
        assertThat(status).isNotNull();
        assertThat(status.getDetails(0).unpack(RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(3);
        assertNoBodyWasRead();
    }

    @Test
    void aFullStoreIs507WithItsMessageAndResourceExhaustedOverGrpc(@TempDir Path dir) throws Exception {
        start(dir, IngestLimits.defaults());
        store.refuse(new StoreFullException("the data disk has 0.4% free; free space or lower retention", Duration.ofSeconds(60)));

        List<HttpResponse<String>> answers = oneOfEach();

        assertThat(answers).allSatisfy(r -> {
            assertThat(r.statusCode()).isEqualTo(507);
            assertThat(r.body()).contains("free space or lower retention");
        });
        assertThat(ServerFixture.json(answers.get(1)).get("error").get("type").asText()).isEqualTo("cluster_block_exception");
        StatusRuntimeException grpc = grpcExport();
        assertThat(grpc.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.RESOURCE_EXHAUSTED);
        assertThat(grpc.getStatus().getDescription()).contains("free space or lower retention");
        assertNoBodyWasRead();
    }

    /** {@code lines} copies of {@code line}, gzip-compressed: a few KB that expand a thousandfold. */
    static byte[] bomb(String line, int lines) throws IOException {
        return gzip(line.getBytes(StandardCharsets.UTF_8), lines);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        return gzip(bytes, 1);
    }

    private static byte[] gzip(byte[] bytes, int copies) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            for (int i = 0; i < copies; i++) {
                gz.write(bytes);
            }
        }
        return out.toByteArray();
    }

    /** Six bombs at once, two each at the native, bulk and Loki collectors. */
    private List<HttpRequest.Builder> sixBombs() throws IOException {
        byte[] ndjson = bomb("{}\n", 2_000_000);
        byte[] bulk = bomb("{\"index\":{}}\n{}\n", 1_000_000);
        assertThat(ndjson.length).as("compressed size").isLessThan(16 * 1024);
        List<HttpRequest.Builder> requests = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            requests.add(post("/api/v1/ingest", ndjson, "Content-Encoding", "gzip"));
            requests.add(post("/_bulk", bulk, "Content-Encoding", "gzip", "Content-Type", "application/x-ndjson"));
            requests.add(post("/loki/api/v1/push", ndjson, "Content-Encoding", "gzip", "Content-Type", "application/json"));
        }
        return requests;
    }

    /** Sends the requests at once; returns each answer's status and how long it took, in milliseconds. */
    private List<long[]> concurrently(List<HttpRequest.Builder> requests) {
        List<CompletableFuture<long[]>> answers = new ArrayList<>();
        for (HttpRequest.Builder r : requests) {
            long start = System.nanoTime();
            answers.add(http.sendAsync(r.build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(res -> new long[] {res.statusCode(), (System.nanoTime() - start) / 1_000_000}));
        }
        return answers.stream().map(CompletableFuture::join).toList();
    }

    /**
     * Sends six bombs at once (after a warm-up round: a JVM's first requests pay for class loading and JIT) and
     * checks each is answered {@code status} within a second and the heap and RSS did not grow by more than noise.
     */
    private void assertSixBombsRefused(int status) throws IOException {
        concurrently(sixBombs());
        Memory before = Memory.now();

        List<long[]> answers = concurrently(sixBombs());

        Memory after = Memory.now();
        assertThat(answers).allSatisfy(a -> {
            assertThat(a[0]).isEqualTo(status);
            assertThat(a[1]).as("milliseconds to the refusal").isLessThan(1_000);
        });
        after.assertGrewLessThan(before, 64, 256);
        assertThat(store.writes()).as("writes that reached the store").isZero();
    }

    @Test
    void sixConcurrentBombsAtABusyStoreAreRefusedWithinASecondWithoutGrowingMemory(@TempDir Path dir) throws Exception {
        start(dir, IngestLimits.defaults());
        store.refuse(new BackpressureException("indexing is behind", Duration.ofSeconds(1)));

        assertSixBombsRefused(429);
        assertThat(server.metrics().collector("native").bytes()).as("bytes read").isZero();
    }

    @Test
    void sixConcurrentBombsStopExpandingAtTheRequestCap(@TempDir Path dir) throws Exception {
        start(dir, IngestLimits.defaults().withMaxRequestBytes(1 << 20));

        assertSixBombsRefused(413);
    }

    /** Heap in use after a collection, and the process's resident set (Linux), in MiB. */
    private record Memory(long heapMiB, long rssMiB) {
        static Memory now() throws IOException {
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
            long rss = -1;
            Path status = Path.of("/proc/self/status");
            if (Files.exists(status)) {
                for (String line : Files.readAllLines(status)) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("\\D", "")) >> 10;
                    }
                }
            }
            return new Memory(heap, rss);
        }

        void assertGrewLessThan(Memory before, long heapMiB, long rssMiB) {
            assertThat(this.heapMiB - before.heapMiB).as("heap growth, MiB").isLessThan(heapMiB);
            if (rssMiB >= 0 && before.rssMiB >= 0) {
                assertThat(this.rssMiB - before.rssMiB).as("RSS growth, MiB").isLessThan(rssMiB);
            }
        }
    }
}
