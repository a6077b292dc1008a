package dev.logline.server.metrics;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.server.collect.kafka.KafkaCollector;
import dev.logline.store.LogStore;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** {@code GET /metrics}: ingest counters and store gauges in the Prometheus text format. */
public final class MetricsEndpoint implements HttpService {

    private static final MediaType PROMETHEUS = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");

    private final IngestMetrics metrics;
    private final LogStore store;
    private final Supplier<KafkaCollector> kafka;

    public MetricsEndpoint(IngestMetrics metrics, LogStore store) {
        this(metrics, store, () -> null);
    }

    public MetricsEndpoint(IngestMetrics metrics, LogStore store, Supplier<KafkaCollector> kafka) {
        this.metrics = metrics;
        this.store = store;
        this.kafka = kafka;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        // store.stats() may walk the data directory, so it stays off the event loop.
        return HttpResponse.of(CompletableFuture.supplyAsync(
                () -> {
                    KafkaCollector k = kafka.get();
                    return HttpResponse.of(HttpStatus.OK, PROMETHEUS, PrometheusText.render(metrics, store.stats(),
                            k == null ? null : k.status()));
                },
                ctx.blockingTaskExecutor()));
    }
}
