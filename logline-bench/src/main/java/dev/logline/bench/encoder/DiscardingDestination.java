package dev.logline.bench.encoder;

import org.apache.logging.log4j.core.layout.ByteBufferDestination;
import org.apache.logging.log4j.core.layout.ByteBufferDestinationHelper;

import java.nio.ByteBuffer;

/**
 * A Log4j {@link ByteBufferDestination} that counts and forgets what it is given: the garbage-free path
 * {@code Layout.encode(event, destination)} that Log4j's own appenders use, with an 8 KB buffer as theirs.
 */
final class DiscardingDestination implements ByteBufferDestination {

    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    private long bytes;

    @Override
    public ByteBuffer getByteBuffer() {
        return buffer;
    }

    @Override
    public ByteBuffer drain(ByteBuffer buf) {
        buf.flip();
        bytes += buf.remaining();
        buf.clear();
        return buf;
    }

    @Override
    public void writeBytes(ByteBuffer data) {
        ByteBufferDestinationHelper.writeToUnsynchronized(data, this);
    }

    @Override
    public void writeBytes(byte[] data, int offset, int length) {
        ByteBufferDestinationHelper.writeToUnsynchronized(data, offset, length, this);
    }

    /** Bytes written so far, the buffered ones included. */
    long bytes() {
        return bytes + buffer.position();
    }
}
