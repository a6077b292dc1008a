package dev.logline.server.ingest;

import dev.logline.core.LogEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IngestLimitsTest {

    final IngestLimits limits = IngestLimits.defaults().withMaxFieldsPerEvent(3).withMaxKeyLength(8)
            .withMaxNestingDepth(3).withMaxEventBytes(1_000).withMaxFutureSkew(Duration.ofMinutes(5));

    String check(LogEvent.Builder b) {
        return limits.violation(b.build(), 100, 0L);
    }

    @Test
    void anEventWithinEveryLimitPasses() {
        assertThat(check(LogEvent.builder().msg("ok").attribute("a", 1L).attribute("b", Map.of("c", "d")))).isNull();
    }

    @Test
    void countsLeavesOfNestedObjectsAndLists() {
        assertThat(check(LogEvent.builder().attribute("a", Map.of("b", 1L, "c", 2L)).attribute("l", List.of(1L, 2L))))
                .contains("4 fields");
    }

    @Test
    void measuresDepthAndKeyLengthEverywhere() {
        assertThat(check(LogEvent.builder().attribute("a", Map.of("b", Map.of("c", Map.of("d", 1L))))))
                .contains("nests 4 levels");
        assertThat(check(LogEvent.builder().attribute("a", Map.of("much_too_long", 1L))))
                .isEqualTo("field name 'much_too_long' is 13 characters, over the limit of 8");
    }

    @Test
    void sizeAndFutureTime() {
        assertThat(limits.violation(LogEvent.builder().build(), 1_001, 0L)).contains("1001 bytes");
        assertThat(limits.violation(LogEvent.builder().tsMicros(301_000_000L).build(), 10, 0L)).contains("301 s ahead");
        assertThat(limits.violation(LogEvent.builder().tsMicros(299_000_000L).build(), 10, 0L)).isNull();
    }
}
