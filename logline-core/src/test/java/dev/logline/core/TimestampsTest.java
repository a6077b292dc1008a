package dev.logline.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimestampsTest {

    private static final long T = 1_795_341_600_123_456L; // 2026-11-22T10:00:00.123456Z

    @Test
    void readsThePeersForms() {
        String[] same = {
            "2026-11-22T10:00:00.123456Z", "2026-11-22T10:00:00.123456789Z", "2026-11-22 10:00:00.123456Z",
            "2026-11-22T10:00:00,123456Z", "2026-11-22T12:00:00.123456+02:00", "2026-11-22T05:00:00.123456-0500",
            "2026-11-22t10:00:00.123456z", "2026-11-22T10:00:00.123456 UTC", "1795341600.123456",
            "1795341600123456", "1795341600123456000"
        };
        for (String s : same) {
            assertThat(Timestamps.parseMicros(s)).as(s).isEqualTo(T);
        }
        assertThat(Timestamps.parseMicros("1795341600")).isEqualTo(1_795_341_600_000_000L);
        assertThat(Timestamps.parseMicros("1795341600123")).isEqualTo(1_795_341_600_123_000L);
        assertThat(Timestamps.parseMicros(1795341600123L)).isEqualTo(1_795_341_600_123_000L);
        assertThat(Timestamps.parseMicros(1795341600.5)).isEqualTo(1_795_341_600_500_000L);
        assertThat(Timestamps.parseMicros("2026-11-22")).isEqualTo(1_795_305_600_000_000L);
    }

    @Test
    void explainsWhatItCannotRead() {
        for (String bad : new String[] {"", "yesterday", "2026-13-01T00:00:00Z", "2026-11-22T10:00:00.Z", "2026-11-22T10:00:00Zjunk"}) {
            assertThatThrownBy(() -> Timestamps.parseMicros(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Timestamps.parseMicros("yesterday")).hasMessageContaining("expected RFC 3339");
    }

    @Test
    void formatsAsRfc3339WithMicrosAndMatchesJavaTime() {
        Random random = new Random(7);
        char[] buf = new char[27];
        for (int i = 0; i < 10_000; i++) {
            long micros = (long) ((random.nextDouble() - 0.3) * 8e15);
            Timestamps.formatMicros(micros, buf);
            String text = new String(buf);
            Instant expected = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            assertThat(Instant.parse(text)).as(text).isEqualTo(expected);
            assertThat(Timestamps.formatMicros(micros)).isEqualTo(text);
            assertThat(Timestamps.parseMicros(text)).isEqualTo(micros);
        }
        assertThat(Timestamps.formatMicros(T)).isEqualTo("2026-11-22T10:00:00.123456Z");
    }
}
