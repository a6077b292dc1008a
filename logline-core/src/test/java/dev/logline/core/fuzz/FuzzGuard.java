package dev.logline.core.fuzz;

import org.junit.jupiter.api.function.Executable;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The limits every fuzzed parser keeps on every input: it answers within {@link #LIMIT} (a hang fails the try
 * instead of the build) and allocates at most {@link #FIXED_BUDGET} plus {@link #PER_INPUT_BYTE} times the input's
 * size, so a length field that claims gigabytes cannot take the heap.
 */
public final class FuzzGuard {

    /** Longest a parser may take on one input. */
    public static final Duration LIMIT = Duration.ofSeconds(5);

    /** Allocation any input may cause, whatever its size (parser set-up, buffers, a few events). */
    public static final long FIXED_BUDGET = 64L << 20;

    /** Allocation allowed per input byte on top (strings, maps and copies of what was read). */
    public static final long PER_INPUT_BYTE = 256;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FuzzGuard() {
    }

    /**
     * Runs one try: {@code body} parses the input and asserts what it must; it catches the parser's documented
     * exception itself, so anything else thrown fails the try.
     */
    public static void run(long inputBytes, Executable body) {
        long budget = FIXED_BUDGET + PER_INPUT_BYTE * inputBytes;
        assertTimeoutPreemptively(LIMIT, () -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            body.execute();
            long used = THREADS.getCurrentThreadAllocatedBytes() - before;
            if (used > budget) {
                throw new AssertionError("allocated " + used + " bytes for an input of " + inputBytes
                        + " bytes; the bound is " + budget);
            }
        }, () -> "no answer within " + LIMIT.toSeconds() + " s for an input of " + inputBytes + " bytes");
    }
}
