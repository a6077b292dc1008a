package dev.logline.server.collect.syslog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogFrameDecoderTest {

    private static List<SyslogFrameDecoder.Frame> framesInChunks(SyslogFrameDecoder decoder, byte[] bytes, int chunk) {
        List<SyslogFrameDecoder.Frame> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            decoder.feed(bytes, i, Math.min(chunk, bytes.length - i), out::add);
        }
        decoder.endOfStream(out::add);
        return out;
    }

    private static List<String> decodeInChunks(SyslogFrameDecoder decoder, String stream, int chunk) {
        return framesInChunks(decoder, stream.getBytes(StandardCharsets.UTF_8), chunk).stream()
                .map(SyslogFrameDecoder.Frame::text).toList();
    }

    private static SyslogFrameDecoder decoder() {
        return new SyslogFrameDecoder(1024, true);
    }

    @Test
    void octetCountedConnectionsKeepNewlinesInsideFramesInAnyChunking() {
        String m1 = "<34>1 2003-10-11T22:14:15.003Z host su - ID47 - first\nwith newline inside";
        String m2 = "<13>Oct 11 22:14:15 host app: second";
        String stream = m1.getBytes(StandardCharsets.UTF_8).length + " " + m1 + m2.length() + " " + m2 + "9 <13>last\n";
        for (int chunk : new int[] {1, 2, 7, 64, 4096}) {
            SyslogFrameDecoder d = decoder();
            assertThat(decodeInChunks(d, stream, chunk)).as("chunk %d", chunk).containsExactly(m1, m2, "<13>last\n");
            assertThat(d.framing()).isEqualTo(SyslogFrameDecoder.Framing.OCTET_COUNTING);
        }
    }

    @Test
    void lfFramedConnectionsReadDigitsAsText() {
        String stream = "<13>first\r\n\n2026-11-22 plain line\n12 is not a count here\n";
        SyslogFrameDecoder d = decoder();
        assertThat(decodeInChunks(d, stream, 5)).containsExactly("<13>first", "2026-11-22 plain line", "12 is not a count here");
        assertThat(d.framing()).isEqualTo(SyslogFrameDecoder.Framing.LF);
    }

    @Test
    void nulFramedConnectionsKeepNewlinesInsideMessages() {
        // Python's logging.handlers.SysLogHandler over TCP: "<PRI>message\0", a traceback's newlines included.
        String stream = "<11>app: failed\0<11>app: Traceback (most recent call last):\n  File \"x.py\", line 1\n\0<14>app: ok\0";
        SyslogFrameDecoder d = decoder();
        assertThat(decodeInChunks(d, stream, 3)).containsExactly("<11>app: failed",
                "<11>app: Traceback (most recent call last):\n  File \"x.py\", line 1", "<14>app: ok");
        assertThat(d.framing()).isEqualTo(SyslogFrameDecoder.Framing.NUL);
    }

    @Test
    void aLastMessageWithoutTerminatorIsKeptAtEndOfStream() {
        assertThat(decodeInChunks(decoder(), "<13>one\n<13>two", 3)).containsExactly("<13>one", "<13>two");
    }

    @Test
    void oversizedMessagesAreCutToTheLimitAndMarked() {
        SyslogFrameDecoder d = new SyslogFrameDecoder(500, true);
        String stream = "x".repeat(2_000) + "\n<13>after long line\n";

        List<SyslogFrameDecoder.Frame> frames = framesInChunks(d, stream.getBytes(StandardCharsets.UTF_8), 100);

        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).text()).hasSize(500);
        assertThat(frames.get(0).truncated()).isTrue();
        assertThat(frames.get(0).bytes()).isEqualTo(2_000);
        assertThat(frames.get(1).text()).isEqualTo("<13>after long line");
        assertThat(frames.get(1).truncated()).isFalse();
        assertThat(d.oversized()).isEqualTo(1);
    }

    @Test
    void oversizedMessagesAreSkippedWholeWhenCuttingIsOff() {
        SyslogFrameDecoder d = new SyslogFrameDecoder(500, false);
        String stream = "600 " + "y".repeat(600) + "20 <13>after long frame";

        assertThat(decodeInChunks(d, stream, 100)).containsExactly("<13>after long frame");
        assertThat(d.oversized()).isEqualTo(1);
    }

    @Test
    void aCutNeverSplitsACharacter() {
        SyslogFrameDecoder d = new SyslogFrameDecoder(6, true);
        assertThat(decodeInChunks(d, "<13>üüü\n", 1)).containsExactly("<13>ü");
    }

    @Test
    void multiByteCharactersSurviveChunkBoundaries() {
        assertThat(decodeInChunks(decoder(), "<13>grüße ✓\n", 1)).containsExactly("<13>grüße ✓");
    }
}
