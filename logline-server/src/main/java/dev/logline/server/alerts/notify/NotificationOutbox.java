package dev.logline.server.alerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.alerts.NotificationTarget;
import dev.logline.server.documents.DocumentStore;
import dev.logline.server.documents.StoredDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Notifications on their way to their targets, kept as documents ({@value #KIND}) until a target took them, so
 * neither a receiver that is down nor a restart of the server loses one. Each is tried when enqueued and then by
 * {@link #deliverDue} as its {@link RetryPolicy} allows; a notification older than the policy's limit is dropped and
 * reported to the {@link GiveUpListener}. One delivery of a notification runs at a time. Thread-safe.
 *
 * <pre>
 * body := {"rule_id", "target": {type, url, secret, to}, "payload": {…}, "attempts": n,
 *          "created": time, "next_attempt": time, "last_error": text}
 * </pre>
 */
public final class NotificationOutbox {

    static final String KIND = "alert-outbox";
    private static final Logger LOG = LoggerFactory.getLogger(NotificationOutbox.class);

    /** Hears of notifications given up on, for the rule's history. */
    @FunctionalInterface
    public interface GiveUpListener {
        void gaveUp(String tenant, String ruleId, String detail);
    }

    private record Key(String tenant, String id) {
    }

    private final DocumentStore documents;
    private final Map<NotificationTarget.Type, Notifier> notifiers;
    private final Clock clock;
    private final RetryPolicy retry;
    private final GiveUpListener giveUp;
    /** When each pending notification is next due. */
    private final Map<Key, Instant> due = new ConcurrentHashMap<>();
    private final Set<Key> inFlight = ConcurrentHashMap.newKeySet();

    /** Loads the notifications a previous run left pending. */
    public NotificationOutbox(DocumentStore documents, Map<NotificationTarget.Type, Notifier> notifiers, Clock clock,
                              RetryPolicy retry, GiveUpListener giveUp) {
        this.documents = documents;
        this.notifiers = Map.copyOf(notifiers);
        this.clock = clock;
        this.retry = retry;
        this.giveUp = giveUp;
        for (String tenant : documents.tenants()) {
            for (StoredDocument d : documents.list(tenant, KIND)) {
                due.put(new Key(tenant, d.id()), Instant.parse(d.body().path("next_attempt").asText(Instant.EPOCH.toString())));
            }
        }
    }

    /**
     * Keeps a notification for delivery, due now; the payload's {@code id} becomes its delivery id.
     *
     * @return the delivery id
     */
    public String enqueue(String tenant, String ruleId, NotificationTarget target, ObjectNode payload) {
        String id = DocumentStore.newId();
        payload.put("id", id);
        Instant now = clock.instant();
        ObjectNode body = AlertNotification.JSON.createObjectNode();
        body.put("rule_id", ruleId);
        ObjectNode t = body.putObject("target");
        t.put("type", target.type().text());
        t.put("url", target.url());
        t.put("secret", target.secret());
        ArrayNode to = t.putArray("to");
        target.to().forEach(to::add);
        body.set("payload", payload);
        body.put("attempts", 0);
        body.put("created", now.toString());
        body.put("next_attempt", now.toString());
        documents.put(tenant, KIND, id, "", body, 0);
        due.put(new Key(tenant, id), now);
        return id;
    }

    /** How many notifications wait for delivery. */
    public int pending() {
        return due.size();
    }

    /** Hands every notification that is due and not being delivered to {@code executor}, one task each. */
    public void deliverDue(Executor executor) {
        Instant now = clock.instant();
        for (Map.Entry<Key, Instant> e : due.entrySet()) {
            Key k = e.getKey();
            if (!e.getValue().isAfter(now) && inFlight.add(k)) {
                try {
                    executor.execute(() -> {
                        try {
                            deliver(k);
                        } finally {
                            inFlight.remove(k);
                        }
                    });
                } catch (RejectedExecutionException full) {
                    inFlight.remove(k);
                    return; // the executor is busy or closing; the next tick tries again
                }
            }
        }
    }

    private void deliver(Key k) {
        Optional<StoredDocument> doc = documents.get(k.tenant, KIND, k.id);
        if (doc.isEmpty()) {
            due.remove(k);
            return;
        }
        ObjectNode body = doc.get().body();
        NotificationTarget target = target(body.path("target"));
        String ruleId = body.path("rule_id").asText();
        try {
            notifiers.get(target.type()).send(target, (ObjectNode) body.get("payload"));
            documents.delete(k.tenant, KIND, k.id);
            due.remove(k);
            return;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Instant now = clock.instant();
            int attempts = body.path("attempts").asInt(0) + 1;
            String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Instant created = Instant.parse(body.path("created").asText(now.toString()));
            if (retry.givenUp(created, now)) {
                documents.delete(k.tenant, KIND, k.id);
                due.remove(k);
                String detail = "notification " + k.id + " to " + target.describe() + " given up after " + attempts
                        + " attempts: " + error;
                LOG.warn("alert rule {} of tenant {}: {}", ruleId, k.tenant, detail);
                giveUp.gaveUp(k.tenant, ruleId, detail);
                return;
            }
            Instant next = retry.next(now, attempts);
            body.put("attempts", attempts);
            body.put("next_attempt", next.toString());
            body.put("last_error", error);
            documents.put(k.tenant, KIND, k.id, "", body, DocumentStore.ANY_VERSION);
            due.put(k, next);
            LOG.info("alert notification {} to {} failed (attempt {}), next at {}: {}", k.id, target.describe(),
                    attempts, next, error);
        }
    }

    /** The pending notifications of a tenant as stored (secrets included), oldest first; for tests and support. */
    public List<ObjectNode> list(String tenant) {
        List<ObjectNode> out = new ArrayList<>();
        documents.list(tenant, KIND).forEach(d -> out.add(d.body()));
        return out;
    }

    private static NotificationTarget target(JsonNode t) {
        List<String> to = new ArrayList<>();
        t.path("to").forEach(a -> to.add(a.asText()));
        return new NotificationTarget(NotificationTarget.Type.valueOf(t.path("type").asText().toUpperCase(java.util.Locale.ROOT)),
                t.path("url").isNull() ? null : t.path("url").asText(null),
                t.path("secret").isNull() ? null : t.path("secret").asText(null), to);
    }
}
