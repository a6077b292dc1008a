package dev.logline.server.collect.kafka;

import com.fasterxml.jackson.core.JsonGenerator;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.logline.core.LogEventJson;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/collectors/kafka}: what this server's Kafka collector reads, its partitions with their lag and
 * committed offsets, and its counts; {@code {"enabled": false}} when the server reads no Kafka. The UI shows the
 * lag from here; {@code /metrics} has the same figures for Prometheus.
 */
public final class KafkaStatusEndpoint implements HttpService {

    public static final String PATH = "/api/v1/collectors/kafka";

    private final Supplier<KafkaCollector> collector;

    public KafkaStatusEndpoint(Supplier<KafkaCollector> collector) {
        this.collector = collector;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        KafkaCollector c = collector.get();
        StringWriter out = new StringWriter();
        try (JsonGenerator g = LogEventJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeBooleanField("enabled", c != null);
            if (c != null) {
                KafkaCollector.Status s = c.status();
                g.writeStringField("reads", s.describe());
                g.writeNumberField("lag", s.lag());
                g.writeNumberField("stored", s.stored());
                g.writeNumberField("rejected", s.rejected());
                g.writeNumberField("retries", s.retries());
                g.writeNumberField("commit_failures", s.commitFailures());
                g.writeBooleanField("paused", s.paused());
                if (s.lastError() != null) {
                    g.writeStringField("last_error", s.lastError());
                }
                g.writeArrayFieldStart("partitions");
                for (KafkaCollector.PartitionStatus p : s.partitions()) {
                    g.writeStartObject();
                    g.writeStringField("topic", p.topic());
                    g.writeNumberField("partition", p.partition());
                    g.writeNumberField("lag", p.lag());
                    g.writeNumberField("committed", p.committed());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.of(HttpStatus.OK, MediaType.JSON_UTF_8, out.toString());
    }
}
