package dev.logline.store.lucene;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

import java.util.Arrays;
import java.util.Collection;

/** Collects the ids of every matching document, giving up when the query's time budget is spent. */
final class MatchCollector extends SimpleCollector {

    private final long deadlineNanos;
    private int[] docs = new int[256];
    private int count;
    private int docBase;

    MatchCollector(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    protected void doSetNextReader(LeafReaderContext context) {
        docBase = context.docBase;
    }

    @Override
    public void collect(int doc) {
        if ((count & 4095) == 0 && System.nanoTime() > deadlineNanos) {
            throw new IllegalStateException("the query ran longer than its time budget; narrow the time range or "
                    + "the filter");
        }
        if (count == docs.length) {
            docs = Arrays.copyOf(docs, count * 2);
        }
        docs[count++] = docBase + doc;
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    /** Hands one collector per search slice and joins their ids, sorted. */
    static CollectorManager<MatchCollector, int[]> manager(long deadlineNanos) {
        return new CollectorManager<>() {
            @Override
            public MatchCollector newCollector() {
                return new MatchCollector(deadlineNanos);
            }

            @Override
            public int[] reduce(Collection<MatchCollector> collectors) {
                int total = 0;
                for (MatchCollector c : collectors) {
                    total += c.count;
                }
                int[] all = new int[total];
                int at = 0;
                for (MatchCollector c : collectors) {
                    System.arraycopy(c.docs, 0, all, at, c.count);
                    at += c.count;
                }
                Arrays.sort(all);
                return all;
            }
        };
    }
}
