package dev.logline.core.fuzz;

import org.junit.jupiter.api.function.Executable;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The limits every fuzzed parser keeps on every input: it answers within {@link #LIMIT} (a hang fails the try with
 * the stack it hung in, instead of hanging the build) and allocates at most {@link #FIXED_BUDGET} plus
 * {@link #PER_INPUT_BYTE} times the input's size, so a length field that claims gigabytes cannot take the heap.
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

    /** One thread runs the tries, so a try's allocation is measured on it alone; replaced after a hang. */
    private static ExecutorService runner;
    private static Thread runnerThread;

    private FuzzGuard() {
    }

    /**
     * Runs one try: {@code body} parses the input and asserts what it must; it catches the parser's documented
     * exception itself, so anything else thrown fails the try.
     */
    public static void run(long inputBytes, Executable body) {
        run(LIMIT, inputBytes, body);
    }

    /** {@link #run(long, Executable)} with a tighter bound, for code whose hang would last about {@link #LIMIT}. */
    public static synchronized void run(Duration limit, long inputBytes, Executable body) {
        long budget = FIXED_BUDGET + PER_INPUT_BYTE * inputBytes;
        Future<?> result = runner().submit(() -> {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                body.execute();
            } catch (Throwable t) {
                throw new ExecutionException(t);
            }
            long used = THREADS.getCurrentThreadAllocatedBytes() - before;
            if (used > budget) {
                throw new AssertionError("allocated " + used + " bytes for an input of " + inputBytes
                        + " bytes; the bound is " + budget);
            }
            return null;
        });
        try {
            result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String stack = Arrays.stream(runnerThread.getStackTrace()).map(f -> "\tat " + f)
                    .collect(Collectors.joining("\n"));
            result.cancel(true);
            runner.shutdownNow();
            runner = null;
            throw new AssertionError("no answer within " + limit.toMillis() + " ms for an input of " + inputBytes
                    + " bytes; it was at\n" + stack);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof ExecutionException inner ? inner.getCause() : e.getCause();
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(cause);
        }
    }

    private static ExecutorService runner() {
        if (runner == null) {
            runner = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "fuzz-try");
                t.setDaemon(true);
                runnerThread = t;
                return t;
            });
        }
        return runner;
    }
}
