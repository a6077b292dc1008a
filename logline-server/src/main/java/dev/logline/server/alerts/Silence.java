package dev.logline.server.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a rule's notifications (or every rule's, without {@code ruleId}) from its targets until {@code endsAt}, for
 * the groups whose values include {@code matchers}. State changes still happen and are still recorded.
 *
 * @param ruleId   the rule silenced, or {@code null} for every rule of the tenant
 * @param matchers group field values a silenced group must have; empty matches every group
 */
public record Silence(String id, String ruleId, Map<String, String> matchers, Instant startsAt, Instant endsAt,
                      String comment, String createdBy) {

    public Silence {
        Objects.requireNonNull(id, "id");
        matchers = Map.copyOf(matchers);
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        comment = comment == null ? "" : comment;
        createdBy = createdBy == null ? "" : createdBy;
    }

    /** Whether the silence is in force at {@code now}. */
    public boolean active(Instant now) {
        return !now.isBefore(startsAt) && now.isBefore(endsAt);
    }

    /** Whether it silences this group of this rule at {@code now}. */
    public boolean silences(String rule, Map<String, String> group, Instant now) {
        if (!active(now) || (ruleId != null && !ruleId.equals(rule))) {
            return false;
        }
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            if (!m.getValue().equals(group.get(m.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
