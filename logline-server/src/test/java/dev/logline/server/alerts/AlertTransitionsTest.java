package dev.logline.server.alerts;

import dev.logline.server.api.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The state machine alone: value by value, which states follow and which changes notify. */
class AlertTransitionsTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    static AlertRule rule(String extra) {
        return AlertRuleJson.read(json("{\"name\": \"r\", \"condition\": \"count() > 5\", \"interval\": \"1m\","
                + " \"webhook\": \"http://127.0.0.1:9/\"" + extra + "}"), "r1", false, null);
    }

    /** Runs the values through the machine a minute apart and answers "state/notified" per step. */
    static List<String> run(AlertRule rule, boolean silenced, Double... values) {
        RuleState s = RuleState.initial();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Instant at = T0.plusSeconds(60L * i);
            Double v = values[i];
            Evaluation e = new Evaluation(at, new TimeRange(0, 1), List.of(new Evaluation.GroupValue(Map.of(), v,
                    rule.condition().breached(v), true)), null, 0);
            AlertTransitions.Outcome o = AlertTransitions.apply(rule, s, e, g -> silenced);
            s = o.state();
            boolean notified = o.transitions().stream().anyMatch(Transition::notifies);
            out.add(s.overall().text() + (notified ? "!" : ""));
        }
        return out;
    }

    @Test
    void firesOnceThenResolvesThenIsOk() {
        assertThat(run(rule(""), false, 1.0, 9.0, 9.0, 9.0, 1.0, 1.0))
                .containsExactly("ok", "firing!", "firing", "firing", "resolved!", "ok");
    }

    @Test
    void pendsForItsEvaluationsAndAShortBreachNeverFires() {
        assertThat(run(rule(", \"for\": 3"), false, 9.0, 9.0, 1.0, 9.0, 9.0, 9.0))
                .containsExactly("pending", "pending", "ok", "pending", "pending", "firing!");
    }

    @Test
    void notifiesAgainAfterTheRenotifyInterval() {
        assertThat(run(rule(", \"renotify\": \"2m\""), false, 9.0, 9.0, 9.0, 9.0, 9.0))
                .containsExactly("firing!", "firing", "firing!", "firing", "firing!");
    }

    @Test
    void aSilencedFiringIsNeitherToldNorItsResolution() {
        assertThat(run(rule(""), true, 9.0, 9.0, 1.0)).containsExactly("firing", "firing", "resolved");
    }

    @Test
    void anErrorIsToldOnceAndClearsWhenTheQueryRunsAgain() {
        AlertRule rule = rule("");
        RuleState s = RuleState.initial();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Evaluation e = new Evaluation(T0.plusSeconds(60L * i), new TimeRange(0, 1), List.of(),
                    i < 2 ? "store closed" : null, 0);
            AlertTransitions.Outcome o = AlertTransitions.apply(rule, s, e, g -> false);
            s = o.state();
            out.add(s.overall().text() + o.transitions().stream().filter(Transition::notifies).count());
        }
        assertThat(out).containsExactly("error1", "error0", "ok0");
    }

    static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return AlertRuleJson.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
