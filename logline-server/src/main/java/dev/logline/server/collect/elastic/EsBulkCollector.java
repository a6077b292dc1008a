package dev.logline.server.collect.elastic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEvent;
import dev.logline.server.TenantResolver;
import dev.logline.server.collect.HttpIngestExchange;
import dev.logline.server.collect.HttpIngestProtocol;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestOutcome;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST|PUT /_bulk} and {@code /{index}/_bulk}: the Elasticsearch bulk API as Filebeat, Logstash, Fluent Bit,
 * Vector, rsyslog and the official clients send it, answered in Elasticsearch's bulk response shape once the
 * accepted documents are durable. Bad documents fail alone (item status 400 with the reason); an unreadable action
 * line fails the request (400), as in Elasticsearch.
 */
public final class EsBulkCollector implements HttpService {

    /** The collector name in metrics. */
    public static final String COLLECTOR = "es_bulk";

    private final EventSink sink;
    private final TenantResolver tenantOf;

    public EsBulkCollector(EventSink sink, TenantResolver tenantOf) {
        this.sink = sink;
        this.tenantOf = tenantOf;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        return HttpIngestExchange.serve(ctx, req, sink, COLLECTOR, tenantOf.tenantOf(ctx), new Bulk(ctx.pathParam("index")));
    }

    /** One bulk request: its actions are kept from decoding to the answer, which reports each of them. */
    private static final class Bulk implements HttpIngestProtocol {
        private final String urlIndex;
        private List<BulkItem> actions = List.of();

        Bulk(String urlIndex) {
            this.urlIndex = urlIndex;
        }

        @Override
        public DecodedBatch decode(RequestHeaders headers, byte[] body) {
            EsBulkDecoder.DecodedBulk bulk = EsBulkDecoder.decode(body, urlIndex, LogEvent.toMicros(Instant.now()));
            actions = bulk.actions();
            return bulk.batch();
        }

        @Override
        public HttpResponse answer(DecodedBatch batch, IngestOutcome outcome, long startNanos) {
            return bulkResponse(actions, outcome, (System.nanoTime() - startNanos) / 1_000_000);
        }

        @Override
        public HttpResponse failure(Throwable cause) {
            return EsErrors.failure(cause);
        }
    }

    private static HttpResponse bulkResponse(List<BulkItem> items, IngestOutcome outcome, long tookMs) {
        return JsonResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.JSON_UTF_8).build(), g -> {
            g.writeStartObject();
            g.writeNumberField("took", tookMs);
            g.writeBooleanField("errors", !outcome.rejected().isEmpty());
            g.writeArrayFieldStart("items");
            long seqNo = 0;
            for (int i = 0; i < items.size(); i++) {
                BulkItem item = items.get(i);
                BulkItem.EsError error = item.error();
                String refused = outcome.rejection(i + 1);
                if (error == null && refused != null) {
                    error = new BulkItem.EsError("illegal_argument_exception", refused);
                }
                g.writeStartObject();
                g.writeObjectFieldStart(item.action());
                g.writeStringField("_index", item.index());
                g.writeStringField("_id", item.id());
                if (error == null) {
                    g.writeNumberField("_version", 1);
                    g.writeStringField("result", "created");
                    writeShards(g);
                    g.writeNumberField("_seq_no", seqNo++);
                    g.writeNumberField("_primary_term", 1);
                    g.writeNumberField("status", 201);
                    if (outcome.isTruncated(i + 1)) {
                        // Not an Elasticsearch field: clients ignore it, people reading the answer learn of the cut.
                        g.writeBooleanField("_truncated", true);
                    }
                } else {
                    g.writeNumberField("status", 400);
                    g.writeObjectFieldStart("error");
                    g.writeStringField("type", error.type());
                    g.writeStringField("reason", error.reason());
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
