package dev.logline.server.collect.elastic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEvent;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.collect.PipelineExchange;
import dev.logline.server.ingest.IngestPipeline;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import dev.logline.server.TenantResolver;

/**
 * {@code POST|PUT /_bulk} and {@code /{index}/_bulk}: the Elasticsearch bulk API as Filebeat, Logstash, Fluent Bit,
 * Vector, rsyslog and the official clients send it, answered in Elasticsearch's bulk response shape once the
 * accepted documents are durable. Bad documents fail alone (item status 400); an unreadable action line fails the
 * request (400), as in Elasticsearch.
 */
public final class EsBulkCollector implements HttpService {

    /** The collector name in metrics. */
    public static final String COLLECTOR = "es_bulk";

    private final IngestPipeline pipeline;
    private final TenantResolver tenantOf;

    public EsBulkCollector(IngestPipeline pipeline, TenantResolver tenantOf) {
        this.pipeline = pipeline;
        this.tenantOf = tenantOf;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        String tenant = tenantOf.tenantOf(ctx);
        String urlIndex = ctx.pathParam("index");
        return PipelineExchange.serve(ctx, req, pipeline, COLLECTOR,
                (body, start) -> ingest(body, tenant, urlIndex, start), EsErrors::failure);
    }

    private CompletableFuture<HttpResponse> ingest(byte[] body, String tenant, String urlIndex, long start) {
        EsBulkDecoder decoder = new EsBulkDecoder(pipeline.limits(), (e, bytes) -> pipeline.violation(tenant, e, bytes));
        List<BulkItem> items = decoder.decode(body, urlIndex, LogEvent.toMicros(Instant.now()));
        List<LogEvent> events = new ArrayList<>(items.size());
        for (BulkItem item : items) {
            if (item.event() != null) {
                events.add(item.event());
            }
        }
        pipeline.metrics().rejected(COLLECTOR, items.size() - events.size());
        return pipeline.storeChecked(tenant, COLLECTOR, events, start)
                .thenApply(ok -> bulkResponse(items, (System.nanoTime() - start) / 1_000_000));
    }

    private static HttpResponse bulkResponse(List<BulkItem> items, long tookMs) {
        boolean errors = items.stream().anyMatch(i -> i.error() != null);
        return JsonResponse.of(ResponseHeaders.builder(HttpStatus.OK)
                .contentType(com.linecorp.armeria.common.MediaType.JSON_UTF_8).build(), g -> {
            g.writeStartObject();
            g.writeNumberField("took", tookMs);
            g.writeBooleanField("errors", errors);
            g.writeArrayFieldStart("items");
            long seqNo = 0;
            for (BulkItem item : items) {
                g.writeStartObject();
                g.writeObjectFieldStart(item.action());
                g.writeStringField("_index", item.index());
                g.writeStringField("_id", item.id());
                if (item.error() == null) {
                    g.writeNumberField("_version", 1);
                    g.writeStringField("result", "created");
                    writeShards(g);
                    g.writeNumberField("_seq_no", seqNo++);
                    g.writeNumberField("_primary_term", 1);
                    g.writeNumberField("status", 201);
                } else {
                    g.writeNumberField("status", 400);
                    g.writeObjectFieldStart("error");
                    g.writeStringField("type", item.error().type());
                    g.writeStringField("reason", item.error().reason());
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static void writeShards(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("_shards");
        g.writeNumberField("total", 1);
        g.writeNumberField("successful", 1);
        g.writeNumberField("failed", 0);
        g.writeEndObject();
    }
}
