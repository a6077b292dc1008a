package dev.logline.store.columnar.query;

import dev.logline.store.columnar.part.BlockMeta;
import dev.logline.store.columnar.part.CorruptPartException;
import dev.logline.store.columnar.part.Part;
import dev.logline.store.columnar.part.PartIndex;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The blocks a read may need: every block of the given parts whose time range meets the read's, in the order the read
 * wants them (newest end first, or oldest start first). Parts are held (acquired) by the caller throughout.
 *
 * @lucene.internal
 */
public final class BlockSet {

    /** One candidate block. */
    record Candidate(Part part, int block, long minTs, long maxTs) {
    }

    /** Which groups of a part's blocks (see {@code PartIndex.GROUP_BLOCKS}) a read may find anything in. */
    @FunctionalInterface
    interface GroupFilter {
        GroupFilter ALL = (part, group) -> true;

        boolean mayMatch(Part part, int group);
    }

    private final List<Part> parts;
    private final long from;
    private final long to;
    private final boolean newestFirst;
    private final Consumer<CorruptPartException> onCorrupt;

    private BlockSet(List<Part> parts, long from, long to, boolean newestFirst,
                     Consumer<CorruptPartException> onCorrupt) {
        this.parts = parts;
        this.from = from;
        this.to = to;
        this.newestFirst = newestFirst;
        this.onCorrupt = onCorrupt;
    }

    /**
     * @param from      inclusive start, micros
     * @param to        exclusive end, micros
     * @param onCorrupt told of a part found damaged while reading (the read goes on without it)
     */
    public static BlockSet of(List<Part> parts, long from, long to, boolean newestFirst,
                              Consumer<CorruptPartException> onCorrupt) {
        return new BlockSet(parts, from, to, newestFirst, onCorrupt);
    }

    /** Every candidate block, in the read's order. */
    List<Candidate> candidates() {
        return candidates(GroupFilter.ALL);
    }

    /**
     * The candidate blocks of the groups {@code groups} lets through, in the read's order: a point lookup whose
     * value the group filters rule out of most groups lists (and sorts) only the blocks of the rest.
     */
    List<Candidate> candidates(GroupFilter groups) {
        List<Candidate> out = new ArrayList<>();
        for (Part p : parts) {
            if (p.index().maxTs() < from || p.index().minTs() >= to) {
                continue;
            }
            int blockCount = p.index().blockCount();
            for (int g = 0; g * PartIndex.GROUP_BLOCKS < blockCount; g++) {
                if (!groups.mayMatch(p, g)) {
                    continue;
                }
                int end = Math.min(blockCount, (g + 1) * PartIndex.GROUP_BLOCKS);
                for (int b = g * PartIndex.GROUP_BLOCKS; b < end; b++) {
                    BlockMeta m = p.index().block(b);
                    if (m.maxTs() >= from && m.minTs() < to) {
                        out.add(new Candidate(p, b, m.minTs(), m.maxTs()));
                    }
                }
            }
        }
        out.sort(newestFirst ? Comparator.comparingLong(Candidate::maxTs).reversed()
                : Comparator.comparingLong(Candidate::minTs));
        return out;
    }

    void corrupt(CorruptPartException e) {
        onCorrupt.accept(e);
    }
}
