package dev.logline.store.opensearch;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.logline.core.EventFields;
import dev.logline.core.LogEvent;
import dev.logline.core.ReservedField;
import dev.logline.query.match.EventFieldLookup;
import dev.logline.query.match.MessageTokens;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the OpenSearch document of an event ({@link FieldNames}). Every path a filter can name gets the value
 * {@link EventFields#get} gives it, which is what the reference matcher tests, so the index answers exactly what
 * {@code FilterMatcher} would; where a value cannot be indexed exactly the path is marked uncertain instead.
 */
final class EventDocuments {

    /** Longer strings and tokens are not indexed (Lucene refuses terms over 32 KiB of UTF-8); their path is uncertain. */
    static final int MAX_TERM_CHARS = 8000;
    /** Longer paths are not indexed; the event is then uncertain on every path. */
    static final int MAX_PATH_CHARS = 1000;
    /** Integers beyond this magnitude lose digits as doubles. */
    private static final long EXACT_DOUBLE = 1L << 53;
    private static final List<String> FIXED_PATHS;

    static {
        List<String> fixed = new ArrayList<>();
        for (ReservedField f : ReservedField.values()) {
            fixed.add(f.fieldName());
        }
        fixed.addAll(List.of("error.type", "error.message", "error.stack", "error.hash"));
        FIXED_PATHS = List.copyOf(fixed);
    }

    private EventDocuments() {
    }

    /**
     * Writes the document. {@code json} is the event's JSON (kept as the stored event and measured for
     * {@code _size}); {@code degraded} leaves out the per-path fields, for an index whose field limit is reached.
     */
    static void write(JsonGenerator g, String tenant, LogEvent e, byte[] json, String hash, long ingestedMillis,
                      boolean degraded) throws IOException {
        g.writeStartObject();
        g.writeNumberField(FieldNames.TS, e.tsMicros());
        g.writeStringField(FieldNames.ID, hash);
        g.writeStringField(FieldNames.TENANT, tenant);
        g.writeNumberField(FieldNames.INGESTED, ingestedMillis);
        g.writeFieldName(FieldNames.EVENT);
        g.writeRawValue(new String(json, java.nio.charset.StandardCharsets.UTF_8));

        Set<String> uncertain = new LinkedHashSet<>();
        if (e.msg() != null) {
            StringBuilder tokens = new StringBuilder(e.msg().length());
            MessageTokens.forEach(e.msg(), (token, start, end) -> {
                if (token.length() > MAX_TERM_CHARS) {
                    uncertain.add(FieldNames.TOKENS_PATH);
                } else {
                    if (tokens.length() > 0) {
                        tokens.append(' ');
                    }
                    tokens.append(token);
                }
            });
            if (tokens.length() > 0) {
                g.writeStringField(FieldNames.TOKENS, tokens.toString());
            }
        }

        Values values = new Values(uncertain);
        EventFieldLookup lookup = new EventFieldLookup(e, json.length);
        List<String> paths = new ArrayList<>(FIXED_PATHS);
        paths.add(EventFieldLookup.SIZE_FIELD);
        for (Map.Entry<String, Object> a : e.attributes().entrySet()) {
            attributePaths(a.getKey(), a.getValue(), paths);
        }
        Set<String> has = new LinkedHashSet<>();
        for (String path : paths) {
            if (path.length() > MAX_PATH_CHARS) {
                uncertain.add(FieldNames.ALL_PATHS);
                continue;
            }
            Object v = lookup.get(path);
            if (v == null || !has.add(path) || path.equals(FieldNames.TS)) {
                continue;
            }
            values.add(path, v);
        }
        g.writeArrayFieldStart(FieldNames.HAS);
        for (String path : has) {
            g.writeString(path);
        }
        g.writeEndArray();
        if (degraded) {
            uncertain.add(FieldNames.ALL_PATHS);
        } else {
            values.write(g, "k", values.strings);
            values.write(g, "n", values.numbers);
            values.write(g, "b", values.booleans);
        }
        if (!uncertain.isEmpty()) {
            g.writeArrayFieldStart(FieldNames.UNCERTAIN);
            for (String path : uncertain) {
                g.writeString(path);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Every path {@link EventFields#get} can resolve in an attribute: its own, and those inside nested objects. */
    private static void attributePaths(String path, Object v, List<String> out) {
        out.add(path);
        if (v instanceof Map) {
            for (Map.Entry<?, ?> n : ((Map<?, ?>) v).entrySet()) {
                attributePaths(path + "." + n.getKey(), n.getValue(), out);
            }
        }
    }

    /** The indexable values of each path, by type. */
    private static final class Values {
        final Map<String, List<Object>> strings = new LinkedHashMap<>();
        final Map<String, List<Object>> numbers = new LinkedHashMap<>();
        final Map<String, List<Object>> booleans = new LinkedHashMap<>();
        private final Set<String> uncertain;

        Values(Set<String> uncertain) {
            this.uncertain = uncertain;
        }

        /** A value as the matcher sees it: lists match by any element (nested lists too), objects by no value. */
        void add(String path, Object v) {
            if (v instanceof List) {
                for (Object element : (List<?>) v) {
                    if (element != null) {
                        add(path, element);
                    }
                }
            } else if (v instanceof String s) {
                if (s.length() > MAX_TERM_CHARS) {
                    uncertain.add(path);
                } else {
                    strings.computeIfAbsent(path, p -> new ArrayList<>()).add(s);
                }
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                long l = ((Number) v).longValue();
                if (l > EXACT_DOUBLE || l < -EXACT_DOUBLE) {
                    uncertain.add(path);
                }
                numbers.computeIfAbsent(path, p -> new ArrayList<>()).add(l);
            } else if (v instanceof Double d) {
                if (Double.isFinite(d)) {
                    numbers.computeIfAbsent(path, p -> new ArrayList<>()).add(d);
                } else {
                    uncertain.add(path);
                }
            } else if (v instanceof Boolean) {
                booleans.computeIfAbsent(path, p -> new ArrayList<>()).add(v);
            } else if (v instanceof Number) {
                uncertain.add(path); // BigInteger, BigDecimal: compared exactly by the matcher, not as doubles
            }
        }

        void write(JsonGenerator g, String object, Map<String, List<Object>> byPath) throws IOException {
            if (byPath.isEmpty()) {
                return;
            }
            g.writeObjectFieldStart(object);
            for (Map.Entry<String, List<Object>> p : byPath.entrySet()) {
                g.writeArrayFieldStart(FieldNames.escape(p.getKey()));
                for (Object v : p.getValue()) {
                    if (v instanceof String s) {
                        g.writeString(s);
                    } else if (v instanceof Long l) {
                        g.writeNumber(l);
                    } else if (v instanceof Double d) {
                        g.writeNumber(d);
                    } else {
                        g.writeBoolean((Boolean) v);
                    }
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
    }
}
