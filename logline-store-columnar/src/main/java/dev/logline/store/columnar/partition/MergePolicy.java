package dev.logline.store.columnar.partition;

import dev.logline.store.columnar.part.Part;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Which parts of a partition to merge next: tiers by size, so each event is rewritten a few times (log base
 * {@link #MIN_MERGE} of the part count), small parts first. A run of at least {@link #MIN_MERGE} parts of similar size
 * (each within {@link #SIZE_RATIO}x of the smallest, parts under {@link #SMALL_BYTES} counting as equal) merges into
 * one; too many parts in a partition merge the smallest regardless; parts past {@link #MAX_INPUT_BYTES} stay as they
 * are.
 *
 * @lucene.internal
 */
public final class MergePolicy {

    static final int MIN_MERGE = 8;
    static final int MAX_MERGE = 16;
    static final double SIZE_RATIO = 4;
    static final long SMALL_BYTES = 4L << 20;
    /** A part this large is not merged again (the merged part of 16 of them would be too big to rewrite often). */
    static final long MAX_INPUT_BYTES = 1L << 30;
    /** More live parts than this make any merge of the smallest worth it. */
    static final int MAX_PARTS = 48;

    private MergePolicy() {
    }

    /** The parts to merge now, or an empty list. */
    public static List<Part> pick(List<Part> mergeable) {
        List<Part> sorted = new ArrayList<>();
        for (Part p : mergeable) {
            if (p.sizeBytes() < MAX_INPUT_BYTES) {
                sorted.add(p);
            }
        }
        if (sorted.size() < 2) {
            return List.of();
        }
        sorted.sort(Comparator.comparingLong(Part::sizeBytes));
        for (int start = 0; start + MIN_MERGE <= sorted.size(); start++) {
            long limit = (long) (Math.max(SMALL_BYTES, sorted.get(start).sizeBytes()) * SIZE_RATIO);
            int end = start;
            while (end < sorted.size() && end - start < MAX_MERGE && sorted.get(end).sizeBytes() <= limit) {
                end++;
            }
            if (end - start >= MIN_MERGE) {
                return List.copyOf(sorted.subList(start, end));
            }
        }
        if (mergeable.size() > MAX_PARTS) {
            return List.copyOf(sorted.subList(0, Math.min(MAX_MERGE, sorted.size())));
        }
        return List.of();
    }

    /** For a partition no longer written to: everything mergeable, in runs of at most {@link #MAX_MERGE}. */
    public static List<Part> pickAll(List<Part> mergeable) {
        List<Part> sorted = new ArrayList<>();
        for (Part p : mergeable) {
            if (p.sizeBytes() < MAX_INPUT_BYTES) {
                sorted.add(p);
            }
        }
        if (sorted.size() < 2) {
            return List.of();
        }
        sorted.sort(Comparator.comparingLong(Part::sizeBytes));
        return List.copyOf(sorted.subList(0, Math.min(MAX_MERGE, sorted.size())));
    }
}
