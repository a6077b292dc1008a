package dev.logline.logback;

import ch.qos.logback.classic.spi.LoggingEvent;
import dev.logline.logback.layout.Preset;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.logline.logback.EncoderFixture.encoder;
import static dev.logline.logback.EncoderFixture.strictParse;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever names an application picks, every preset in both dotted-key modes writes each key once. */
class NoDuplicateKeysTest {

    /** Names that collide with some preset's fields, with each other, and with their own prefixed forms. */
    private static final String[] NAMES = {
        "ts", "level", "msg", "message", "@timestamp", "log.level", "log", "host", "host.name", "_host", "version",
        "@version", "trace_id", "span_id", "trace.id", "tags", "steps", "duration_ms", "error", "error.type",
        "exception.type", "attributes", "resource", "body", "severity_text", "short_message", "id", "_id",
        "attr_level", "attr_msg", "a", "a.b", "a.b.c", "http.status", "http", "thread", "thread.name", "logger_name"
    };

    @Test
    void neverRepeatsAKey() {
        CapturedEvents events = new CapturedEvents();
        Random random = new Random(11);
        for (Preset preset : Preset.values()) {
            for (String dotted : List.of("flat", "nest")) {
                LoglineEncoder enc = encoder(events.context(), e -> {
                    e.setPreset(preset.settingName());
                    e.setDottedKeys(dotted);
                    e.setService("svc");
                });
                for (int i = 0; i < 40; i++) {
                    for (int m = random.nextInt(4); m > 0; m--) {
                        MDC.put(NAMES[random.nextInt(NAMES.length)], "mdc" + m);
                    }
                    int kvs = random.nextInt(6);
                    LoggingEvent e;
                    try {
                        e = events.capture(log -> {
                            LoggingEventBuilder b = log.atError().setMessage("m");
                            for (int k = 0; k < kvs; k++) {
                                Object value = random.nextBoolean() ? (Object) k : Map.of("x", k);
                                b = b.addKeyValue(NAMES[random.nextInt(NAMES.length)], value);
                            }
                            if (random.nextBoolean()) {
                                b = b.setCause(new IllegalStateException("x"));
                            }
                            b.log();
                        });
                    } finally {
                        MDC.clear();
                    }
                    // strictParse fails on any repeated key, at any depth
                    Map<String, Object> json = strictParse(enc.encode(e));
                    assertThat(json).isNotEmpty();
                }
            }
        }
    }
}
