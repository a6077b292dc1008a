package dev.logline.server.collect.loki;

import com.google.protobuf.CodedOutputStream;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a Loki push the way Promtail does: logproto.PushRequest in protobuf, snappy block-compressed,
 * labels as a Prometheus label string. Test-side only: the server never encodes pushes.
 */
public final class PromtailPushEncoder {

    private final List<Stream> streams = new ArrayList<>();

    private record Entry(long seconds, int nanos, String line, Map<String, String> metadata) {
    }

    private record Stream(String labels, List<Entry> entries) {
    }

    /** Starts a stream with labels in Promtail's text form, e.g. {@code {job="varlogs", host="node-1"}}. */
    public PromtailPushEncoder stream(String labels) {
        streams.add(new Stream(labels, new ArrayList<>()));
        return this;
    }

    public PromtailPushEncoder entry(long seconds, int nanos, String line) {
        return entry(seconds, nanos, line, Map.of());
    }

    public PromtailPushEncoder entry(long seconds, int nanos, String line, Map<String, String> metadata) {
        streams.get(streams.size() - 1).entries().add(new Entry(seconds, nanos, line, new LinkedHashMap<>(metadata)));
        return this;
    }

    /** The uncompressed PushRequest bytes. */
    public byte[] protobuf() {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(buf);
            for (Stream s : streams) {
                out.writeByteArray(1, stream(s));
            }
            out.flush();
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body Promtail sends: the PushRequest in one snappy block. */
    public byte[] snappyBody() {
        try {
            return Snappy.compress(protobuf());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] stream(Stream s) throws IOException {
        return message(out -> {
            out.writeString(1, s.labels());
            for (Entry e : s.entries()) {
                out.writeByteArray(2, entry(e));
            }
            out.writeUInt64(3, s.labels().hashCode() & 0xffffffffL); // Promtail sends a label hash; readers skip it
        });
    }

    private static byte[] entry(Entry e) throws IOException {
        return message(out -> {
            out.writeByteArray(1, message(ts -> {
                ts.writeInt64(1, e.seconds());
                ts.writeInt32(2, e.nanos());
            }));
            out.writeString(2, e.line());
            for (Map.Entry<String, String> m : e.metadata().entrySet()) {
                out.writeByteArray(3, message(pair -> {
                    pair.writeString(1, m.getKey());
                    pair.writeString(2, m.getValue());
                }));
            }
        });
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer w) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        w.write(out);
        out.flush();
        return buf.toByteArray();
    }
}
