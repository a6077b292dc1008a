package dev.logline.server.alerts.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.alerts.NotificationTarget;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts the {@link AlertNotification} JSON to a webhook. With a secret, {@value #SIGNATURE_HEADER} carries
 * {@code sha256=<hex HMAC-SHA256 of the body>} so the receiver can check it came from us; {@value #DELIVERY_HEADER}
 * carries the delivery id, the same on every retry, so a receiver can drop a duplicate.
 */
public final class WebhookNotifier implements Notifier {

    public static final String SIGNATURE_HEADER = "X-Logline-Signature";
    public static final String DELIVERY_HEADER = "X-Logline-Delivery";

    private final HttpPoster poster = new HttpPoster();

    @Override
    public void send(NotificationTarget target, ObjectNode payload) throws Exception {
        byte[] body = AlertNotification.JSON.writeValueAsBytes(payload);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(DELIVERY_HEADER, AlertNotification.text(payload, "id"));
        if (target.secret() != null) {
            headers.put(SIGNATURE_HEADER, signature(target.secret(), body));
        }
        poster.post(target.url(), body, headers);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
