package dev.logline.core;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EventFieldsTest {

    private final LogEvent e = LogEvent.builder().tsMicros(5L).level(Level.WARN).msg("m").service("s")
            .error(new ErrorInfo("java.io.IOException", "disk full", "at a", "abcd1234", null))
            .steps(List.of(new Step(1, 1, 0, "x")))
            .attribute("http", Map.of("status", 500L, "req", Map.of("path", "/p")))
            .attribute("a.b", Map.of("c", 1L))
            .attribute("flat.key", "v")
            .attribute("tags", List.of("x", "y"))
            .build();

    @Test
    void readsReservedNestedAndDottedPaths() {
        assertThat(EventFields.get(e, "ts")).isEqualTo(5L);
        assertThat(EventFields.get(e, "level")).isEqualTo("WARN");
        assertThat(EventFields.get(e, "error")).isEqualTo("java.io.IOException");
        assertThat(EventFields.get(e, "error.message")).isEqualTo("disk full");
        assertThat(EventFields.get(e, "error.hash")).isEqualTo("abcd1234");
        assertThat(EventFields.get(e, "steps")).isEqualTo(1L);
        assertThat(EventFields.get(e, "http.status")).isEqualTo(500L);
        assertThat(EventFields.get(e, "http.req.path")).isEqualTo("/p");
        assertThat(EventFields.get(e, "a.b.c")).isEqualTo(1L);
        assertThat(EventFields.get(e, "flat.key")).isEqualTo("v");
        assertThat(EventFields.get(e, "tags")).isEqualTo(List.of("x", "y"));
        assertThat(EventFields.get(e, "missing")).isNull();
        assertThat(EventFields.get(e, "http.missing")).isNull();
        assertThat(EventFields.get(e, "env")).isNull();
    }

    @Test
    void flattensLeaves() {
        assertThat(EventFields.flatten(e)).containsEntry("http.status", 500L).containsEntry("http.req.path", "/p")
                .containsEntry("a.b.c", 1L).containsEntry("tags", "x").containsEntry("error.type", "java.io.IOException");
    }
}
