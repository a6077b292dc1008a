package dev.logline.server.collect.loki;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.logline.core.JsonValues;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.Rejection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a Loki push request ({@code POST /loki/api/v1/push}) in either of its two wire forms: JSON, and
 * logproto's {@code PushRequest} protobuf (after snappy has been undone).
 *
 * <p>Entries are numbered from 1 across all streams, in the order sent; one bad entry is rejected alone.
 * A body that is not a push request at all is an {@link IllegalArgumentException}.
 */
public final class LokiPushDecoder {

    private LokiPushDecoder() {
    }

    /**
     * Decodes the JSON form: {@code {"streams":[{"stream":{labels},"values":[["<ns>","line"(,{metadata})]]}]}}.
     *
     * @throws IllegalArgumentException when the body is not JSON of that shape
     */
    public static DecodedBatch decodeJson(byte[] body) {
        Map<String, Object> root;
        try (JsonParser p = LogEventJson.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("Loki push body must be a JSON object with \"streams\"");
            }
            root = JsonValues.readObject(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("unexpected content after the JSON object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Loki push body is not valid JSON: " + e.getMessage(), e);
        }
        Object streams = root.get("streams");
        if (!(streams instanceof List)) {
            throw new IllegalArgumentException("Loki push body needs a \"streams\" array");
        }
        List<LogEvent> events = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        int item = 0;
        int streamNo = 0;
        for (Object s : (List<?>) streams) {
            streamNo++;
            if (!(s instanceof Map)) {
                throw new IllegalArgumentException("streams[" + (streamNo - 1) + "] must be an object");
            }
            Map<?, ?> stream = (Map<?, ?>) s;
            Map<String, String> labels = stringMap(stream.get("stream"), "streams[" + (streamNo - 1) + "].stream");
            Object values = stream.get("values");
            if (values == null) {
                continue;
            }
            if (!(values instanceof List)) {
                throw new IllegalArgumentException("streams[" + (streamNo - 1) + "].values must be an array");
            }
            for (Object v : (List<?>) values) {
                item++;
                try {
                    events.add(jsonEntry(labels, v));
                } catch (RuntimeException e) {
                    // One entry the mapping cannot take (whatever the reason) is rejected alone, never the batch.
                    rejected.add(new Rejection(item, reason(e)));
                }
            }
        }
        return new DecodedBatch(events, rejected);
    }

    private static LogEvent jsonEntry(Map<String, String> labels, Object value) {
        if (!(value instanceof List) || ((List<?>) value).size() < 2 || ((List<?>) value).size() > 3) {
            throw new IllegalArgumentException("an entry must be [\"<unix ns>\", \"line\"] or [\"<unix ns>\", \"line\", {metadata}]");
        }
        List<?> entry = (List<?>) value;
        long tsNanos = parseNanos(entry.get(0));
        if (!(entry.get(1) instanceof String)) {
            throw new IllegalArgumentException("the log line must be a string");
        }
        Map<String, String> metadata = entry.size() == 3 ? stringMap(entry.get(2), "structured metadata") : Map.of();
        return LokiEntryMapper.map(labels, tsNanos, (String) entry.get(1), metadata);
    }

    private static long parseNanos(Object ts) {
        if (ts instanceof Long) {
            return (Long) ts;
        }
        if (ts instanceof String) {
            try {
                return Long.parseLong((String) ts);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timestamp '" + ts + "' is not Unix epoch nanoseconds");
            }
        }
        throw new IllegalArgumentException("timestamp must be a string of Unix epoch nanoseconds");
    }

    private static Map<String, String> stringMap(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException(where + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            out.put(String.valueOf(e.getKey()), v instanceof String ? (String) v : String.valueOf(v));
        }
        return out;
    }

    /**
     * Decodes logproto's {@code PushRequest} (already decompressed): streams (field 1) of labels (1) and
     * entries (2); an entry is a timestamp (1: seconds 1, nanos 2), a line (2) and structured metadata (3:
     * name 1, value 2). Unknown fields are skipped, as protobuf readers do.
     *
     * @throws IllegalArgumentException when the bytes are not a valid protobuf message
     */
    public static DecodedBatch decodeProtobuf(byte[] body) {
        List<LogEvent> events = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(body);
            int item = 0;
            int tag;
            while ((tag = in.readTag()) != 0) {
                if (tag == tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    item = readStream(in, item, events, rejected);
                    in.popLimit(limit);
                } else if (!in.skipField(tag)) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Loki push body is not a valid logproto.PushRequest: " + e.getMessage(), e);
        }
        return new DecodedBatch(events, rejected);
    }

    private static String reason(RuntimeException e) {
        if (e instanceof ArithmeticException) {
            return "timestamp out of range";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    private static final class RawEntry {
        long seconds;
        long nanos;
        String line = "";
        final Map<String, String> metadata = new LinkedHashMap<>();
    }

    private static int readStream(CodedInputStream in, int item, List<LogEvent> events, List<Rejection> rejected)
            throws IOException {
        String labelText = "";
        List<RawEntry> entries = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                labelText = in.readStringRequireUtf8();
            } else if (field == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                entries.add(readEntry(in));
                in.popLimit(limit);
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        // Labels may follow entries on the wire, so a stream's entries are mapped once it is read whole.
        Map<String, String> labels;
        try {
            labels = LokiLabels.parse(labelText);
        } catch (IllegalArgumentException e) {
            for (int i = 0; i < entries.size(); i++) {
                rejected.add(new Rejection(++item, e.getMessage()));
            }
            return item;
        }
        for (RawEntry e : entries) {
            item++;
            try {
                long tsNanos = Math.addExact(Math.multiplyExact(e.seconds, 1_000_000_000L), e.nanos);
                events.add(LokiEntryMapper.map(labels, tsNanos, e.line, e.metadata));
            } catch (RuntimeException ex) {
                rejected.add(new Rejection(item, reason(ex)));
            }
        }
        return item;
    }

    private static RawEntry readEntry(CodedInputStream in) throws IOException {
        RawEntry entry = new RawEntry();
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            boolean delimited = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (field == 1 && delimited) {
                int limit = in.pushLimit(in.readRawVarint32());
                int t;
                while ((t = in.readTag()) != 0) {
                    if (t == tag(1, WireFormat.WIRETYPE_VARINT)) {
                        entry.seconds = in.readInt64();
                    } else if (t == tag(2, WireFormat.WIRETYPE_VARINT)) {
                        entry.nanos = in.readInt32();
                    } else if (!in.skipField(t)) {
                        break;
                    }
                }
                in.popLimit(limit);
            } else if (field == 2 && delimited) {
                entry.line = in.readStringRequireUtf8();
            } else if (field == 3 && delimited) {
                int limit = in.pushLimit(in.readRawVarint32());
                String name = null;
                String value = "";
                int t;
                while ((t = in.readTag()) != 0) {
                    if (t == tag(1, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                        name = in.readStringRequireUtf8();
                    } else if (t == tag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                        value = in.readStringRequireUtf8();
                    } else if (!in.skipField(t)) {
                        break;
                    }
                }
                in.popLimit(limit);
                if (name != null) {
                    entry.metadata.put(name, value);
                }
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return entry;
    }
}
