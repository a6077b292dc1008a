package dev.logline.server.collect.loki;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.logline.core.JsonValues;
import dev.logline.core.LogEventJson;
import dev.logline.server.collect.ProtobufSyntax;
import dev.logline.server.collect.loki.logproto.EntryAdapter;
import dev.logline.server.collect.loki.logproto.LabelPairAdapter;
import dev.logline.server.collect.loki.logproto.PushRequest;
import dev.logline.server.collect.loki.logproto.StreamAdapter;
import dev.logline.server.ingest.BadRequestException;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.DecodedItem;
import dev.logline.server.ingest.JsonSyntax;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a Loki push request ({@code POST /loki/api/v1/push}) in either of its two wire forms: JSON, and
 * logproto's {@code PushRequest} protobuf (after snappy has been undone), read with the classes generated from
 * Loki's {@code push.proto}.
 *
 * <p>Entries are numbered from 1 across all streams, in the order sent; one bad entry is rejected alone, and each
 * entry is measured by its bytes on the wire plus its stream's labels. A body that is not a push request at all is
 * a {@link BadRequestException} saying where it went wrong.
 */
public final class LokiPushDecoder {

    private LokiPushDecoder() {
    }

    /** One entry as read, mapped once its stream's labels are known (in JSON they may follow the values). */
    private record RawEntry(int item, Object ts, Object line, Object metadata, int arity, long bytes) {
    }

