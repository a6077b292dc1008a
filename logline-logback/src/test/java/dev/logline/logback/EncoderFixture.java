package dev.logline.logback;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logline.core.JsonValues;
import dev.logline.core.LogEventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/** Builds started encoders with a fixed environment and reads their output strictly. */
final class EncoderFixture {

    private static final JsonFactory STRICT = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxStringLength(64 * 1024 * 1024).build())
            .build();

    private EncoderFixture() {
    }

    /** An encoder with host node-1, no environment variables, configured by {@code settings}, started. */
    static LoglineEncoder encoder(LoggerContext context, Consumer<LoglineEncoder> settings) {
        return encoder(context, Map.of(), settings);
    }

    static LoglineEncoder encoder(LoggerContext context, Map<String, String> env, Consumer<LoglineEncoder> settings) {
        LoglineEncoder enc = new LoglineEncoder();
        enc.setContext(context);
        enc.setEnvironment(env::get);
        enc.setHost("node-1");
        settings.accept(enc);
        enc.start();
        return enc;
    }

    /**
     * Parses one encoded line with a parser that rejects duplicate keys, checking it is exactly one object
     * followed by one newline.
     */
    static Map<String, Object> strictParse(byte[] line) {
        String text = new String(line, StandardCharsets.UTF_8);
        if (!text.endsWith("\n") || text.indexOf('\n') != text.length() - 1) {
            throw new AssertionError("not exactly one line: " + text);
        }
        try (JsonParser p = STRICT.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new AssertionError("not an object: " + text);
            }
            Map<String, Object> m = JsonValues.readObject(p);
            if (p.nextToken() != null) {
                throw new AssertionError("trailing content: " + text);
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException("invalid or duplicate-keyed JSON: " + text, e);
        }
    }

    static dev.logline.core.LogEvent decode(byte[] line) {
        strictParse(line);
        return LogEventJson.parse(new String(line, StandardCharsets.UTF_8).trim(), 0);
    }
}
