package dev.logline.query.exec;

import dev.logline.query.match.EventFieldLookup;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@code | sort by f [desc]}: holds rows and emits them in order on finish (stable: equal keys keep arrival
 * order). When a {@code limit N} follows, only the best N are held; otherwise at most {@code maxRows}.
 */
final class SortStage extends Stage {

    private static final class Held {
        final Row row;
        final Object key;
        final long sequence;

        Held(Row row, Object key, long sequence) {
            this.row = row;
            this.key = key;
            this.sequence = sequence;
        }
    }

    private final String field;
    private final Comparator<Held> order;
    private final int keep;
    private final int maxRows;
    private final QueryBudget budget;
    private final PriorityQueue<Held> top;
    private final List<Held> all;
    private long sequence;

    /**
     * @param keep    rows to keep when a limit follows, or {@code -1} to keep every row (up to {@code maxRows})
     * @param maxRows the most rows held without a limit
     */
    SortStage(String field, boolean descending, int keep, int maxRows, QueryBudget budget) {
        this.field = field;
        this.order = Comparator.<Held, Object>comparing(h -> h.key, (a, b) -> CellOrder.compare(a, b, descending))
                .thenComparingLong(h -> h.sequence);
        this.keep = keep;
        this.maxRows = maxRows;
        this.budget = budget;
        this.top = keep >= 0 ? new PriorityQueue<>(order.reversed()) : null;
        this.all = keep >= 0 ? null : new ArrayList<>();
    }

    @Override
    void accept(Row row) {
        Held h = new Held(row, sortKey(row.get(field)), sequence++);
        if (top != null) {
            if (keep == 0) {
                return;
            }
            budget.charge(bytes(row), "sorted rows");
            top.add(h);
            if (top.size() > keep) {
                budget.release(bytes(top.poll().row));
            }
            return;
        }
        if (all.size() >= maxRows) {
            throw new QueryLimitException("the query sorts more than " + maxRows
                    + " rows; add '| limit N' after the sort or narrow the filter");
        }
        budget.charge(bytes(row), "sorted rows");
        all.add(h);
    }

    /** What holding a row costs: an event about twice its JSON size once parsed, a table row a little. */
    static long bytes(Row row) {
        Object size = row.get(EventFieldLookup.SIZE_FIELD);
        return QueryBudget.ENTRY_OVERHEAD + (size instanceof Number n ? 2 * n.longValue() : 64);
    }

    /** Booleans, lists and objects sort by their cell text, like they display. */
    private static Object sortKey(Object value) {
        return value instanceof String || value instanceof Number || value == null ? value : Cells.of(value);
    }

    @Override
    boolean saturated() {
        return false;
    }

    @Override
    void finish() {
        List<Held> rows = top != null ? new ArrayList<>(top) : all;
        rows.sort(order);
        for (Held h : rows) {
            budget.release(bytes(h.row)); // what comes next charges what it keeps
        }
        for (Held h : rows) {
            next.accept(h.row);
        }
        next.finish();
    }
}
