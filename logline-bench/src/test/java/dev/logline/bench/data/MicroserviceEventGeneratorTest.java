package dev.logline.bench.data;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MicroserviceEventGeneratorTest {

    private static final Instant END = Instant.parse("2026-11-22T12:00:00Z");

    private static List<LogEvent> generate(long seed, long n) {
        MicroserviceEventGenerator g = new MicroserviceEventGenerator(seed, n, END, Duration.ofHours(24));
        List<LogEvent> out = new ArrayList<>();
        g.forEachRemaining(out::add);
        return out;
    }

    @Test
    void sameSeedGivesTheSameEventsAndAnotherSeedDifferentOnes() {
        List<String> a = generate(7, 3_000).stream().map(LogEventJson::toJson).toList();
        List<String> b = generate(7, 3_000).stream().map(LogEventJson::toJson).toList();
        List<String> c = generate(8, 3_000).stream().map(LogEventJson::toJson).toList();

        assertThat(a).hasSize(3_000).isEqualTo(b);
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void yieldsExactlyTheRequestedNumberInsideTheWindowOldestFirst() {
        List<LogEvent> events = generate(1, 5_001);

        assertThat(events).hasSize(5_001);
        long start = LogEvent.toMicros(END.minus(Duration.ofHours(24)));
        long end = LogEvent.toMicros(END);
        assertThat(events).allSatisfy(e -> assertThat(e.tsMicros()).isBetween(start, end - 1));
        // Spread over the whole day: the first event in its first hour, the last in its last hour.
        assertThat(events.get(0).tsMicros()).isLessThan(start + 3_600_000_000L);
        assertThat(events.get(events.size() - 1).tsMicros()).isGreaterThan(end - 3_600_000_000L);
    }

    @Test
    void tracesSpanSeveralServicesAndTheSampledOnesExist() {
        MicroserviceEventGenerator g = new MicroserviceEventGenerator(3, 20_000, END, Duration.ofHours(24));
        Map<String, Set<String>> servicesByTrace = new HashMap<>();
        g.forEachRemaining(e -> servicesByTrace.computeIfAbsent(e.traceId(), k -> new HashSet<>()).add(e.service()));

        QueryTargets targets = g.targets();
        assertThat(targets.traceIds()).hasSizeGreaterThan(30);
        assertThat(targets.traceIds()).allSatisfy(id -> assertThat(servicesByTrace).containsKey(id));
        long multiService = servicesByTrace.values().stream().filter(s -> s.size() >= 2).count();
        assertThat(multiService).isGreaterThan(servicesByTrace.size() / 2);
    }

    @Test
    void holdsLogTraceEventsErrorsWithStacksAndTypedFields() {
        List<LogEvent> events = generate(5, 20_000);

        assertThat(events).anySatisfy(e -> {
            assertThat(e.steps()).hasSizeBetween(3, 7);
            assertThat(e.durationMs()).isGreaterThanOrEqualTo(e.steps().get(e.steps().size() - 1).tMs());
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.level()).isEqualTo(Level.ERROR);
            assertThat(e.error().stack()).contains("\n\tat ");
            assertThat(e.error().hash()).hasSize(6);
        });
        assertThat(events).anySatisfy(e -> assertThat(e.attributes().get("latency_ms")).isInstanceOf(Double.class));
        assertThat(events).anySatisfy(e -> assertThat(e.attributes().get("cache_hit")).isInstanceOf(Boolean.class));
        assertThat(events).anySatisfy(e -> assertThat(e.attributes().get("http")).isInstanceOf(Map.class));
        assertThat(events.stream().map(LogEvent::service).distinct().count()).isEqualTo(9);
        assertThat(events.stream().map(LogEvent::host).distinct().count()).isGreaterThan(20);
    }

    @Test
    void theNeedleIsRareAndThePhraseIsCommon() {
        List<LogEvent> events = generate(11, 100_000);

        long needles = events.stream().filter(e -> e.msg().contains(MicroserviceEventGenerator.NEEDLE_WORD)).count();
        long phrases = events.stream().filter(e -> e.msg().contains(MicroserviceEventGenerator.PHRASE)).count();
        assertThat(needles).isBetween(1L, 20L);
        assertThat(phrases).isGreaterThan(100);
    }

    @Test
    void refusesToGoPastTheEnd() {
        MicroserviceEventGenerator g = new MicroserviceEventGenerator(1, 1, END, Duration.ofHours(1));
        g.next();

        assertThat(g.hasNext()).isFalse();
        assertThatThrownBy(g::next).hasMessageContaining("all 1 events");
    }
}
