package dev.logline.server.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * One state change of a rule's group, or of the rule itself (an error), as its history keeps it.
 *
 * @param from     the state before ({@code null} for a group seen the first time)
 * @param value    the aggregate that caused the change, or {@code null}
 * @param silenced whether a silence kept the change from the rule's targets
 * @param notified whether the rule's targets are being told (a firing, a repeat, a resolution)
 * @param detail   the error of a failing rule, or what happened to a notification; {@code null} otherwise
 */
public record HistoryEntry(Instant at, Map<String, String> group, AlertState from, AlertState to, Double value,
                           boolean silenced, boolean notified, String detail) {

    public HistoryEntry {
        group = Map.copyOf(group);
    }
}
