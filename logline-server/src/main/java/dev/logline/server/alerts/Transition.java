package dev.logline.server.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * One change an evaluation made, for the history, the {@code logline.alerts} stream and (when {@code notifies}) the
 * rule's targets. A repeat notification of a group that stays firing is a transition from firing to firing.
 *
 * @param from     the state before; {@code null} for a group seen the first time
 * @param since    when the group entered {@code to} (for a repeat, when it started firing)
 * @param notifies whether the rule's targets are told
 * @param silenced whether a silence kept it from the targets
 * @param error    the rule's error, for a change to or from {@code error}
 */
public record Transition(Map<String, String> group, AlertState from, AlertState to, Double value, Instant at,
                         Instant since, boolean notifies, boolean silenced, String error) {

    public Transition {
        group = Map.copyOf(group);
    }

    /** Whether this is a repeat notification of a group that stays firing. */
    public boolean repeat() {
        return from == AlertState.FIRING && to == AlertState.FIRING;
    }

    /** The history entry of this change. */
    public HistoryEntry toHistory() {
        return new HistoryEntry(at, group, from, to, value, silenced, notifies, error);
    }
}
