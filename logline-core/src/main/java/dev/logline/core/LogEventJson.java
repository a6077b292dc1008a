package dev.logline.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The Logline JSON codec: one event, one JSON object, in the schema of DESIGN.md "The event".
 *
 * <p>Writing emits reserved fields in a fixed order, then attributes as given, then error, steps and
 * duration; reading accepts any field order and any peer's names (see {@link EventNormalizer}).
 */
public final class LogEventJson {

    /** The shared factory: thread-safe, tuned to accept the large messages logs carry. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            // emoji and other non-BMP characters as 4 UTF-8 bytes in byte output, not as escaped surrogate pairs
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(64 * 1024 * 1024)
                    .maxNestingDepth(200)
                    .build())
            .build();

    private static final SerializedString TS = new SerializedString("ts");
    private static final SerializedString LEVEL = new SerializedString("level");
    private static final SerializedString MSG = new SerializedString("msg");

    private LogEventJson() {
    }

    /** Writes the event as one JSON object. */
    public static void write(LogEvent e, JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeFields(e, g);
        g.writeEndObject();
    }

    /**
     * Writes the event's fields into an object the caller has opened, so a caller can put its own fields
     * (an API's {@code _id}, say) beside them without re-encoding the event.
     */
    public static void writeFields(LogEvent e, JsonGenerator g) throws IOException {
        g.writeFieldName(TS);
        char[] ts = new char[27];
        Timestamps.formatMicros(e.tsMicros(), ts);
        g.writeString(ts, 0, ts.length);
        g.writeFieldName(LEVEL);
        g.writeString(e.level().name());
        if (e.msg() != null) {
            g.writeFieldName(MSG);
            g.writeString(e.msg());
        }
        writeIfSet(g, "service", e.service());
        writeIfSet(g, "env", e.env());
        writeIfSet(g, "version", e.version());
        writeIfSet(g, "host", e.host());
        writeIfSet(g, "tenant", e.tenant());
        writeIfSet(g, "logger", e.logger());
        writeIfSet(g, "thread", e.thread());
        writeIfSet(g, "trace_id", e.traceId());
        writeIfSet(g, "span_id", e.spanId());
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            g.writeFieldName(a.getKey());
            writeValue(g, a.getValue());
        }
        if (e.error() != null) {
            g.writeFieldName("error");
            writeError(g, e.error());
        }
        if (!e.steps().isEmpty()) {
            g.writeFieldName("steps");
            writeSteps(g, e.steps());
        }
        if (e.durationMs() != null) {
            g.writeNumberField("duration_ms", e.durationMs());
        }
    }

    /** Writes the steps of an event-logging event as an array. */
    public static void writeSteps(JsonGenerator g, List<Step> steps) throws IOException {
        g.writeStartArray();
        for (Step s : steps) {
            g.writeStartObject();
            g.writeNumberField("t_ms", s.tMs());
            g.writeNumberField("dt_ms", s.dtMs());
            if (s.line() > 0) {
                g.writeNumberField("line", s.line());
            }
            if (s.msg() != null) {
                g.writeStringField("msg", s.msg());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeIfSet(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** Writes an error object, its cause nested under {@code cause}. */
    public static void writeError(JsonGenerator g, ErrorInfo error) throws IOException {
        g.writeStartObject();
        writeIfSet(g, "type", error.type());
        writeIfSet(g, "message", error.message());
        writeIfSet(g, "stack", error.stack());
        writeIfSet(g, "hash", error.hash());
        if (error.cause() != null) {
            g.writeFieldName("cause");
            writeError(g, error.cause());
        }
        g.writeEndObject();
    }

    /** Writes an attribute value of any type {@link LogEvent} allows; other objects are written as their text. */
    public static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeString(Double.toString(d));
            }
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else if (v instanceof BigDecimal) {
            g.writeNumber((BigDecimal) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object o : (List<?>) v) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    /** The event as a JSON string without a trailing newline. */
    public static String toJson(LogEvent e) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            write(e, g);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    /** The event as UTF-8 JSON bytes without a trailing newline. */
    public static byte[] toJsonBytes(LogEvent e) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(FACTORY._getBufferRecycler(), 256);
             JsonGenerator g = FACTORY.createGenerator(out)) {
            write(e, g);
            g.flush();
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A JSON value (any type {@link #writeValue} takes) written as text. */
    public static String valueToJson(Object v) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            writeValue(g, v);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    /**
     * Reads one event from a JSON object text, mapping aliases; an event without a time gets {@code defaultTsMicros}.
     *
     * @throws MalformedEventException when the text is not a JSON object or a reserved field is malformed
     */
    public static LogEvent parse(String json, long defaultTsMicros) {
        return parse(json.getBytes(StandardCharsets.UTF_8), 0, -1, defaultTsMicros);
    }

    /** Reads one event from UTF-8 JSON; {@code length} below zero means to the end of the array. */
    public static LogEvent parse(byte[] utf8, int offset, int length, long defaultTsMicros) {
        int len = length < 0 ? utf8.length - offset : length;
        try (JsonParser p = FACTORY.createParser(utf8, offset, len)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new MalformedEventException(null, "expected a JSON object, found "
                        + (t == null ? "nothing" : t.asString() == null ? t.name() : "'" + t.asString() + "'"));
            }
            Map<String, Object> fields = JsonValues.readObject(p);
            if (p.nextToken() != null) {
                throw new MalformedEventException(null, "unexpected content after the JSON object at column "
                        + p.currentLocation().getColumnNr());
            }
            return EventNormalizer.normalize(fields, defaultTsMicros);
        } catch (MalformedEventException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedEventException("invalid JSON: " + e.getMessage().split("\n", 2)[0], e);
        }
    }

    /** Reads an event at the parser's START_OBJECT token. */
    public static LogEvent read(JsonParser p, long defaultTsMicros) throws IOException {
        return EventNormalizer.normalize(JsonValues.readObject(p), defaultTsMicros);
    }
}
