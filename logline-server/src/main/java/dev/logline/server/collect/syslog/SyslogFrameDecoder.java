package dev.logline.server.collect.syslog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits one syslog TCP connection into messages by the framing RFC 6587 allows, detected once per connection
 * from its first frame: octet counting ({@code 52 <34>1 …}, a frame starting with a non-zero digit, digits and a
 * space), or non-transparent framing ended by LF ({@code \n}, also {@code \r\n}) or by NUL, as Python's
 * {@code SysLogHandler} sends over TCP. The first terminator the connection sends decides which of LF and NUL it
 * uses; after that the other byte is part of a message (a NUL-framed Python traceback keeps its newlines).
 *
 * <p>A message longer than the limit is cut to the limit ({@link Frame#truncated()}) or, when cutting is off,
 * skipped and counted; the rest of it is never buffered, so a sender cannot make the server hold more than one
 * limit's worth of bytes per connection. One instance per connection; not thread-safe.
 */
public final class SyslogFrameDecoder {

    /** One message as framed: its text, the bytes the sender framed for it, and whether it was cut to the limit. */
    public record Frame(String text, long bytes, boolean truncated) {
    }

    /** Where complete messages go. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(Frame frame);
    }

    /** The framing of a connection, known after its first frame. */
    enum Framing { UNKNOWN, OCTET_COUNTING, LF, NUL }

    private static final int MAX_LENGTH_DIGITS = 9;

    private enum State { FRAME_START, COUNT, COUNTED_BODY, TEXT }

    private final int maxMessageBytes;
    private final boolean truncate;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private Framing framing = Framing.UNKNOWN;
    private State state = State.FRAME_START;
    private long remaining;
    private long frameBytes;
    private boolean cut;
    private long oversized;

    /**
     * @param maxMessageBytes the longest message kept
     * @param truncate        whether a longer message is kept cut to the limit ({@code true}) or skipped
     */
    public SyslogFrameDecoder(int maxMessageBytes, boolean truncate) {
        this.maxMessageBytes = maxMessageBytes;
        this.truncate = truncate;
    }

    /** Messages so far that were over the limit (cut, or skipped when cutting is off). */
    public long oversized() {
        return oversized;
    }

    /** The framing this connection uses, {@code UNKNOWN} until its first frame is read. */
    Framing framing() {
        return framing;
    }

    /** Feeds bytes read from the connection; each complete, non-empty message goes to {@code out}. */
    public void feed(byte[] data, int offset, int length, FrameSink out) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            switch (state) {
                case FRAME_START -> {
                    if (b == '\n' || b == '\r' || b == 0) {
                        break; // stray terminators and blank lines between frames
                    }
                    buf.reset();
                    frameBytes = 0;
                    cut = false;
                    if (framing != Framing.LF && framing != Framing.NUL && b >= '1' && b <= '9') {
                        state = State.COUNT;
                        remaining = b - '0';
                        buf.write(b);
                    } else {
                        state = State.TEXT;
                        i--;
                    }
                }
                case COUNT -> {
                    if (b >= '0' && b <= '9' && buf.size() < MAX_LENGTH_DIGITS) {
                        remaining = remaining * 10 + (b - '0');
                        buf.write(b);
                    } else if (b == ' ') {
                        buf.reset();
                        framing = Framing.OCTET_COUNTING;
                        frameBytes = remaining;
                        state = remaining == 0 ? State.FRAME_START : State.COUNTED_BODY;
                    } else {
                        // Digits not followed by a space: a non-transparent frame that starts with a digit.
                        state = State.TEXT;
                        frameBytes = buf.size();
                        i--;
                    }
                }
                case COUNTED_BODY -> {
                    keep(b);
                    if (--remaining == 0) {
                        emit(out);
                    }
                }
                case TEXT -> {
                    if (isTerminator(b)) {
                        emit(out);
                    } else {
                        frameBytes++;
                        keep(b);
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** Whether the byte ends a non-transparent frame, fixing the connection's terminator on the first one seen. */
    private boolean isTerminator(byte b) {
        if (b != '\n' && b != 0) {
            return false;
        }
        if (framing == Framing.UNKNOWN || framing == Framing.OCTET_COUNTING) {
            if (framing == Framing.UNKNOWN) {
                framing = b == 0 ? Framing.NUL : Framing.LF;
            }
            return true;
        }
        return framing == Framing.NUL ? b == 0 : b == '\n';
    }

    private void keep(byte b) {
        if (buf.size() < maxMessageBytes) {
            buf.write(b);
        } else if (!cut) {
            cut = true;
            oversized++;
        }
    }

    /** The sender closed the connection: a last non-transparent message without its terminator still counts. */
    public void endOfStream(FrameSink out) {
        if (state == State.TEXT || state == State.COUNT) {
            emit(out);
        }
        state = State.FRAME_START;
        buf.reset();
    }

    private void emit(FrameSink out) {
        state = State.FRAME_START;
        if (cut && !truncate) {
            buf.reset();
            return;
        }
        byte[] bytes = buf.toByteArray();
        buf.reset();
        int len = bytes.length;
        while (len > 0 && (bytes[len - 1] == '\r' || bytes[len - 1] == '\n' && framing == Framing.NUL)) {
            len--; // "\r\n" endings, and the newline some senders put before a NUL
        }
        if (len > 0) {
            String text = new String(bytes, 0, len, StandardCharsets.UTF_8);
            if (cut) {
                text = dropPartialCharacter(text);
            }
            out.accept(new Frame(text, Math.max(frameBytes, len), cut));
        }
    }

    /** A cut in the middle of a multi-byte character leaves a replacement character at the end; drop it. */
    private static String dropPartialCharacter(String text) {
        return text.endsWith("\uFFFD") ? text.substring(0, text.length() - 1) : text;
    }
}
