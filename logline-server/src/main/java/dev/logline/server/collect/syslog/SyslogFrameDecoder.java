package dev.logline.server.collect.syslog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a syslog TCP stream into messages, accepting both framings of RFC 6587 on one connection: octet
 * counting ({@code 52 <34>1 …}, a frame starting with a non-zero digit) and newline-terminated
 * ({@code <34>Oct 11 …\n}, also {@code \r\n}).
 *
 * <p>Messages longer than the limit are skipped whole and counted, never buffered: a sender cannot make the
 * server hold more than one limit's worth of bytes per connection. One instance per connection; not thread-safe.
 */
public final class SyslogFrameDecoder {

    private static final int MAX_LENGTH_DIGITS = 9;

    private enum State { FRAME_START, COUNT, COUNTED_BODY, LINE, SKIP_LINE, SKIP_COUNTED }

    private final int maxMessageBytes;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    private State state = State.FRAME_START;
    private long remaining;
    private long oversized;

    public SyslogFrameDecoder(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Messages dropped so far for exceeding the limit. */
    public long oversized() {
        return oversized;
    }

    /** Feeds bytes read from the connection; each complete, non-empty message goes to {@code out}. */
    public void feed(byte[] data, int offset, int length, Consumer<String> out) {
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            switch (state) {
                case FRAME_START:
                    if (b == '\n' || b == '\r' || b == 0) {
                        break; // blank lines and stray terminators between frames
                    }
                    if (b >= '1' && b <= '9') {
                        state = State.COUNT;
                        remaining = b - '0';
                        buf.reset();
                        buf.write(b);
                    } else {
                        state = State.LINE;
                        buf.reset();
                        buf.write(b);
                    }
                    break;
                case COUNT:
                    if (b >= '0' && b <= '9' && buf.size() < MAX_LENGTH_DIGITS) {
                        remaining = remaining * 10 + (b - '0');
                        buf.write(b);
                    } else if (b == ' ') {
                        buf.reset();
                        if (remaining > maxMessageBytes) {
                            oversized++;
                            state = State.SKIP_COUNTED;
                        } else {
                            state = State.COUNTED_BODY;
                        }
                    } else {
                        // Digits not followed by a space: a newline-framed message that starts with a digit.
                        state = State.LINE;
                        i--;
                    }
                    break;
                case COUNTED_BODY:
                    buf.write(b);
                    if (--remaining == 0) {
                        emit(out);
                        state = State.FRAME_START;
                    }
                    break;
                case SKIP_COUNTED:
                    if (--remaining == 0) {
                        state = State.FRAME_START;
                    }
                    break;
                case LINE:
                    if (b == '\n') {
                        emit(out);
                        state = State.FRAME_START;
                    } else if (buf.size() >= maxMessageBytes) {
                        oversized++;
                        buf.reset();
                        state = State.SKIP_LINE;
                    } else {
                        buf.write(b);
                    }
                    break;
                case SKIP_LINE:
                    if (b == '\n') {
                        state = State.FRAME_START;
                    }
                    break;
                default:
                    throw new IllegalStateException(state.name());
            }
        }
    }

    /** The sender closed the connection: a last newline-framed message without its newline still counts. */
    public void endOfStream(Consumer<String> out) {
        if (state == State.LINE || state == State.COUNT) {
            emit(out);
        }
        state = State.FRAME_START;
        buf.reset();
    }

    private void emit(Consumer<String> out) {
        int len = buf.size();
        byte[] bytes = buf.toByteArray();
        buf.reset();
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        if (len > 0) {
            out.accept(new String(bytes, 0, len, StandardCharsets.UTF_8));
        }
    }
}
