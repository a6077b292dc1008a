package dev.logline.server.collect.otlp;

import dev.logline.server.ingest.BodyDecompressor;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * gRPC's length-prefixed message framing for a unary call: one message per direction, each a compressed
 * flag byte, a 4-byte big-endian length and the message bytes (compressed with {@code grpc-encoding} when
 * the flag is 1).
 */
public final class GrpcUnaryFraming {

    private static final int PREFIX = 5;

    private GrpcUnaryFraming() {
    }

    /**
     * The one request message of a unary call, decompressed.
     *
     * @param grpcEncoding the {@code grpc-encoding} header (used only when the message says it is compressed)
     * @throws IllegalArgumentException when the body is not exactly one well-formed message within the limit
     */
    public static byte[] unframe(byte[] body, String grpcEncoding, int maxDecodedBytes) {
        if (body.length < PREFIX) {
            throw new IllegalArgumentException("gRPC body shorter than a message prefix (" + body.length + " bytes)");
        }
        int flag = body[0] & 0xFF;
        long length = ByteBuffer.wrap(body, 1, 4).getInt() & 0xFFFFFFFFL;
        if (flag > 1) {
            throw new IllegalArgumentException("gRPC message has an unknown compressed flag " + flag);
        }
        if (length != body.length - PREFIX) {
            throw new IllegalArgumentException("a unary gRPC call carries one message of " + length
                    + " bytes, but the body holds " + (body.length - PREFIX));
        }
        byte[] message = new byte[(int) length];
        System.arraycopy(body, PREFIX, message, 0, message.length);
        if (flag == 0) {
            return message;
        }
        if (grpcEncoding == null || grpcEncoding.isBlank() || grpcEncoding.equalsIgnoreCase("identity")) {
            throw new IllegalArgumentException("gRPC message is flagged compressed but no grpc-encoding was given");
        }
        return BodyDecompressor.decode(grpcEncoding, message, maxDecodedBytes);
    }

    /** One uncompressed message, framed. */
    public static byte[] frame(byte[] message) {
        return ByteBuffer.allocate(PREFIX + message.length).put((byte) 0).putInt(message.length).put(message).array();
    }

    /** A {@code grpc-message} value: percent-encoded UTF-8, as the gRPC HTTP/2 protocol asks. */
    public static String encodeMessage(String message) {
        return URLEncoder.encode(message, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
