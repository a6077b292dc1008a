package dev.logline.store.columnar.query;

import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.query.exec.QueryBudget;
import dev.logline.query.exec.QueryTimeoutException;
import dev.logline.query.filter.Filter;
import dev.logline.store.StoredEvent;
import dev.logline.store.columnar.block.ColumnKey;
import dev.logline.store.columnar.block.ColumnVector;
import dev.logline.store.columnar.encoding.Bits;
import dev.logline.store.columnar.part.BlockReader;
import dev.logline.store.columnar.part.CorruptPartException;
import dev.logline.store.columnar.part.EventAssembler;
import dev.logline.store.columnar.part.Part;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The first {@code limit} events matching a filter in time order (newest or oldest first), after an optional
 * position: blocks are visited in that order, pruned from the index, filtered column-wise, and the walk stops as soon
 * as no block left can hold an event that beats the {@code limit}-th found so far. Only the winners are rebuilt into
 * events.
 *
 * @lucene.internal
 */
public final class EventSearch {

    /** A matching row, ordered by (time, uid). */
    private record Hit(long ts, long uid, Part part, int block, int row) {
    }

    /** A block of a part (parts compare by identity). */
    private record BlockKey(Part part, int block) {
    }

    private EventSearch() {
    }

    /**
     * @param after     only events strictly beyond this position in the read's order, or null
     * @param budget    the read's deadline, past which it stops with what it has (checked between blocks and
     *                  before each regular-expression test)
     */
    public static List<StoredEvent> run(BlockSet blocks, Filter filter, long from, long to, int limit,
                                        boolean newestFirst, EventPosition after, QueryBudget budget, ReadCost cost) {
        if (limit <= 0 || from >= to) {
            return List.of();
        }
        CompiledFilter compiled = new CompiledFilter(filter, budget);
        BlockPruner pruner = new BlockPruner(compiled);
        // The heap's head is the worst hit kept: the oldest when newest first, the newest when oldest first.
        PriorityQueue<Hit> heap = new PriorityQueue<>(Math.min(limit, 1024) + 1, (a, b) -> {
            int c = EventPosition.compare(a.ts, a.uid, b.ts, b.uid);
            return newestFirst ? c : -c;
        });
        Map<BlockKey, BlockReader> readers = new HashMap<>();
        for (BlockSet.Candidate cand : blocks.candidates(pruner::mayMatchGroup)) {
            if (heap.size() >= limit) {
                Hit worst = heap.peek();
                if (newestFirst ? cand.maxTs() < worst.ts : cand.minTs() > worst.ts) {
                    break;
                }
            }
            if (after != null && (newestFirst ? cand.minTs() > after.tsMicros() : cand.maxTs() < after.tsMicros())) {
                continue;
            }
            if (budget.timeUp()) {
                cost.timedOut = true;
                break;
            }
            cost.blocksConsidered++;
            try {
                Coverage coverage = pruner.coverage(cand.part(), cand.block());
                if (coverage == Coverage.NONE) {
                    continue;
                }
                cost.blocksRead++;
                BlockReader reader = new BlockReader(cand.part(), cand.block());
                long[] rows = candidateRows(reader, from, to, newestFirst, after);
                cost.rowsScanned += Bits.count(rows);
                long[] hits = coverage == Coverage.ALL ? rows : new BlockFilter(compiled, reader).matches(rows);
                if (Bits.isEmpty(hits)) {
                    continue;
                }
                ColumnVector ts = reader.column(ColumnKey.TS);
                ColumnVector uid = reader.column(ColumnKey.UID);
                boolean kept = false;
                for (int r = Bits.next(hits, 0); r >= 0; r = Bits.next(hits, r + 1)) {
                    Hit h = new Hit(ts.number(r), uid.number(r), cand.part(), cand.block(), r);
                    if (heap.size() < limit) {
                        heap.add(h);
                        kept = true;
                    } else if (heap.comparator().compare(h, heap.peek()) > 0) {
                        heap.poll();
                        heap.add(h);
                        kept = true;
                    }
                }
                if (kept) {
                    readers.put(new BlockKey(cand.part(), cand.block()), reader);
                }
            } catch (CorruptPartException e) {
                blocks.corrupt(e);
            } catch (QueryTimeoutException e) {
                cost.timedOut = true; // inside a block's regular expressions: keep what earlier blocks found
                break;
            }
        }
        List<Hit> ordered = new ArrayList<>(heap);
        ordered.sort((a, b) -> {
            int c = EventPosition.compare(a.ts, a.uid, b.ts, b.uid);
            return newestFirst ? -c : c;
        });
        List<StoredEvent> out = new ArrayList<>(ordered.size());
        for (Hit h : ordered) {
            BlockReader reader = readers.computeIfAbsent(new BlockKey(h.part, h.block), k -> new BlockReader(h.part, h.block));
            try {
                out.add(stored(reader, h.row));
            } catch (CorruptPartException e) {
                blocks.corrupt(e);
            }
        }
        return out;
    }

    /** The rows of a block inside [from, to) and beyond {@code after} in the read's order. */
    static long[] candidateRows(BlockReader reader, long from, long to, boolean newestFirst, EventPosition after) {
        int rows = reader.rows();
        if (after == null && reader.meta().minTs() >= from && reader.meta().maxTs() < to) {
            return Bits.all(rows);
        }
        long[] out = Bits.create(rows);
        ColumnVector ts = reader.column(ColumnKey.TS);
        ColumnVector uid = after == null ? null : reader.column(ColumnKey.UID);
        for (int r = 0; r < rows; r++) {
            long t = ts.number(r);
            if (t < from || t >= to) {
                continue;
            }
            if (after != null) {
                int c = EventPosition.compare(t, uid.number(r), after.tsMicros(), after.uid());
                if (newestFirst ? c >= 0 : c <= 0) {
                    continue;
                }
            }
            Bits.set(out, r);
        }
        return out;
    }

    /** The stored event of a row: its id, the event, its JSON size. */
    public static StoredEvent stored(BlockReader reader, int row) {
        LogEvent e = EventAssembler.event(reader, row);
        EventPosition at = new EventPosition(reader.column(ColumnKey.TS).number(row),
                reader.column(ColumnKey.UID).number(row));
        return new StoredEvent(at.text(), e, LogEventJson.toJsonBytes(e).length);
    }
}
