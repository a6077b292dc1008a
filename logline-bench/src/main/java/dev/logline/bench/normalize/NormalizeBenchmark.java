package dev.logline.bench.normalize;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingest cost of reading one JSON line into an event ({@code LogEventJson.parse}: decode, then map reserved
 * names, aliases and known logger formats): our own typical event, and lines as ECS, logstash, pino, structlog and
 * loguru write them. Measures what the logger-format mapping adds per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NormalizeBenchmark {

    private static final Map<String, String> LINES = Map.of(
            "logline", "{\"ts\":\"2026-11-22T10:00:00.123456Z\",\"level\":\"INFO\",\"msg\":\"order placed\","
                    + "\"service\":\"purchasing\",\"env\":\"prod\",\"version\":\"1.4.2\",\"host\":\"node-1\","
                    + "\"logger\":\"shop.purchasing.Orders\",\"thread\":\"http-7\","
                    + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"span_id\":\"00f067aa0ba902b7\","
                    + "\"order_id\":\"ORD987\",\"amount\":250.0,\"duration_ms\":107.9}",
            "ecs", "{\"@timestamp\":\"2026-11-22T10:00:00.123Z\",\"log.level\":\"INFO\",\"message\":\"order placed\","
                    + "\"ecs.version\":\"1.2.0\",\"service.name\":\"purchasing\",\"event.dataset\":\"purchasing.log\","
                    + "\"process.thread.name\":\"http-7\",\"log.logger\":\"shop.purchasing.Orders\","
                    + "\"trace.id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"order_id\":\"ORD987\"}",
            "logstash", "{\"@timestamp\":\"2026-11-22T11:00:00.123+01:00\",\"@version\":\"1\",\"message\":\"order placed\","
                    + "\"logger_name\":\"shop.purchasing.Orders\",\"thread_name\":\"http-7\",\"level\":\"INFO\","
                    + "\"level_value\":20000,\"order_id\":\"ORD987\"}",
            "pino", "{\"level\":30,\"time\":1795341600123,\"pid\":4242,\"hostname\":\"node-1\",\"name\":\"shop\","
                    + "\"order_id\":\"ORD987\",\"msg\":\"order placed\"}",
            "structlog", "{\"order_id\": \"ORD987\", \"event\": \"order placed\", \"level\": \"info\", "
                    + "\"timestamp\": \"2026-11-22T10:00:00.123456Z\"}",
            "loguru", "{\"text\": \"2026-11-22 10:00:00.123 | INFO     | shop:place:12 - order placed\\n\", \"record\": "
                    + "{\"elapsed\": {\"repr\": \"0:00:01.5\", \"seconds\": 1.5}, \"exception\": null, \"extra\": "
                    + "{\"order_id\": \"ORD987\"}, \"file\": {\"name\": \"shop.py\", \"path\": \"/app/shop.py\"}, "
                    + "\"function\": \"place\", \"level\": {\"icon\": \"i\", \"name\": \"INFO\", \"no\": 20}, \"line\": 12, "
                    + "\"message\": \"order placed\", \"module\": \"shop\", \"name\": \"shop\", \"process\": {\"id\": 42, "
                    + "\"name\": \"MainProcess\"}, \"thread\": {\"id\": 7, \"name\": \"MainThread\"}, \"time\": {\"repr\": "
                    + "\"2026-11-22 10:00:00.123456+00:00\", \"timestamp\": 1795341600.123456}}}");

    @Param({"logline", "ecs", "logstash", "pino", "structlog", "loguru"})
    public String format;

    private byte[] line;

    @Setup
    public void setUp() {
        line = LINES.get(format).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public LogEvent parse() {
        return LogEventJson.parse(line, 0, line.length, 1_795_341_600_000_000L);
    }
}
