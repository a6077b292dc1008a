package dev.logline.server.ingest;

import dev.logline.core.ErrorInfo;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EventTruncatorTest {

    private static long jsonBytes(LogEvent e) {
        return LogEventJson.toJsonBytes(e).length;
    }

    @Test
    void theLongestTextIsCutUntilTheEventFitsAndItIsMarked() {
        LogEvent e = LogEvent.builder().msg("m".repeat(5_000)).attribute("note", "n".repeat(300))
                .error(new ErrorInfo("X", "boom", "s".repeat(2_000), null, null)).build();
        long bytes = jsonBytes(e);

        LogEvent cut = EventTruncator.fit(e, bytes, 4_000);

        assertThat(cut.attributes()).containsEntry("_truncated", true);
        assertThat(jsonBytes(cut)).as("its JSON, measured here only to check").isLessThanOrEqualTo(4_000);
        assertThat(cut.msg()).startsWith("mmm").hasSizeLessThan(5_000);
        assertThat(cut.error().stack()).as("cut only once the message alone is not enough").hasSize(2_000);
        assertThat(cut.attribute("note")).isEqualTo("n".repeat(300));
    }

    @Test
    void severalTextsAreCutWhenOneIsNotEnough() {
        LogEvent e = LogEvent.builder().msg("m".repeat(3_000)).attribute("body", "b".repeat(3_000)).build();

        LogEvent cut = EventTruncator.fit(e, jsonBytes(e), 1_000);

        assertThat(jsonBytes(cut)).isLessThanOrEqualTo(1_000);
        assertThat(cut.msg().length() + ((String) cut.attribute("body")).length()).isLessThan(1_000);
    }

    @Test
    void multiByteCharactersAreNeverSplit() {
        LogEvent e = LogEvent.builder().msg("ü✓😀".repeat(1_000)).build();

        LogEvent cut = EventTruncator.fit(e, jsonBytes(e), 2_001);

        String msg = cut.msg();
        assertThat(new String(msg.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(msg);
        assertThat(Character.isHighSurrogate(msg.charAt(msg.length() - 1))).isFalse();
        assertThat(jsonBytes(cut)).isLessThanOrEqualTo(2_001);
    }

    @Test
    void anEventWhoseSizeIsInItsFieldsCannotBeCut() {
        LogEvent.Builder b = LogEvent.builder().msg("short");
        for (int i = 0; i < 500; i++) {
            b.attribute("field_" + i, (long) i);
        }
        LogEvent e = b.build();

        assertThat(EventTruncator.fit(e, jsonBytes(e), 1_000)).isNull();
    }

    @Test
    void utf8LengthsAreCountedWithoutEncoding() {
        for (String s : new String[] {"", "abc", "grüße", "✓", "😀x"}) {
            assertThat(EventTruncator.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
