package dev.logline.server.alerts;

import java.util.List;
import java.util.Objects;

/**
 * Where a rule's notifications go: a webhook (our JSON payload, optionally signed with an HMAC {@code secret}), a
 * Slack-compatible incoming webhook, or e-mail over the server's SMTP settings.
 *
 * @param url    the webhook's URL (webhook, slack)
 * @param secret the HMAC-SHA256 key of the webhook's {@code X-Logline-Signature} header, or {@code null}
 * @param to     the e-mail recipients (email)
 */
public record NotificationTarget(Type type, String url, String secret, List<String> to) {

    /** The kinds of target. */
    public enum Type {
        WEBHOOK, SLACK, EMAIL;

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What the API shows instead of a secret; sending it back keeps the stored one. */
    public static final String MASK = "********";

    public NotificationTarget {
        Objects.requireNonNull(type, "type");
        to = to == null ? List.of() : List.copyOf(to);
    }

    /** A short description for history and logs, without secrets: {@code webhook http://…}, {@code email a@b}. */
    public String describe() {
        return type.text() + " " + (type == Type.EMAIL ? String.join(", ", to) : url);
    }
}
