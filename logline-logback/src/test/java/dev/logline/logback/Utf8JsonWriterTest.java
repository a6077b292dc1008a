package dev.logline.logback;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logline.core.LogEventJson;
import dev.logline.logback.json.Utf8JsonWriter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8JsonWriterTest {

    private static String roundTrip(String s) throws IOException {
        Utf8JsonWriter w = new Utf8JsonWriter(8);
        w.string(s);
        try (JsonParser p = LogEventJson.FACTORY.createParser(w.buffer(), 0, w.size())) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.VALUE_STRING);
            return p.getText();
        }
    }

    @Test
    void escapesEveryCharacterSoJacksonReadsItBack() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                switch (random.nextInt(4)) {
                    case 0: b.append((char) random.nextInt(0x80)); break;
                    case 1: b.append((char) random.nextInt(0x800)); break;
                    case 2: b.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000)); break;
                    default: b.append((char) (0x800 + random.nextInt(0xD000))); break;
                }
            }
            String s = b.toString();
            assertThat(roundTrip(s)).isEqualTo(s);
        }
    }

    @Test
    void keepsLoneSurrogatesAsEscapes() throws IOException {
        assertThat(roundTrip("a\uD800b\uDC00")).isEqualTo("a\uD800b\uDC00");
    }

    @Test
    void writesNumbersAsJsonDoes() {
        Utf8JsonWriter w = new Utf8JsonWriter(8);
        w.raw('[');
        for (Object v : new Object[] {0L, -7L, Long.MIN_VALUE, Long.MAX_VALUE, 1.5, 2.0, 1e300, Double.NaN, -0.25}) {
            w.separator();
            if (v instanceof Long) {
                w.number((Long) v);
            } else {
                w.number((Double) v);
            }
        }
        w.raw(']');
        assertThat(new String(w.toByteArray(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(
                "[0,-7,-9223372036854775808,9223372036854775807,1.5,2.0,1.0E300,\"NaN\",-0.25]");
    }
}
