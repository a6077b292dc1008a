package dev.logline.server.collect.otlp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * gRPC's length-prefixed message framing (a flag byte, a 4-byte length, the message), written out by hand so tests
 * can send raw and hostile gRPC bodies; the server itself frames through Armeria's gRPC support.
 */
public final class GrpcFrames {

    private GrpcFrames() {
    }

    /** One message, uncompressed. */
    public static byte[] frame(byte[] message) {
        return frame(message, false);
    }

    /** One message, flagged compressed when {@code compressed} (the bytes must then be in the call's grpc-encoding). */
    public static byte[] frame(byte[] message, boolean compressed) {
        return ByteBuffer.allocate(5 + message.length).put((byte) (compressed ? 1 : 0)).putInt(message.length)
                .put(message).array();
    }

    /** The message of a one-message uncompressed body. */
    public static byte[] unframe(byte[] body) {
        int length = ByteBuffer.wrap(body, 1, 4).getInt();
        return Arrays.copyOfRange(body, 5, 5 + length);
    }
}
