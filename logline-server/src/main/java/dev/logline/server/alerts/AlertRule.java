package dev.logline.server.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert rule of a tenant: every {@code interval} the events its LQL {@code query} matches over the last
 * {@code window} are aggregated (per group of the {@code by} fields) and compared by its {@code condition}; a group
 * that breaches for {@code pendingFor} evaluations in a row fires, and its notifications go to {@code targets}.
 * See {@code docs/ALERTS.md}.
 *
 * @param id          a path-safe id (random for rules made through the API, chosen in the alerts file)
 * @param pendingFor  how many evaluations in a row must breach before a group fires (1: the first one)
 * @param renotify    how often a group that stays firing is notified again; {@link Duration#ZERO} never
 * @param provisioned whether the rule comes from the alerts file (read-only through the API)
 */
public record AlertRule(String id, String name, String query, Duration window, AlertCondition condition,
                        List<String> by, Duration interval, int pendingFor, Duration renotify, Severity severity,
                        Map<String, String> labels, List<NotificationTarget> targets, boolean enabled,
                        boolean provisioned) {

    public AlertRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(renotify, "renotify");
        Objects.requireNonNull(severity, "severity");
        by = List.copyOf(by);
        labels = Map.copyOf(labels);
        targets = List.copyOf(targets);
    }

    public AlertRule withId(String newId) {
        return new AlertRule(newId, name, query, window, condition, by, interval, pendingFor, renotify, severity,
                labels, targets, enabled, provisioned);
    }
}
