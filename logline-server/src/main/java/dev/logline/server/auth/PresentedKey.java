package dev.logline.server.auth;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.common.RequestHeaders;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Finds the API key a request brings, in the places the clients people run put it:
 * {@code Authorization: Bearer K} (our appender, the CLI, the web UI, OTLP exporters with a header),
 * {@code Authorization: ApiKey K} or {@code ApiKey base64(id:K)} (Elasticsearch clients and Beats),
 * {@code Authorization: Basic base64(user:K)} (Loki clients, Logstash, Fluent Bit), {@code X-API-Key: K}, and for
 * GET requests a {@code ?api_key=K} parameter (a browser's EventSource cannot set headers for the live tail).
 */
public final class PresentedKey {

    /** The query parameter that may carry the key on GET requests. */
    public static final String QUERY_PARAM = "api_key";

    private PresentedKey() {
    }

    /** The key text the request carries (not yet checked), or {@code null} when it carries none. */
    public static String of(RequestHeaders headers, QueryParams params) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && !authorization.isBlank()) {
            return fromAuthorization(authorization.trim());
        }
        String header = headers.get("x-api-key");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        if (headers.method() == HttpMethod.GET || headers.method() == HttpMethod.HEAD) {
            String param = params.get(QUERY_PARAM);
            if (param != null && !param.isBlank()) {
                return param.trim();
            }
        }
        return null;
    }

    private static String fromAuthorization(String value) {
        int space = value.indexOf(' ');
        if (space < 0) {
            return value;
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String credentials = value.substring(space + 1).trim();
        switch (scheme) {
            case "bearer":
                return credentials;
            case "apikey":
                return ApiKeyToken.parse(credentials).isPresent() ? credentials : fromPair(decode(credentials));
            case "basic":
                return fromPair(decode(credentials));
            default:
                return credentials;
        }
    }

    /**
     * A {@code user:password} or {@code id:api_key} pair: the whole key in either half, or our key id and secret
     * split the way Elasticsearch API keys are ({@code id} and {@code api_key}).
     */
    private static String fromPair(String pair) {
        if (pair == null) {
            return "";
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
            return pair;
        }
        String left = pair.substring(0, colon);
        String right = pair.substring(colon + 1);
        if (ApiKeyToken.parse(right).isPresent()) {
            return right;
        }
        if (ApiKeyToken.parse(left).isPresent() && right.isEmpty()) {
            return left;
        }
        return ApiKeyToken.isId(left) ? ApiKeyToken.PREFIX + left + "_" + right : right;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
