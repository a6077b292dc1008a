package dev.logline.logback.error;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;

/**
 * A short hash that names a bug rather than an occurrence: FNV-1a over the exception types and the class and
 * method names of their frames (causes included), never line numbers, messages or generated-class suffixes —
 * so the same failure hashes the same across rebuilds, hosts and JVM runs. Each exception's hash covers its
 * cause's, so the top one names the whole chain.
 */
public final class StackHash {

    private static final int OFFSET_BASIS = 0x811c9dc5;
    private static final int PRIME = 0x01000193;
    private static final int MAX_CAUSES = 32;

    private StackHash() {
    }

    /** The hash of a throwable and its causes, ignoring frames in excluded packages. */
    public static int of(IThrowableProxy t, FrameFilter filter) {
        return chain(t, filter)[0];
    }

    /**
     * The hashes of a throwable and of each cause below it ({@code [t, t.cause, t.cause.cause…]}), computed
     * bottom-up in one pass: each one mixes its own type and frames with its cause's hash.
     */
    public static int[] chain(IThrowableProxy t, FrameFilter filter) {
        int n = 0;
        for (IThrowableProxy cur = t; cur != null && n < MAX_CAUSES; cur = cur.getCause()) {
            n++;
            if (cur.isCyclic()) {
                break;
            }
        }
        IThrowableProxy[] links = new IThrowableProxy[n];
        IThrowableProxy cur = t;
        for (int i = 0; i < n; i++, cur = cur.getCause()) {
            links[i] = cur;
        }
        int[] hashes = new int[n];
        int below = 0;
        for (int i = n - 1; i >= 0; i--) {
            below = own(links[i], filter, below, i < n - 1);
            hashes[i] = below;
        }
        return hashes;
    }

    private static int own(IThrowableProxy t, FrameFilter filter, int causeHash, boolean hasCause) {
        int h = OFFSET_BASIS;
        h = mixName(h, t.getClassName(), t.getClassName().length());
        h = mixByte(h, '|');
        StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
        int own = frames.length - Math.max(0, t.getCommonFrames());
        for (int i = 0; i < own; i++) {
            StackTraceElement f = frames[i].getStackTraceElement();
            String cls = f.getClassName();
            if (filter.excludes(cls)) {
                continue;
            }
            h = mixName(h, cls, stableLength(cls));
            h = mixByte(h, '.');
            String method = f.getMethodName();
            h = mixName(h, method, stableMethodLength(method));
            h = mixByte(h, ';');
        }
        if (hasCause) {
            h = mixByte(h, '>');
            h = mixInt(h, causeHash);
        }
        return h;
    }

    /**
     * Mixes a name: its {@link String#hashCode()} (specified, so stable across JVMs, and cached by class and
     * method name strings) when the whole name counts, else the characters of its stable prefix.
     */
    private static int mixName(int h, String s, int end) {
        if (end == s.length()) {
            return mixInt(h, s.hashCode());
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            h = mixByte(h, c & 0xFF);
            if (c > 0xFF) {
                h = mixByte(h, c >>> 8);
            }
        }
        return h;
    }

    private static int mixInt(int h, int v) {
        h = mixByte(h, v & 0xFF);
        h = mixByte(h, (v >>> 8) & 0xFF);
        h = mixByte(h, (v >>> 16) & 0xFF);
        return mixByte(h, v >>> 24);
    }

    private static int mixByte(int h, int b) {
        return (h ^ b) * PRIME;
    }

    /** A lambda's method name without the counter javac numbers it with ({@code lambda$run$12}). */
    static int stableMethodLength(String method) {
        if (!method.startsWith("lambda$")) {
            return method.length();
        }
        int end = method.length();
        while (end > 0 && Character.isDigit(method.charAt(end - 1))) {
            end--;
        }
        return end > 0 && method.charAt(end - 1) == '$' ? end - 1 : method.length();
    }

    /**
     * The part of a class name that survives a rebuild: up to {@code $$} (lambdas, CGLIB and ByteBuddy proxies)
     * or {@code /} (hidden classes), without lambda counters and the counter of reflection accessors ({@code GeneratedMethodAccessor12}).
     */
    static int stableLength(String className) {
        int end = className.indexOf("$$");
        if (end < 0) {
            end = className.indexOf('/');
        }
        if (end < 0) {
            end = className.length();
        }
        // indexOf is an intrinsic; most names have no "Generated" at all and skip the backwards search
        if (className.indexOf("Generated") >= 0
                && className.startsWith("Generated", className.lastIndexOf('.', end - 1) + 1)) {
            while (end > 0 && Character.isDigit(className.charAt(end - 1))) {
                end--;
            }
        }
        return end;
    }
}
