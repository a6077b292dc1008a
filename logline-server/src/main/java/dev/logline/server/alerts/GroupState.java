package dev.logline.server.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where one group of a rule (one value of its {@code by} fields, or the whole rule without them) stands after an
 * evaluation.
 *
 * @param group          the group's field values ({@code {"service": "payments"}}; empty without {@code by})
 * @param since          when the group entered {@code state}
 * @param value          the aggregate at the last evaluation; {@code null} when there was nothing to aggregate
 * @param breaches       breaching evaluations in a row
 * @param lastNotified   when targets were last told it fires; {@code null} when they were not (yet)
 * @param notifiedFiring whether targets were told of this firing, so they also hear that it resolved
 * @param lastSeen       the last evaluation whose events had this group
 */
public record GroupState(Map<String, String> group, AlertState state, Instant since, Double value, int breaches,
                         Instant lastNotified, boolean notifiedFiring, Instant lastSeen) {

    public GroupState {
        group = Map.copyOf(group);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    /** The stable key of a group: {@code service=payments,host=a} in the order of {@code by}; "" for no group. */
    public static String key(java.util.List<String> by, Map<String, String> group) {
        StringBuilder b = new StringBuilder();
        for (String f : by) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(f).append('=').append(group.getOrDefault(f, ""));
        }
        return b.toString();
    }
}
