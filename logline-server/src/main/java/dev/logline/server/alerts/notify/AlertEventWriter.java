package dev.logline.server.alerts.notify;

import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.server.alerts.AlertRule;
import dev.logline.server.alerts.AlertState;
import dev.logline.server.alerts.AlertValues;
import dev.logline.server.alerts.Transition;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.DecodedItem;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestOutcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The event notifier: every state change of every rule becomes an event of service {@value #SERVICE} in the rule's
 * tenant, written through the same sink as ingested events (limits, redaction, durable write), so alerts are
 * searchable like any log: {@code service:logline.alerts state:firing}.
 */
public final class AlertEventWriter {

    /** The service (stream) of alert events. */
    public static final String SERVICE = "logline.alerts";
    /** The collector name of alert events in the ingest metrics. */
    static final String COLLECTOR = "alerts";

    private final EventSink sink;

    public AlertEventWriter(EventSink sink) {
        this.sink = sink;
    }

    /**
     * Writes the changes of one evaluation and waits until they are durable.
     *
     * @throws Exception when the store did not keep them (the caller logs it; the rule's history still has them)
     */
    public void write(String tenant, AlertRule rule, List<Transition> changes) throws Exception {
        if (changes.isEmpty()) {
            return;
        }
        DecodedBatch.Builder batch = new DecodedBatch.Builder();
        int item = 1;
        for (Transition t : changes) {
            LogEvent e = event(tenant, rule, t);
            batch.add(new DecodedItem(item++, e, 512));
        }
        IngestOutcome outcome = sink.ingest(tenant, COLLECTOR, batch.build(), System.nanoTime()).get(30, TimeUnit.SECONDS);
        if (!outcome.rejected().isEmpty()) {
            throw new IllegalStateException("alert events rejected: " + outcome.rejected());
        }
    }

    static LogEvent event(String tenant, AlertRule rule, Transition t) {
        String status = t.to() == AlertState.ERROR ? "error" : t.to() == AlertState.FIRING ? "firing" : t.to().text();
        Level level = switch (t.to()) {
            case FIRING -> rule.severity().level();
            case ERROR -> Level.ERROR;
            default -> Level.INFO;
        };
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("rule_id", rule.id());
        attrs.put("rule", rule.name());
        attrs.put("state", t.to().text());
        if (t.from() != null) {
            attrs.put("previous_state", t.from().text());
        }
        if (!t.group().isEmpty()) {
            attrs.put("group", new LinkedHashMap<String, Object>(t.group()));
        }
        if (t.value() != null) {
            attrs.put("value", t.value());
        }
        attrs.put("condition", rule.condition().print());
        attrs.put("window", AlertValues.format(rule.window()));
        attrs.put("severity", rule.severity().text());
        attrs.put("notified", t.notifies());
        attrs.put("silenced", t.silenced());
        if (t.error() != null) {
            attrs.put("reason", t.error());
        }
        if (!rule.labels().isEmpty()) {
            attrs.put("labels", new LinkedHashMap<String, Object>(rule.labels()));
        }
        String msg = t.to() == AlertState.ERROR || t.from() == AlertState.ERROR
                ? "alert " + rule.name() + " " + (t.to() == AlertState.ERROR ? "cannot be evaluated: " + t.error() : "evaluates again")
                : AlertNotification.message(rule, t, status);
        return LogEvent.builder()
                .timestamp(t.at())
                .level(level)
                .msg(msg)
                .service(SERVICE)
                .logger("dev.logline.server.alerts")
                .tenant(tenant)
                .attributes(attrs)
                .build();
    }
}
