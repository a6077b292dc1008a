package dev.logline.bench.load;

import dev.logline.bench.data.MicroserviceEventGenerator;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchFormatTest {

    private static List<LogEvent> events(int n) {
        List<LogEvent> out = new ArrayList<>();
        new MicroserviceEventGenerator(2, n, Instant.parse("2026-11-22T00:00:00Z"), Duration.ofHours(1))
                .forEachRemaining(out::add);
        return out;
    }

    @Test
    void ndjsonHoldsOneEventPerLineThatReadsBackEqual() {
        List<LogEvent> events = events(50);
        String[] lines = new String(BatchFormat.NDJSON.render(events), StandardCharsets.UTF_8).split("\n");

        assertThat(lines).hasSize(50);
        for (int i = 0; i < lines.length; i++) {
            assertThat(LogEventJson.parse(lines[i], 0)).isEqualTo(events.get(i));
        }
    }

    @Test
    void bulkPutsAnIndexActionBeforeEveryEvent() {
        List<LogEvent> events = events(20);
        String[] lines = new String(BatchFormat.BULK.render(events), StandardCharsets.UTF_8).split("\n");

        assertThat(lines).hasSize(40);
        for (int i = 0; i < 20; i++) {
            assertThat(lines[2 * i]).isEqualTo("{\"index\":{}}");
            assertThat(lines[2 * i + 1]).isEqualTo(LogEventJson.toJson(events.get(i)));
        }
    }

    @Test
    void onDemandAndPrerenderedStreamsHandOutTheSameBatches() {
        var now = Instant.parse("2026-11-22T00:00:00Z");
        BatchStream a = BatchStream.prerendered(new MicroserviceEventGenerator(2, 2_500, now, Duration.ofHours(1)),
                1_000, BatchFormat.NDJSON);
        BatchStream b = BatchStream.onDemand(new MicroserviceEventGenerator(2, 2_500, now, Duration.ofHours(1)),
                1_000, BatchFormat.NDJSON);

        List<Integer> sizes = new ArrayList<>();
        for (var batch = a.next(); batch.isPresent(); batch = a.next()) {
            var other = b.next().orElseThrow();
            assertThat(other.body()).isEqualTo(batch.get().body());
            sizes.add(batch.get().events());
        }
        assertThat(b.next()).isEmpty();
        assertThat(sizes).containsExactly(1_000, 1_000, 500);
    }
}
