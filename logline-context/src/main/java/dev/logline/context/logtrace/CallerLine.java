package dev.logline.context.logtrace;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the source line that called into {@link LogTrace}, with {@link StackWalker} (lazy frames: only the few
 * frames up to the caller are materialised). Counts its walks so tests can prove a disabled trace walks nothing.
 */
final class CallerLine {

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String LOGTRACE_CLASS = LogTrace.class.getName();
    private static final AtomicLong WALKS = new AtomicLong();

    private CallerLine() {
    }

    /** The line of the first frame outside LogTrace, or 0 when unknown (no debug info). */
    static int find() {
        WALKS.incrementAndGet();
        return WALKER.walk(frames -> frames
                .filter(f -> !isInternal(f.getClassName()))
                .findFirst()
                .map(f -> Math.max(0, f.getLineNumber()))
                .orElse(0));
    }

    private static boolean isInternal(String className) {
        return className.equals(LOGTRACE_CLASS) || className.startsWith(LOGTRACE_CLASS + "$")
                || className.equals(CallerLine.class.getName());
    }

    /** Stack walks done so far (test hook). */
    static long walks() {
        return WALKS.get();
    }
}
