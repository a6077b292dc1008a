package dev.logline.server.collect.syslog;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SyslogFrameDecoderTest {

    private static List<String> decodeInChunks(SyslogFrameDecoder decoder, String stream, int chunk) {
        List<String> out = new ArrayList<>();
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            decoder.feed(bytes, i, Math.min(chunk, bytes.length - i), out::add);
        }
        decoder.endOfStream(out::add);
        return out;
    }

    @Test
    void mixesOctetCountingAndNewlineFramingInAnyChunking() {
        String m1 = "<34>1 2003-10-11T22:14:15.003Z host su - ID47 - first\nwith newline inside";
        String m2 = "<13>Oct 11 22:14:15 host app: second";
        String m3 = "<13>Oct 11 22:14:15 host app: third";
        String stream = m1.getBytes(StandardCharsets.UTF_8).length + " " + m1 + m2 + "\r\n\n" + m3 + "\n" + "8 <13>last";
        for (int chunk : new int[] {1, 2, 7, 64, 4096}) {
            assertThat(decodeInChunks(new SyslogFrameDecoder(1024), stream, chunk))
                    .as("chunk %d", chunk)
                    .containsExactly(m1, m2, m3, "<13>last");
        }
    }

    @Test
    void aLastLineWithoutNewlineIsKeptAtEndOfStream() {
        assertThat(decodeInChunks(new SyslogFrameDecoder(1024), "<13>one\n<13>two", 3)).containsExactly("<13>one", "<13>two");
    }

    @Test
    void aLineStartingWithDigitsButNoCountIsNewlineFramed() {
        assertThat(decodeInChunks(new SyslogFrameDecoder(1024), "2026-11-22 plain line\n", 5))
                .containsExactly("2026-11-22 plain line");
    }

    @Test
    void oversizedMessagesAreSkippedWholeAndCounted() {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(500);
        String longLine = "x".repeat(2_000);
        String stream = longLine + "\n<13>after long line\n" + "600 " + "y".repeat(600) + "<13>after long frame\n";

        assertThat(decodeInChunks(decoder, stream, 100)).containsExactly("<13>after long line", "<13>after long frame");
        assertThat(decoder.oversized()).isEqualTo(2);
    }

    @Test
    void multiByteCharactersSurviveChunkBoundaries() {
        assertThat(decodeInChunks(new SyslogFrameDecoder(1024), "<13>grüße ✓\n", 1)).containsExactly("<13>grüße ✓");
    }
}
