package dev.logline.server.alerts;

import dev.logline.server.api.TimeRange;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation of a rule found: the aggregate of each group over the window, or why the query failed.
 *
 * @param groups the groups in the window's events, then groups known from before that had none (value 0 for
 *               {@code count}-like aggregates, else {@code null})
 * @param error  why the rule could not be evaluated, or {@code null}
 * @param tookMs what the store reported the query took
 */
public record Evaluation(Instant at, TimeRange range, List<GroupValue> groups, String error, long tookMs) {

    /**
     * One group's aggregate.
     *
     * @param seen whether the window's events had this group
     */
    public record GroupValue(Map<String, String> group, Double value, boolean breaching, boolean seen) {
        public GroupValue {
            group = Map.copyOf(group);
        }
    }

    public Evaluation {
        groups = List.copyOf(groups);
    }

    /** The highest value over the groups, or {@code null} when none has one. */
    public Double highest() {
        Double max = null;
        for (GroupValue g : groups) {
            if (g.value() != null && (max == null || g.value() > max)) {
                max = g.value();
            }
        }
        return max;
    }
}
