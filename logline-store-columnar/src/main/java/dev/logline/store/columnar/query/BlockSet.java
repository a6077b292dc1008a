package dev.logline.store.columnar.query;

import dev.logline.store.columnar.part.BlockMeta;
import dev.logline.store.columnar.part.CorruptPartException;
import dev.logline.store.columnar.part.Part;

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

    private final List<Candidate> candidates;
    private final Consumer<CorruptPartException> onCorrupt;

    private BlockSet(List<Candidate> candidates, Consumer<CorruptPartException> onCorrupt) {
        this.candidates = candidates;
        this.onCorrupt = onCorrupt;
    }

    /**
     * @param from      inclusive start, micros
     * @param to        exclusive end, micros
     * @param onCorrupt told of a part found damaged while reading (the read goes on without it)
     */
    public static BlockSet of(List<Part> parts, long from, long to, boolean newestFirst,
                              Consumer<CorruptPartException> onCorrupt) {
        List<Candidate> out = new ArrayList<>();
        for (Part p : parts) {
            if (p.index().maxTs() < from || p.index().minTs() >= to) {
                continue;
            }
            for (int b = 0; b < p.index().blockCount(); b++) {
                BlockMeta m = p.index().block(b);
                if (m.maxTs() >= from && m.minTs() < to) {
                    out.add(new Candidate(p, b, m.minTs(), m.maxTs()));
                }
            }
        }
        out.sort(newestFirst ? Comparator.comparingLong(Candidate::maxTs).reversed()
                : Comparator.comparingLong(Candidate::minTs));
        return new BlockSet(out, onCorrupt);
    }

    List<Candidate> candidates() {
        return candidates;
    }

    void corrupt(CorruptPartException e) {
        onCorrupt.accept(e);
    }
}
