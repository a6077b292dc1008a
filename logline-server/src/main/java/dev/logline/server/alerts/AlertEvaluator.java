package dev.logline.server.alerts;

import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.query.LqlSyntaxException;
import dev.logline.query.Query;
import dev.logline.query.exec.QueryPlan;
import dev.logline.query.filter.AndFilter;
import dev.logline.query.filter.Filter;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.query.filter.NotFilter;
import dev.logline.query.filter.TermFilter;
import dev.logline.query.pipe.Pipe;
import dev.logline.query.pipe.StatsPipe;
import dev.logline.server.alerts.notify.AlertEventWriter;
import dev.logline.server.api.TableQuery;
import dev.logline.server.api.TimeRange;
import dev.logline.store.LogStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a rule once: its query with {@code | stats <aggregate> by <by>} appended, over the window ending now,
 * through the server's one aggregation path ({@link TableQuery}: the store aggregates on its columns when it can),
 * and the condition on each group's value. Never throws for a rule that cannot run: the evaluation carries the error.
 */
public final class AlertEvaluator {

    /** The default of the most groups one rule may have; more is an error asking for a narrower query or fewer fields. */
    public static final int MAX_GROUPS = 1_000;

    private final LogStore store;
    private final Duration timeout;
    private final int maxGroups;

    /** @param maxGroups the most groups an evaluation may have; more is the rule's error */
    public AlertEvaluator(LogStore store, Duration timeout, int maxGroups) {
        this.store = store;
        this.timeout = timeout;
        this.maxGroups = maxGroups;
    }

    /**
     * @param known groups seen by earlier evaluations, so one whose events stopped is still evaluated ("went silent")
     */
    public Evaluation evaluate(String tenant, AlertRule rule, Instant now, Collection<Map<String, String>> known) {
        long toMicros = LogEvent.toMicros(now) + 1;
        TimeRange range = new TimeRange(toMicros - rule.window().toNanos() / 1_000L, toMicros);
        TableQuery.Answer answer;
        try {
            answer = TableQuery.run(store, tenant, plan(rule), range, timeout, maxGroups);
        } catch (RuntimeException e) {
            return new Evaluation(now, range, List.of(), describe(e), 0);
        }
        if (answer.rows().size() > maxGroups) {
            // A store may allow more groups than alerting does; every group is state kept and evaluated.
            return new Evaluation(now, range, List.of(), "the query produces more than " + maxGroups
                    + " groups; narrow the query or group by fewer fields", 0);
        }
        AlertCondition c = rule.condition();
        List<Evaluation.GroupValue> groups = new ArrayList<>();
        Set<Map<String, String>> seen = new HashSet<>();
        int valueColumn = answer.columns().size() - 1;
        for (List<Object> row : answer.rows()) {
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < rule.by().size(); i++) {
                Object cell = row.get(i);
                group.put(rule.by().get(i), cell == null ? "" : cell.toString());
            }
            Double value = row.get(valueColumn) instanceof Number n ? n.doubleValue() : null;
            seen.add(group);
            groups.add(new Evaluation.GroupValue(group, value, c.breached(value), true));
        }
        Double empty = c.zeroWhenEmpty() ? 0.0 : null;
        if (rule.by().isEmpty() && groups.isEmpty()) {
            groups.add(new Evaluation.GroupValue(Map.of(), empty, c.breached(empty), false));
        }
        for (Map<String, String> g : known) {
            if (!rule.by().isEmpty() && !seen.contains(g) && g.keySet().equals(new HashSet<>(rule.by()))) {
                groups.add(new Evaluation.GroupValue(g, empty, c.breached(empty), false));
            }
        }
        return new Evaluation(now, range, groups, null, answer.cost() == null ? 0 : answer.cost().tookMs());
    }

    /**
     * The rule's query with the condition's aggregate appended as {@code stats … by …}. Alerting's own events
     * ({@code service:logline.alerts}) are left out unless the query names that service, so a rule on
     * {@code level:ERROR} does not count the events of its own firing.
     */
    static QueryPlan plan(AlertRule rule) {
        Query q = LqlParser.parse(rule.query());
        List<Pipe> pipes = new ArrayList<>(q.pipes());
        pipes.add(new StatsPipe(List.of(rule.condition().aggregate()), rule.by()));
        Filter filter = q.filter();
        if (!rule.query().contains(AlertEventWriter.SERVICE)) {
            Filter own = new NotFilter(new TermFilter("service", AlertEventWriter.SERVICE));
            filter = filter instanceof MatchAllFilter ? own : new AndFilter(List.of(filter, own));
        }
        return QueryPlan.of(new Query(filter, pipes));
    }

    private static String describe(RuntimeException e) {
        if (e instanceof LqlSyntaxException s) {
            return "the query does not parse at column " + s.column() + ": " + s.getMessage();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
