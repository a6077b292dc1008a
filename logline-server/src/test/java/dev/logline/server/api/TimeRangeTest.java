package dev.logline.server.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeRangeTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final long NOW_MICROS = 1_795_341_600_000_000L;

    @Test
    void defaultsToTheSpanBeforeNow() {
        TimeRange r = TimeRange.of(null, null, null, NOW, Duration.ofMinutes(15));
        assertThat(r.toMicros()).isEqualTo(NOW_MICROS + 1);
        assertThat(r.toMicros() - r.fromMicros()).isEqualTo(15 * 60 * 1_000_000L);
    }

    @Test
    void readsRfc3339AndEpochMillis() {
        TimeRange r = TimeRange.of("1795341000000", "2026-11-22T10:00:00.5+00:00", null, NOW, Duration.ofMinutes(15));
        assertThat(r.fromMicros()).isEqualTo(1_795_341_000_000_000L);
        assertThat(r.toMicros()).isEqualTo(NOW_MICROS + 500_000);
    }

    @Test
    void lastCountsBackFromTo() {
        TimeRange r = TimeRange.of(null, "2026-11-22T10:00:00Z", "2h", NOW, Duration.ofMinutes(15));
        assertThat(r.fromMicros()).isEqualTo(NOW_MICROS - 2 * 3600 * 1_000_000L);
        assertThat(TimeRange.duration("last", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(TimeRange.duration("last", "2w")).isEqualTo(Duration.ofDays(14));
        assertThat(TimeRange.duration("last", "90s")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatThrownBy(() -> TimeRange.of(null, null, "15 minutes", NOW, Duration.ofMinutes(1)))
                .hasMessageContaining("'last'").hasMessageContaining("15m");
        assertThatThrownBy(() -> TimeRange.of("soon", null, null, NOW, Duration.ofMinutes(1)))
                .hasMessageContaining("'from'").hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> TimeRange.of("2026-11-22T11:00:00Z", null, null, NOW, Duration.ofMinutes(1)))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> TimeRange.of(null, null, "0m", NOW, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
