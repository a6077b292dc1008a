package dev.logline.demo.http;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** An {@code application/x-www-form-urlencoded} request body, the way the shop's services pass parameters. */
public final class FormBody {

    public static final String CONTENT_TYPE = "application/x-www-form-urlencoded";

    private FormBody() {
    }

    /** {@code fields} encoded in iteration order. */
    public static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Sets the content type and a POST of {@code fields} on {@code builder}. */
    public static HttpRequest.Builder post(HttpRequest.Builder builder, Map<String, String> fields) {
        return builder.header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields), StandardCharsets.UTF_8));
    }
}
