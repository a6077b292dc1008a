package dev.logline.server.alerts.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.alerts.NotificationTarget;

/** Sends one notification to one kind of target; throws when it was not delivered, so it is tried again later. */
@FunctionalInterface
public interface Notifier {

    /**
     * @param payload the {@link AlertNotification} JSON
     * @throws Exception when the target did not take it (unreachable, a non-2xx answer, an SMTP error)
     */
    void send(NotificationTarget target, ObjectNode payload) throws Exception;
}
