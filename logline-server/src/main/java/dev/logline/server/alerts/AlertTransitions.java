package dev.logline.server.alerts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state machine of alerting, pure so it can be reasoned about and tested alone: from a rule's state and a new
 * evaluation, the next state and the changes to tell. Per group: ok/resolved → pending (breaching, fewer than
 * {@code for} times in a row) → firing (notified once) → resolved (notified when the firing was) → ok. A group that
 * stays firing is notified again every {@code renotify}; a silenced one is not notified, and is notified once the
 * silence ends if it still fires. A failing query puts the rule in {@code error} (told once, groups kept as they
 * were) until an evaluation succeeds.
 */
public final class AlertTransitions {

    /** The state after an evaluation and the changes it made. */
    public record Outcome(RuleState state, List<Transition> transitions) {
    }

    /** Whether a silence covers a group at an instant. */
    @FunctionalInterface
    public interface Silences {
        boolean silenced(Map<String, String> group);
    }

    /** Groups that were not seen for this long and are quiet are forgotten. */
    static final java.time.Duration FORGET_AFTER = java.time.Duration.ofDays(7);

    private AlertTransitions() {
    }

    public static Outcome apply(AlertRule rule, RuleState before, Evaluation e, Silences silences) {
        Instant now = e.at();
        List<Transition> out = new ArrayList<>();
        if (e.error() != null) {
            boolean newError = before.error() == null;
            if (newError) {
                out.add(new Transition(Map.of(), before.overall(), AlertState.ERROR, null, now, now,
                        !rule.targets().isEmpty(), false, e.error()));
            }
            return new Outcome(new RuleState(now, e.error(), newError ? now : before.errorSince(), before.groups(),
                    sample(before, now, null)), out);
        }
        if (before.error() != null) {
            out.add(new Transition(Map.of(), AlertState.ERROR, AlertState.OK, null, now, now, false, false,
                    "the query runs again"));
        }
        Map<String, GroupState> groups = new LinkedHashMap<>();
        for (Evaluation.GroupValue g : e.groups()) {
            String key = GroupState.key(rule.by(), g.group());
            GroupState prev = before.groups().get(key);
            groups.put(key, next(rule, prev, g, now, silences.silenced(g.group()), out));
        }
        // Groups the evaluation did not mention (a quiet one that stopped) stay as they were for a while.
        for (Map.Entry<String, GroupState> p : before.groups().entrySet()) {
            GroupState s = p.getValue();
            boolean quiet = s.state() == AlertState.OK || s.state() == AlertState.RESOLVED;
            Instant seen = s.lastSeen() == null ? s.since() : s.lastSeen();
            if (!groups.containsKey(p.getKey()) && !(quiet && seen.plus(FORGET_AFTER).isBefore(now))) {
                groups.put(p.getKey(), s);
            }
        }
        return new Outcome(new RuleState(now, null, null, groups, sample(before, now, e.highest())), out);
    }

    private static GroupState next(AlertRule rule, GroupState prev, Evaluation.GroupValue g, Instant now,
                                   boolean silenced, List<Transition> out) {
        AlertState from = prev == null ? null : prev.state();
        AlertState was = from == null ? AlertState.OK : from;
        Instant lastSeen = g.seen() ? now : prev == null ? null : prev.lastSeen();
        int breaches = g.breaching() ? (prev == null ? 0 : prev.breaches()) + 1 : 0;
        Instant lastNotified = prev == null ? null : prev.lastNotified();
        boolean notifiedFiring = prev != null && prev.notifiedFiring();
        Instant since = prev == null ? now : prev.since();
        AlertState to;
        if (g.breaching()) {
            to = breaches >= rule.pendingFor() ? AlertState.FIRING : AlertState.PENDING;
        } else {
            to = was == AlertState.FIRING ? AlertState.RESOLVED : AlertState.OK;
        }
        if (to != was || prev == null) {
            since = now;
        }
        if (to == AlertState.FIRING) {
            boolean firstTime = was != AlertState.FIRING;
            boolean due = !notifiedFiring
                    || (!rule.renotify().isZero() && lastNotified != null && !now.isBefore(lastNotified.plus(rule.renotify())));
            boolean notify = due && !silenced && !rule.targets().isEmpty();
            if (firstTime || notify) {
                out.add(new Transition(g.group(), firstTime ? from : AlertState.FIRING, AlertState.FIRING, g.value(),
                        now, since, notify, silenced && due, null));
            }
            if (notify || (due && !silenced)) {
                lastNotified = now;
                notifiedFiring = true;
            }
        } else if (to == AlertState.RESOLVED) {
            boolean notify = notifiedFiring && !silenced && !rule.targets().isEmpty();
            out.add(new Transition(g.group(), from, to, g.value(), now, since, notify, silenced && notifiedFiring, null));
            notifiedFiring = false;
            lastNotified = null;
        } else if (to != was && from != null) {
            out.add(new Transition(g.group(), from, to, g.value(), now, since, false, false, null));
        } else if (from == null && to == AlertState.PENDING) {
            out.add(new Transition(g.group(), null, to, g.value(), now, since, false, false, null));
        }
        return new GroupState(g.group(), to, since, g.value(), breaches, lastNotified, notifiedFiring, lastSeen);
    }

    private static List<RuleState.Sample> sample(RuleState before, Instant now, Double value) {
        List<RuleState.Sample> recent = new ArrayList<>(before.recent());
        recent.add(new RuleState.Sample(now, value));
        while (recent.size() > RuleState.RECENT) {
            recent.remove(0);
        }
        return recent;
    }
}
