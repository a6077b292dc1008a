package dev.logline.server.collect.syslog;

import dev.logline.core.LogEvent;
import dev.logline.core.fuzz.FuzzGuard;
import dev.logline.core.fuzz.FuzzInputs;
import dev.logline.server.collect.CollectorSamples;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Syslog, damaged: the RFC 5424/3164 parser keeps every line as an event (syslog senders cannot be told about a bad
 * line), and the TCP framing (octet counting, LF, NUL) splits any byte stream the same way however it is chunked,
 * never holding more than one message's limit.
 */
class SyslogFuzzTest {

    private static final int MAX = 256;
    private final SyslogParser parser = new SyslogParser(Clock.fixed(Instant.parse("2025-11-22T10:00:00Z"), ZoneOffset.UTC),
            ZoneId.of("Europe/Paris"));

    @Provide
    Arbitrary<String> lines() {
        return FuzzInputs.text(CollectorSamples.syslog(), 256);
    }

    @Provide
    Arbitrary<byte[]> streams() {
        List<byte[]> framed = new ArrayList<>();
        for (String s : CollectorSamples.syslog()) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            framed.add(concat((b.length + " ").getBytes(StandardCharsets.US_ASCII), b));
            framed.add(concat(b, new byte[] {'\n'}));
            framed.add(concat(b, new byte[] {0}));
        }
        return FuzzInputs.of(framed, 512);
    }

    @Provide
    Arbitrary<List<String>> messages() {
        return Arbitraries.of(CollectorSamples.syslog()).list().ofMinSize(1).ofMaxSize(5);
    }

    /** Soup of syslog's own tokens (PRI, version, dates, structured data, escapes, a byte order mark). */
    @Provide
    Arbitrary<String> tokenSoup() {
        return Arbitraries.of("<13>1 ", "<13>Oct 11 ", "<191>", "<0>", "<999>", "1 ", "- ", "[", "]", "=", "\"", "\\",
                "a@1", " ", ":", "-", "2026-11-22T10:00:00.123456+01:00", "Feb  5 17:32:18", "\uFEFF", "BOM",
                "host", "app[77]: ", "9", "T", "Z", ".").list().ofMinSize(1).ofMaxSize(16).map(t -> String.join("", t));
    }

    @Property
    void everyTokenSoupBecomesAnEvent(@ForAll("tokenSoup") String line) {
        everyLineBecomesAnEvent(line);
    }

    @Property
    void everyLineBecomesAnEvent(@ForAll("lines") String line) {
        FuzzGuard.run(line.length() * 3L, () -> {
            LogEvent e = parser.parse(line);
            // No msg is right for an RFC 5424 message that has none (its MSG part is optional).
            assertThat(e.level()).isNotNull();
            assertThat(e.attributes()).containsKey("facility");
        });
    }

    @Property
    void framingDoesNotDependOnHowTheStreamIsChunked(@ForAll("streams") byte[] stream,
                                                     @ForAll @Size(max = 4) List<@IntRange(min = 0, max = 4096) Integer> cuts,
                                                     @ForAll boolean truncate) {
        FuzzGuard.run(stream.length, () -> {
            List<SyslogFrameDecoder.Frame> whole = frames(stream, List.of(), truncate);
            assertThat(frames(stream, cuts, truncate)).isEqualTo(whole);
            assertThat(whole).allSatisfy(f -> {
                assertThat(f.text()).isNotEmpty();
                assertThat(f.text().getBytes(StandardCharsets.UTF_8).length)
                        .as("a frame is cut to the limit (a replacement character may stand for one bad byte)")
                        .isLessThanOrEqualTo(3 * MAX);
            });
        });
    }

    @Property
    void everyFramingGivesBackTheMessagesSent(@ForAll("messages") List<String> sent, @ForAll SyslogFrameDecoder.Framing framing) {
        if (framing == SyslogFrameDecoder.Framing.UNKNOWN) {
            return;
        }
        // Non-transparent framing cannot carry its own terminator (nor a leading \r the decoder strips); senders replace it.
        List<String> messages = framing == SyslogFrameDecoder.Framing.OCTET_COUNTING ? sent
                : sent.stream().map(m -> m.replace('\n', ' ').replace('\0', ' ').replace('\r', ' ')).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String m : messages) {
            byte[] b = m.getBytes(StandardCharsets.UTF_8);
            switch (framing) {
                case OCTET_COUNTING -> out.writeBytes((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                default -> { }
            }
            out.writeBytes(b);
            switch (framing) {
                case LF -> out.write('\n');
                case NUL -> out.write(0);
                default -> { }
            }
        }
        List<String> received = new ArrayList<>();
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(1 << 16, true);
        byte[] bytes = out.toByteArray();
        decoder.feed(bytes, 0, bytes.length, f -> received.add(f.text()));
        decoder.endOfStream(f -> received.add(f.text()));
        assertThat(received).isEqualTo(messages);
    }

    private static List<SyslogFrameDecoder.Frame> frames(byte[] stream, List<Integer> cuts, boolean truncate) {
        List<SyslogFrameDecoder.Frame> frames = new ArrayList<>();
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(MAX, truncate);
        int from = 0;
        for (int cut : cuts.stream().map(c -> stream.length == 0 ? 0 : c % (stream.length + 1)).sorted().toList()) {
            decoder.feed(stream, from, cut - from, frames::add);
            from = cut;
        }
        decoder.feed(stream, from, stream.length - from, frames::add);
        decoder.endOfStream(frames::add);
        return frames;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
