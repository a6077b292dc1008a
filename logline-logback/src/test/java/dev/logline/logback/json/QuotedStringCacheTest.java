package dev.logline.logback.json;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class QuotedStringCacheTest {

    private static String written(QuotedStringCache cache, String... strings) {
        Utf8JsonWriter w = new Utf8JsonWriter(16);
        for (String s : strings) {
            cache.string(s, w);
        }
        return new String(w.buffer(), 0, w.size(), StandardCharsets.UTF_8);
    }

    @Test
    void writesWhatTheWriterWritesWhetherCachedOrNot() {
        QuotedStringCache cache = new QuotedStringCache(4);
        String tricky = "thread \"main\"\n\u00e9\u4e2d";
        Utf8JsonWriter plain = new Utf8JsonWriter(16);
        plain.string(tricky);
        String expected = new String(plain.toByteArray(), StandardCharsets.UTF_8);
        assertThat(written(cache, tricky)).isEqualTo(expected);
        // the second time comes from the cache
        assertThat(written(cache, tricky)).isEqualTo(expected);
    }

    @Test
    void anEqualStringThatIsAnotherObjectIsEncodedAgainNotMistaken() {
        QuotedStringCache cache = new QuotedStringCache(2);
        String a = new String("logger.A");
        String b = new String("logger.A");
        assertThat(written(cache, a, b, a)).isEqualTo("\"logger.A\"\"logger.A\"\"logger.A\"");
        // many strings sharing two slots evict each other and are still written right
        StringBuilder expected = new StringBuilder();
        String[] names = new String[50];
        for (int i = 0; i < names.length; i++) {
            names[i] = "n" + i;
            expected.append('"').append(names[i]).append('"');
        }
        assertThat(written(cache, names)).isEqualTo(expected.toString());
        assertThat(written(cache, names)).isEqualTo(expected.toString());
    }

    @Test
    void keysGetASeparatorAndAColon() {
        QuotedStringCache cache = new QuotedStringCache(8);
        Utf8JsonWriter w = new Utf8JsonWriter(16);
        w.raw('{');
        cache.key("a", w);
        w.number(1);
        cache.key("a", w);
        w.number(2);
        w.raw('}');
        assertThat(new String(w.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1,\"a\":2}");
    }
}
