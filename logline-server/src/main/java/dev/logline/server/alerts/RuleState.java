package dev.logline.server.alerts;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the evaluations of one rule left behind: each group's state, the rule's error while its query fails, and the
 * recent values (the highest over the groups per evaluation) the UI draws as a sparkline.
 *
 * @param lastEvaluated when the rule was last evaluated; {@code null} before the first time
 * @param error         why the last evaluation failed, or {@code null}
 * @param groups        by {@link GroupState#key}
 * @param recent        oldest first, at most {@link #RECENT} samples
 */
public record RuleState(Instant lastEvaluated, String error, Instant errorSince, Map<String, GroupState> groups,
                        List<Sample> recent) {

    /** How many samples the sparkline keeps. */
    public static final int RECENT = 60;

    /** A value at an evaluation; {@code value} is {@code null} when there was nothing to aggregate. */
    public record Sample(Instant at, Double value) {
    }

    public RuleState {
        groups = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        recent = List.copyOf(recent);
    }

    /** A rule never evaluated. */
    public static RuleState initial() {
        return new RuleState(null, null, null, Map.of(), List.of());
    }

    /** The rule's overall state: {@code error} while its query fails, else its most urgent group's, else ok. */
    public AlertState overall() {
        if (error != null) {
            return AlertState.ERROR;
        }
        return groups.values().stream().map(GroupState::state).max(Comparator.comparingInt(AlertState::urgency))
                .orElse(AlertState.OK);
    }

    /** The last sample's value, or {@code null}. */
    public Double lastValue() {
        return recent.isEmpty() ? null : recent.get(recent.size() - 1).value();
    }
}
