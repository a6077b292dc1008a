package dev.logline.query.exec;

import dev.logline.core.Timestamps;
import dev.logline.query.stats.Accumulator;
import dev.logline.query.stats.Aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code | stats …} and {@code | timechart …}: one set of accumulators per group (per time bucket too for
 * timechart), at most {@code maxGroups} groups; on finish, one row per group in group order.
 */
final class AggregateStage extends Stage {

    /** The timechart bucket-start column. */
    static final String TIME_COLUMN = "_time";

    private final List<Aggregate> aggregates;
    private final List<String> by;
    private final long bucketMicros;
    private final QueryBudget budget;
    private final Map<GroupKey, Accumulator[]> groups = new HashMap<>();
    /** The key of the row being added, reused so that a row of an existing group allocates no key. */
    private final GroupKey probe;

    /** @param bucketMicros the timechart interval in micros, or {@code 0} for stats */
    AggregateStage(List<Aggregate> aggregates, List<String> by, long bucketMicros, QueryBudget budget) {
        this.aggregates = aggregates;
        this.by = by;
        this.bucketMicros = bucketMicros;
        this.budget = budget;
        this.probe = new GroupKey(new Object[(bucketMicros > 0 ? 1 : 0) + by.size()]);
    }

    /** The columns this stage produces. */
    static List<String> columns(List<Aggregate> aggregates, List<String> by, boolean timechart) {
        List<String> columns = new ArrayList<>();
        if (timechart) {
            columns.add(TIME_COLUMN);
        }
        columns.addAll(by);
        for (Aggregate a : aggregates) {
            columns.add(a.columnName());
        }
        return columns;
    }

    @Override
    void accept(Row row) {
        acceptRepeated(row, 1);
    }

    /** Adds {@code times} events that all have this row's values. */
    void acceptRepeated(Row row, long times) {
        Accumulator[] accumulators = groupOf(row);
        if (accumulators == null) {
            return;
        }
        for (int i = 0; i < accumulators.length; i++) {
            String field = aggregates.get(i).field();
            Object value = field == null ? null : row.get(field);
            if (times == 1) {
                accumulators[i].add(value);
            } else {
                accumulators[i].addRepeated(value, times);
            }
        }
    }

    /** Folds partial accumulators (one per aggregate) of events that share this row's group. */
    void acceptPartial(Row row, Accumulator[] partials) {
        if (partials.length != aggregates.size()) {
            throw new IllegalArgumentException(partials.length + " partial results for " + aggregates.size()
                    + " aggregates");
        }
        Accumulator[] accumulators = groupOf(row);
        if (accumulators == null) {
            return;
        }
        for (int i = 0; i < accumulators.length; i++) {
            accumulators[i].merge(partials[i]);
        }
    }

    List<Aggregate> aggregates() {
        return aggregates;
    }

    /** The accumulators of the row's group, made on first use; null when a timechart row has no time. */
    private Accumulator[] groupOf(Row row) {
        Object[] key = probe.values;
        int offset = bucketMicros > 0 ? 1 : 0;
        if (bucketMicros > 0) {
            Long ts = micros(row.get("ts"));
            if (ts == null) {
                return null;
            }
            key[0] = Math.floorDiv(ts, bucketMicros) * bucketMicros;
        }
        for (int i = 0; i < by.size(); i++) {
            key[offset + i] = Cells.of(row.get(by.get(i)));
        }
        probe.rehash();
        Accumulator[] accumulators = groups.get(probe);
        if (accumulators == null) {
            if (groups.size() >= budget.maxGroups()) {
                throw budget.tooManyGroups();
            }
            budget.chargeGroup(java.util.Arrays.asList(key), aggregates.size());
            accumulators = new Accumulator[aggregates.size()];
            for (int i = 0; i < accumulators.length; i++) {
                accumulators[i] = aggregates.get(i).newAccumulator(budget);
            }
            groups.put(probe.copy(), accumulators);
        }
        return accumulators;
    }

    /** An event's ts is epoch micros; a row from an earlier stage may carry RFC 3339 text. */
    private static Long micros(Object ts) {
        if (ts instanceof Number) {
            return ((Number) ts).longValue();
        }
        if (ts instanceof String) {
            try {
                return Timestamps.parseMicros((String) ts);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    @Override
    boolean saturated() {
        return false;
    }

    @Override
    void finish() {
        List<Map.Entry<List<Object>, Accumulator[]>> sorted = new ArrayList<>(groups.size());
        for (Map.Entry<GroupKey, Accumulator[]> g : groups.entrySet()) {
            sorted.add(Map.entry(Arrays.asList(g.getKey().values), g.getValue()));
        }
        sorted.sort(Map.Entry.comparingByKey(CellOrder.KEYS));
        int offset = bucketMicros > 0 ? 1 : 0;
        for (Map.Entry<List<Object>, Accumulator[]> group : sorted) {
            Map<String, Object> cells = new LinkedHashMap<>();
            if (bucketMicros > 0) {
                cells.put(TIME_COLUMN, Timestamps.formatMicros((Long) group.getKey().get(0)));
            }
            for (int i = 0; i < by.size(); i++) {
                cells.put(by.get(i), group.getKey().get(offset + i));
            }
            Accumulator[] accumulators = group.getValue();
            for (int i = 0; i < accumulators.length; i++) {
                cells.put(aggregates.get(i).columnName(), accumulators[i].result());
            }
            next.accept(new TableRow(cells));
        }
        next.finish();
    }

    /** A group's key cells (bucket start first for timechart), compared by value like {@code Arrays.asList}. */
    private static final class GroupKey {
        final Object[] values;
        private int hash;

        GroupKey(Object[] values) {
            this.values = values;
            rehash();
        }

        void rehash() {
            hash = Arrays.hashCode(values);
        }

        GroupKey copy() {
            return new GroupKey(values.clone());
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GroupKey && hash == ((GroupKey) o).hash && Arrays.equals(values, ((GroupKey) o).values);
        }
    }
}
