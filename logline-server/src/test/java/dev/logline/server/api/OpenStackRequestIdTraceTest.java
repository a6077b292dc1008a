package dev.logline.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.Timestamps;
import dev.logline.server.ServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.logline.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real OpenStack logs (loghub): nova-api and nova-compute lines share {@code req-…} request ids. Shipped with the
 * id as a correlation field, the transaction API must return, for every id that crosses services, exactly the
 * lines of that id, in time order, in one lane per service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenStackRequestIdTraceTest {

    static final Path LOG = Path.of("../../shared/corpora/loghub/OpenStack/OpenStack_2k.log");
    /** {@code nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO logger [req-… …] message}. */
    static final Pattern LINE = Pattern.compile(
            "^(nova-[a-z]+)\\.log\\S* (\\S+ \\S+) (\\d+) (\\w+) (\\S+) \\[(req-[0-9a-f-]+)?[^\\]]*\\] ?(.*)$");

    ServerFixture fx;
    /** Request id → the services of its lines, in file order. */
    final Map<String, List<String>> servicesById = new LinkedHashMap<>();
    final Map<String, List<Long>> timesById = new LinkedHashMap<>();

    @BeforeAll
    void shipTheCorpus(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isRegularFile(LOG), "../shared/corpora is absent: skipping the OpenStack transaction test");
        fx = new ServerFixture(dir);
        List<String> lines = Files.readAllLines(LOG, StandardCharsets.UTF_8);
        // Replay the 2017 sample as if it happened in the last hour, keeping every gap between lines.
        long first = -1;
        long shift = 0;
        StringBuilder ndjson = new StringBuilder();
        for (String raw : lines) {
            Matcher m = LINE.matcher(raw.strip());
            assertThat(m.matches()).as("unparsed line: %s", raw).isTrue();
            long ts = Timestamps.parseMicros(m.group(2));
            if (first < 0) {
                first = ts;
                shift = LogEvent.toMicros(java.time.Instant.now()) - 3_600_000_000L - first;
            }
            LogEvent.Builder event = LogEvent.builder()
                    .tsMicros(ts + shift)
                    .service(m.group(1))
                    .level(dev.logline.core.Level.parse(m.group(4)))
                    .logger(m.group(5))
                    .msg(m.group(7))
                    .attribute("pid", Long.parseLong(m.group(3)));
            String requestId = m.group(6);
            if (requestId != null) {
                event.attribute("request_id", requestId);
                servicesById.computeIfAbsent(requestId, k -> new ArrayList<>()).add(m.group(1));
                timesById.computeIfAbsent(requestId, k -> new ArrayList<>()).add(ts + shift);
            }
            ndjson.append(LogEventJson.toJson(event.build())).append('\n');
        }
        fx.ingest(ndjson.toString());
    }

    @AfterAll
    void stop() throws IOException {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void everyCrossServiceRequestComesBackWholeInTimeOrderWithOneLanePerService() {
        List<String> crossing = servicesById.entrySet().stream()
                .filter(e -> new LinkedHashSet<>(e.getValue()).size() > 1)
                .map(Map.Entry::getKey)
                .toList();
        // The corpus README counts 43 request ids shared by nova-api and nova-compute.
        assertThat(crossing).hasSizeGreaterThanOrEqualTo(40);

        for (String id : crossing) {
            var r = fx.get("/api/v1/traces?field=request_id&value=" + ServerFixture.enc(id) + "&last=2h");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode trace = json(r);
            List<String> expectedServices = servicesById.get(id);
            assertThat(trace.path("count").asInt()).as(id).isEqualTo(expectedServices.size());

            List<String> services = new ArrayList<>();
            List<String> times = new ArrayList<>();
            for (JsonNode e : trace.path("events")) {
                assertThat(e.path("request_id").asText()).isEqualTo(id);
                services.add(e.path("service").asText());
                times.add(e.path("ts").asText());
            }
            assertThat(times).as("time order of %s", id).isSorted();
            assertThat(new TreeSet<>(services)).isEqualTo(new TreeSet<>(expectedServices));
            List<String> expectedTimes = timesById.get(id).stream().sorted().map(Timestamps::formatMicros).toList();
            assertThat(times).isEqualTo(expectedTimes);

            Set<String> lanes = new LinkedHashSet<>();
            trace.path("lanes").forEach(l -> lanes.add(l.path("service").asText()));
            assertThat(lanes).containsExactlyInAnyOrderElementsOf(new TreeSet<>(expectedServices));
            assertThat(trace.path("handoffs").size()).as("hand-offs of %s", id).isPositive();
        }
    }
}
