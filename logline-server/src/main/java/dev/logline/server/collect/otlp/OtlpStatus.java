package dev.logline.server.collect.otlp;

import com.google.protobuf.CodedOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The {@code google.rpc.Status} an OTLP/HTTP error response carries (code 1, message 2), written by hand
 * so the server needs no googleapis artifact for two fields.
 */
public final class OtlpStatus {

    /** gRPC's INVALID_ARGUMENT: the request cannot be decoded. */
    public static final int INVALID_ARGUMENT = 3;
    /** gRPC's RESOURCE_EXHAUSTED: the server is behind. */
    public static final int RESOURCE_EXHAUSTED = 8;
    /** gRPC's UNIMPLEMENTED: an unsupported compression or content type. */
    public static final int UNIMPLEMENTED = 12;
    /** gRPC's UNAVAILABLE: retry later; OTLP clients retry it. */
    public static final int UNAVAILABLE = 14;

    private OtlpStatus() {
    }

    /** The status as protobuf bytes. */
    public static byte[] protobuf(int code, String message) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(buf);
            out.writeInt32(1, code);
            out.writeString(2, message);
            out.flush();
            return buf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status in protobuf's JSON mapping. */
    public static String json(int code, String message) {
        StringBuilder sb = new StringBuilder("{\"code\":").append(code).append(",\"message\":\"");
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append("\"}").toString();
    }
}
