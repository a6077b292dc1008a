package dev.logline.store.columnar.query;

import dev.logline.query.filter.Filter;
import dev.logline.store.columnar.encoding.Bits;
import dev.logline.store.columnar.part.BlockReader;

/** Row selection over a decoded block, for writers that rewrite parts (retention rules). */
public final class BlockRows {

    private BlockRows() {
    }

    /** The rows older than {@code beforeMicros} that match the filter, as a bit set (null when none). */
    public static long[] matchingBefore(Filter filter, BlockReader block, long beforeMicros) {
        if (block.meta().minTs() >= beforeMicros) {
            return null;
        }
        long[] rows = EventSearch.candidateRows(block, Long.MIN_VALUE, beforeMicros, true, null);
        long[] hits = new BlockFilter(new CompiledFilter(filter), block).matches(rows);
        return Bits.isEmpty(hits) ? null : hits;
    }
}
