package dev.logline.logback.error;

import dev.logline.logback.json.Utf8JsonWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FrameTextCacheTest {

    @Test
    void returnsTheSameTextAsEncodingDirectly() {
        FrameTextCache cache = new FrameTextCache();
        StackTraceElement f = new StackTraceElement("shop.Ünïcode$Inner", "run\"quoted\"", "Inner.java", 42);
        Utf8JsonWriter direct = new Utf8JsonWriter(64);
        ThrowableWriter.frame(f, direct, true);
        assertThat(cache.escaped(f)).isEqualTo(direct.toByteArray());
        assertThat(new String(cache.escaped(f), StandardCharsets.UTF_8)).isEqualTo("shop.Ünïcode$Inner.run\\\"quoted\\\"(Inner.java:42)");
        assertThat(cache.escaped(new StackTraceElement("a.B", "m", null, -2))).isEqualTo("a.B.m(Native Method)".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void staysBounded() {
        FrameTextCache cache = new FrameTextCache();
        for (int i = 0; i < FrameTextCache.MAX_FRAMES * 3; i++) {
            cache.escaped(new StackTraceElement("gen.C" + i, "m", "C.java", i));
            assertThat(cache.size()).isLessThanOrEqualTo(FrameTextCache.MAX_FRAMES);
        }
    }
}
