package dev.logline.query.exec;

import java.time.Duration;

/**
 * What one query execution may still spend: wall time until its deadline, and bytes held by its stages (groups,
 * distinct values and percentile samples, sorted rows, events kept for the answer). Scan loops call
 * {@link #checkTime()} between blocks and before each costly test (a regular expression); stages {@link #charge}
 * what they keep as they keep it. Both stop the query with an exception that names the bound and what to do, so
 * an API answers with the reason instead of running on or running out of memory.
 *
 * <p>One per execution, used by the one thread that runs it; not thread-safe. Byte counts are estimates of the
 * retained objects (the point is an order of magnitude, not an exact heap figure).
 */
public final class QueryBudget {

    /** Bytes of bookkeeping charged per group, sorted row or held event on top of what its values take. */
    public static final int ENTRY_OVERHEAD = 64;

    /** Past any real query: a deadline this far out never comes. */
    private static final long NEVER = Duration.ofDays(365).toNanos();

    private final QueryLimits limits;
    private final long deadline;
    private final boolean bounded;
    private long heldBytes;

    QueryBudget(QueryLimits limits, long startNanos) {
        this(limits, startNanos, true);
    }

    private QueryBudget(QueryLimits limits, long startNanos, boolean bounded) {
        this.limits = limits;
        this.deadline = startNanos + Math.min(limits.timeout().toNanos(), NEVER);
        this.bounded = bounded;
    }

    /**
     * No bound on time or memory, only {@code maxGroups}: for reads the server makes itself (retention, merges) and
     * for callers that predate budgets.
     */
    public static QueryBudget unbounded(int maxGroups) {
        return new QueryBudget(QueryLimits.defaults().withMaxGroups(maxGroups).withTimeout(Duration.ofNanos(NEVER))
                .withMaxMemoryBytes(Long.MAX_VALUE), System.nanoTime(), false);
    }

    /** A time bound alone, starting now, with the default group limit and no memory bound. */
    public static QueryBudget timeOnly(Duration timeout) {
        return new QueryBudget(QueryLimits.defaults().withTimeout(timeout).withMaxMemoryBytes(Long.MAX_VALUE),
                System.nanoTime(), true);
    }

    public QueryLimits limits() {
        return limits;
    }

    /** The {@link System#nanoTime()} past which the query stops. */
    public long deadlineNanos() {
        return deadline;
    }

    /** Nanoseconds left before the deadline (negative once past it). */
    public long nanosLeft() {
        return deadline - System.nanoTime();
    }

    /** Whether the deadline has passed. */
    public boolean timeUp() {
        return bounded && System.nanoTime() - deadline > 0;
    }

    /**
     * Stops the query once its time is up.
     *
     * @throws QueryTimeoutException past the deadline
     */
    public void checkTime() {
        if (timeUp()) {
            throw timedOut();
        }
    }

    /** The exception that says the time is up, for callers that noticed it themselves. */
    public QueryTimeoutException timedOut() {
        return new QueryTimeoutException("the query ran past its time limit of " + describe(limits.timeout())
                + " (query.timeout); narrow the time range or the filter, or use a simpler regular expression");
    }

    /** The most groups one stats or timechart may make. */
    public int maxGroups() {
        return limits.maxGroups();
    }

    /** The refusal of one group too many, the same wherever groups are made. */
    public QueryLimitException tooManyGroups() {
        return new QueryLimitException("the query produces more than " + limits.maxGroups() + " groups "
                + "(query.max-groups); narrow the filter or group by fewer fields");
    }

    /**
     * Counts {@code bytes} more held by the query.
     *
     * @param what what holds them, for the message ("groups", "sorted rows", …)
     * @throws QueryLimitException when the query would hold more than its memory limit
     */
    public void charge(long bytes, String what) {
        heldBytes += bytes;
        if (heldBytes > limits.maxMemoryBytes()) {
            throw new QueryLimitException("the query needs more than " + mebibytes(limits.maxMemoryBytes())
                    + " of memory for its " + what + " (query.max-memory); narrow the time range or the filter, "
                    + "group by fewer or coarser fields, or add '| limit N'");
        }
    }

    /**
     * Counts a new group: its key's cells and one small accumulator per aggregate (accumulators that grow charge
     * their growth themselves).
     *
     * @throws QueryLimitException when the query would hold more than its memory limit
     */
    public void chargeGroup(Iterable<?> keyCells, int aggregates) {
        long bytes = ENTRY_OVERHEAD + 32L * aggregates;
        for (Object cell : keyCells) {
            bytes += cell instanceof String s ? textBytes(s) : 24;
        }
        charge(bytes, "groups");
    }

    /** Counts {@code bytes} no longer held. */
    public void release(long bytes) {
        heldBytes -= bytes;
    }

    /** Bytes held now, as charged. */
    public long heldBytes() {
        return heldBytes;
    }

    /** Bytes a text value takes on the heap, roughly: the String and its array. */
    public static long textBytes(String s) {
        return 40L + (s == null ? 0 : s.length());
    }

    private static String mebibytes(long bytes) {
        return bytes >= 1L << 20 && bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB"
                : bytes >= 1024 && bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 && d.toMillis() > 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
