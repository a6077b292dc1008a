package dev.logline.server.http;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A gRPC answer given before a call reaches its service (refused by auth or by admission): "trailers-only", the
 * status in the one header block, as the gRPC HTTP/2 protocol allows.
 */
public final class GrpcStatusResponse {

    private static final MediaType GRPC = MediaType.parse("application/grpc+proto");

    private GrpcStatusResponse() {
    }

    /**
     * @param code    the gRPC status code
     * @param message the status message (percent-encoded here, as the protocol asks)
     * @param details a serialized {@code google.rpc.Status} with details (such as RetryInfo), or {@code null}
     */
    public static HttpResponse of(int code, String message, byte[] details) {
        ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.OK)
                .contentType(GRPC)
                .add("grpc-status", Integer.toString(code))
                .add("grpc-message", URLEncoder.encode(message == null ? "" : message, StandardCharsets.UTF_8)
                        .replace("+", "%20"));
        if (details != null) {
            headers.add("grpc-status-details-bin", Base64.getEncoder().withoutPadding().encodeToString(details));
        }
        return HttpResponse.of(headers.build());
    }
}
