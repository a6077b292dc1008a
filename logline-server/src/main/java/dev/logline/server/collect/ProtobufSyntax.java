package dev.logline.server.collect;

import com.google.protobuf.InvalidProtocolBufferException;

/** Says why bytes are not the protobuf message a collector expects, in the sender's terms rather than the parser's. */
public final class ProtobufSyntax {

    private ProtobufSyntax() {
    }

    /**
     * {@code the body is not a protobuf <message>: <what>; <what to do>}.
     *
     * @param message the message type expected, as the sender's documentation names it
     * @param hint    what to send instead
     */
    public static String describe(InvalidProtocolBufferException e, String message, String hint) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        String what;
        if (text.contains("ended unexpectedly") || text.contains("truncated")) {
            what = "the bytes end inside a field (a cut-off or uncompressed-when-compressed body?)";
        } else if (text.contains("invalid UTF-8")) {
            what = "a string field holds bytes that are not UTF-8";
        } else if (text.contains("negative size") || text.contains("malformed varint")) {
            what = "a length or number is malformed";
        } else if (text.contains("invalid tag") || text.contains("wire type") || text.contains("end-group tag")) {
            what = "a field header is invalid (is the body compressed, or another message type?)";
        } else if (text.contains("nesting") || text.contains("size limit")) {
            what = "the message nests too deeply or is too large";
        } else {
            what = "its bytes do not parse";
        }
        return "the body is not a protobuf " + message + ": " + what + "; " + hint;
    }
}
