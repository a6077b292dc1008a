package dev.logline.server.alerts.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.alerts.NotificationTarget;

import java.util.Map;

/**
 * Posts to a Slack-compatible incoming webhook (Slack, Mattermost, Rocket.Chat): {@code {"text": "…"}} with the
 * notification's message and a link to the matching events in the web UI.
 */
public final class SlackNotifier implements Notifier {

    private final HttpPoster poster = new HttpPoster();

    @Override
    public void send(NotificationTarget target, ObjectNode payload) throws Exception {
        ObjectNode body = AlertNotification.JSON.createObjectNode();
        body.put("text", text(payload));
        poster.post(target.url(), AlertNotification.JSON.writeValueAsBytes(body), Map.of());
    }

    /** The message, with Slack's {@code <url|label>} link to the events. */
    static String text(ObjectNode payload) {
        String emoji = switch (AlertNotification.text(payload, "status")) {
            case "firing" -> ":rotating_light: ";
            case "resolved" -> ":white_check_mark: ";
            default -> ":warning: ";
        };
        return emoji + AlertNotification.text(payload, "message") + "\n<" + AlertNotification.text(payload, "link")
                + "|Open the events in Logline>";
    }
}
