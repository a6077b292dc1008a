package dev.logline.bench.appender;

import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/** An output stream that discards what it is given and counts the bytes, to show a layout really ran. */
final class DiscardingCountingStream extends OutputStream {

    private final AtomicLong bytes = new AtomicLong();

    @Override
    public void write(int b) {
        bytes.incrementAndGet();
    }

    @Override
    public void write(byte[] b, int off, int len) {
        bytes.addAndGet(len);
    }

    long bytes() {
        return bytes.get();
    }
}
