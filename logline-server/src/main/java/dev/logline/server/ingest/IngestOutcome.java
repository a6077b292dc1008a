package dev.logline.server.ingest;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What became of each item of a batch once the {@link EventSink} answered: how many are durable (some of them
 * truncated to the event-size limit) and which were rejected and why. Every item of the batch is in exactly one of
 * "accepted" or "rejected"; nothing the outcome calls accepted was dropped.
 */
public final class IngestOutcome {

    private final int accepted;
    private final List<Integer> truncated;
    private final List<Rejection> rejected;
    private final Map<Integer, String> reasons;
    private final Set<Integer> truncatedItems;

    /**
     * @param accepted  items stored durably
     * @param truncated item numbers of stored items whose text was cut to fit the event-size limit
     * @param rejected  items not stored, in item order
     */
    public IngestOutcome(int accepted, List<Integer> truncated, List<Rejection> rejected) {
        this.accepted = accepted;
        this.truncated = List.copyOf(truncated);
        this.rejected = rejected.stream().sorted(Comparator.comparingInt(Rejection::item)).toList();
        this.reasons = new HashMap<>();
        for (Rejection r : this.rejected) {
            reasons.putIfAbsent(r.item(), r.error());
        }
        this.truncatedItems = new HashSet<>(truncated);
    }

    /** The outcome of a batch of which nothing was readable. */
    public static IngestOutcome allRejected(DecodedBatch batch) {
        return new IngestOutcome(0, List.of(), batch.rejected());
    }

    public int accepted() {
        return accepted;
    }

    public List<Integer> truncated() {
        return truncated;
    }

    public List<Rejection> rejected() {
        return rejected;
    }

    /** Why item {@code item} was rejected, or {@code null} when it was stored. */
    public String rejection(int item) {
        return reasons.get(item);
    }

    public boolean isTruncated(int item) {
        return truncatedItems.contains(item);
    }

    @Override
    public String toString() {
        return "IngestOutcome{accepted=" + accepted + ", truncated=" + truncated + ", rejected=" + rejected + "}";
    }
}