    /**
     * Decodes the JSON form: {@code {"streams":[{"stream":{labels},"values":[["<ns>","line"(,{metadata})]]}]}}.
     *
     * @throws BadRequestException when the body is not JSON of that shape
     */
    public static DecodedBatch decodeJson(byte[] body) {
        DecodedBatch.Builder batch = new DecodedBatch.Builder();
        try (JsonParser p = LogEventJson.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException("a Loki push body must be a JSON object {\"streams\": [...]}");
            }
            boolean sawStreams = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("streams")) {
                    p.skipChildren();
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new BadRequestException("\"streams\" must be an array of {\"stream\": {...}, \"values\": [...]}");
                }
                sawStreams = true;
                int streamNo = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    readJsonStream(p, streamNo++, batch);
                }
            }
            if (p.nextToken() != null) {
                throw new BadRequestException("unexpected content after the JSON object; send one push request per body");
            }
            if (!sawStreams) {
                throw new BadRequestException("a Loki push body needs a \"streams\" array");
            }
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the Loki push body is not valid JSON: " + JsonSyntax.describe(e), e);
        } catch (IOException e) {
            throw new BadRequestException("the Loki push body is unreadable; send UTF-8 JSON", e);
        }
        return batch.build();
    }

    private static void readJsonStream(JsonParser p, int streamNo, DecodedBatch.Builder batch) throws IOException {
        String where = "streams[" + streamNo + "]";
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadRequestException(where + " must be an object {\"stream\": {...}, \"values\": [...]}");
        }
        Map<String, String> labels = Map.of();
        List<RawEntry> entries = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("stream")) {
                labels = stringMap(value == JsonToken.VALUE_NULL ? null : JsonValues.read(p), where + ".stream");
            } else if (field.equals("values")) {
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new BadRequestException(where + ".values must be an array of [\"<unix ns>\", \"line\"] entries");
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    long start = p.currentTokenLocation().getByteOffset();
                    Object entry = JsonValues.read(p);
                    long bytes = p.currentLocation().getByteOffset() - start;
                    int item = batch.size() + entries.size() + 1;
                    List<?> parts = entry instanceof List<?> list ? list : List.of();
                    entries.add(new RawEntry(item, part(parts, 0), part(parts, 1), part(parts, 2),
                            entry instanceof List<?> ? parts.size() : -1, bytes));
                }
            } else {
                p.skipChildren();
            }
        }
        long labelBytes = labelBytes(labels);
        for (RawEntry e : entries) {
            try {
                if (e.arity < 2 || e.arity > 3) {
                    throw new IllegalArgumentException(
                            "an entry must be [\"<unix ns>\", \"line\"] or [\"<unix ns>\", \"line\", {metadata}]");
                }
                if (!(e.line instanceof String line)) {
                    throw new IllegalArgumentException("the log line must be a string");
                }
                Map<String, String> metadata = e.arity == 3 ? stringMap(e.metadata, "structured metadata") : Map.of();
                batch.add(new DecodedItem(e.item, LokiEntryMapper.map(labels, parseNanos(e.ts), line, metadata),
                        e.bytes + labelBytes));
            } catch (IllegalArgumentException | ArithmeticException ex) {
                batch.reject(e.item, where + ", entry " + e.item + ": " + reason(ex));
            }
        }
    }

    private static Object part(List<?> parts, int i) {
        return i < parts.size() ? parts.get(i) : null;
    }

    private static long parseNanos(Object ts) {
        if (ts instanceof Long nanos) {
            return nanos;
        }
        if (ts instanceof String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timestamp '" + text + "' is not Unix epoch nanoseconds");
            }
        }
        throw new IllegalArgumentException("the timestamp must be a string of Unix epoch nanoseconds");
    }

    private static Map<String, String> stringMap(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new BadRequestException(where + " must be an object of strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            Object v = e.getValue();
            if (v != null) {
                out.put(String.valueOf(e.getKey()), v instanceof String s ? s : String.valueOf(v));
            }
        }
        return out;
    }

    private static long labelBytes(Map<String, String> labels) {
        long n = 0;
        for (Map.Entry<String, String> l : labels.entrySet()) {
            n += l.getKey().length() + l.getValue().length() + 6; // "k":"v", as the fields it becomes
        }
        return n;
    }

    /**
     * Decodes logproto's {@code PushRequest} (already decompressed) with the classes generated from Loki's
     * {@code push.proto}; each entry is measured by its serialized size plus its stream's label text.
     *
     * @throws BadRequestException when the bytes are not a valid PushRequest
     */
    public static DecodedBatch decodeProtobuf(byte[] body) {
        PushRequest push;
        try {
            push = PushRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new BadRequestException(ProtobufSyntax.describe(e, "logproto.PushRequest",
                    "send snappy-compressed protobuf as Promtail does, or JSON with Content-Type application/json"), e);
        }
        DecodedBatch.Builder batch = new DecodedBatch.Builder();
        for (StreamAdapter stream : push.getStreamsList()) {
            Map<String, String> labels;
            String labelError = null;
            try {
                labels = LokiLabels.parse(stream.getLabels());
            } catch (IllegalArgumentException e) {
                labels = Map.of();
                labelError = e.getMessage();
            }
            long labelBytes = stream.getLabels().length();
            for (EntryAdapter entry : stream.getEntriesList()) {
                int item = batch.size() + 1;
                if (labelError != null) {
                    batch.reject(item, labelError);
                    continue;
                }
                try {
                    long tsNanos = Math.addExact(Math.multiplyExact(entry.getTimestamp().getSeconds(), 1_000_000_000L),
                            entry.getTimestamp().getNanos());
                    Map<String, String> metadata = new LinkedHashMap<>();
                    for (LabelPairAdapter pair : entry.getStructuredMetadataList()) {
                        metadata.put(pair.getName(), pair.getValue());
                    }
                    batch.add(new DecodedItem(item, LokiEntryMapper.map(labels, tsNanos, entry.getLine(), metadata),
                            entry.getSerializedSize() + labelBytes));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    batch.reject(item, "entry " + item + ": " + reason(e));
                }
            }
        }
        return batch.build();
    }

    private static String reason(RuntimeException e) {
        if (e instanceof ArithmeticException) {
            return "the timestamp is out of range";
        }
        return e.getMessage() != null ? e.getMessage() : "unreadable entry";
    }
}
