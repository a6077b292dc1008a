package dev.logline.logback.error;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import dev.logline.core.redact.Redactor;
import dev.logline.logback.json.QuotedStringCache;
import dev.logline.logback.json.Utf8JsonWriter;

/**
 * Writes exceptions as data: shortened stack texts (frames shared with the enclosing trace omitted, a depth
 * cap, excluded packages folded into a count) and Logline's structured {@code error} object with its cause
 * chain, suppressed exceptions and a {@link StackHash stable hash}.
 */
public final class ThrowableWriter {

    private static final int MAX_CHAIN = 32;
    private static final byte[] ESCAPED_NEWLINE = {'\\', 'n'};
    /** The frame prefix of the error object's {@code stack}, written once per frame. */
    private static final String AT = "at ";
    private static final byte[] AT_BYTES = {'a', 't', ' '};

    private final int maxDepth;
    private final FrameFilter filter;
    private final Redactor redactor;
    private final FrameTextCache frameTexts = new FrameTextCache();
    /** Exception class names: the same string objects (Class.getName) every time a type is thrown. */
    private final QuotedStringCache typeNames = new QuotedStringCache(256);

    /**
     * @param maxDepth frames kept per throwable before the rest is summarised
     * @param filter   frames left out (counted, not printed)
     * @param redactor what exception messages go through before they are written
     */
    public ThrowableWriter(int maxDepth, FrameFilter filter, Redactor redactor) {
        this.maxDepth = maxDepth;
        this.filter = filter;
        this.redactor = redactor;
    }

    public FrameFilter filter() {
        return filter;
    }

    /** The stable hash of the throwable and its causes. */
    public int hash(IThrowableProxy t) {
        return StackHash.of(t, filter);
    }

    /**
     * The message of a throwable as Java prints it after the type ({@code null} when absent), redacted: exception
     * messages carry what failed, and that is often a secret (a token that did not parse, a card that was declined).
     */
    public String message(IThrowableProxy t) {
        String overriding = t.getOverridingMessage();
        return redactor.text(overriding != null ? overriding : t.getMessage());
    }

    /**
     * Streams the whole trace as one text, as {@code printStackTrace} would but shortened, into a JSON string
     * whose quotes the caller writes ({@code escape=true}) or as plain text for the console.
     */
    public void writeFullText(IThrowableProxy t, Utf8JsonWriter w, boolean escape, String indent) {
        writeFullText(t, w, escape, indent, "", 0);
    }

    private void writeFullText(IThrowableProxy t, Utf8JsonWriter w, boolean escape, String indent, String caption,
                               int depth) {
        part(w, escape, indent);
        part(w, escape, caption);
        part(w, escape, t.getClassName());
        String message = message(t);
        if (message != null) {
            part(w, escape, ": ");
            part(w, escape, message);
        }
        newline(w, escape);
        writeFrames(t, w, escape, indent + "\tat ", indent + "\t", true);
        for (IThrowableProxy s : t.getSuppressed()) {
            if (depth < MAX_CHAIN) {
                writeFullText(s, w, escape, indent + "\t", "Suppressed: ", depth + 1);
            }
        }
        IThrowableProxy cause = t.getCause();
        if (cause != null && depth < MAX_CHAIN) {
            if (t.isCyclic()) {
                part(w, escape, indent);
                part(w, escape, "Caused by: [CIRCULAR REFERENCE: ");
                part(w, escape, cause.getClassName());
                part(w, escape, "]\n");
            } else {
                writeFullText(cause, w, escape, indent, "Caused by: ", depth + 1);
            }
        }
    }

    /**
     * Writes one throwable's own frames, {@code framePrefix + frame} per line, then a summary of what was left
     * out: excluded frames, frames past the depth cap, frames in common with the enclosing trace. With
     * {@code terminate} every line ends in a newline; without, lines are only separated by one.
     */
    public void writeFrames(IThrowableProxy t, Utf8JsonWriter w, boolean escape, String framePrefix,
                            String summaryPrefix, boolean terminate) {
        StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
        int common = Math.max(0, t.getCommonFrames());
        int own = Math.max(0, frames.length - common);
        int printed = 0;
        int excluded = 0;
        int lines = 0;
        int i = 0;
        for (; i < own && printed < maxDepth; i++) {
            StackTraceElement f = frames[i].getStackTraceElement();
            if (filter.excludes(f.getClassName())) {
                excluded++;
                continue;
            }
            if (excluded > 0) {
                summary(w, escape, summaryPrefix, terminate, lines++, excluded, " frames excluded");
                excluded = 0;
            }
            startLine(w, escape, terminate, lines++);
            if (framePrefix == AT) {
                w.raw(AT_BYTES);
            } else {
                part(w, escape, framePrefix);
            }
            if (escape) {
                w.raw(frameTexts.escaped(f));
            } else {
                frame(f, w, false);
            }
            endLine(w, escape, terminate);
            printed++;
        }
        int truncated = 0;
        for (; i < own; i++) {
            // past the cap: excluded frames still count as excluded, the rest as truncated
            if (filter.excludes(frames[i].getStackTraceElement().getClassName())) {
                excluded++;
            } else {
                truncated++;
            }
        }
        if (excluded > 0) {
            summary(w, escape, summaryPrefix, terminate, lines++, excluded, " frames excluded");
        }
        if (truncated > 0) {
            summary(w, escape, summaryPrefix, terminate, lines++, truncated, " frames truncated");
        }
        if (common > 0) {
            summary(w, escape, summaryPrefix, terminate, lines, common, " common frames omitted");
        }
    }

    private static void startLine(Utf8JsonWriter w, boolean escape, boolean terminate, int linesBefore) {
        if (!terminate && linesBefore > 0) {
            newline(w, escape);
        }
    }

    private static void endLine(Utf8JsonWriter w, boolean escape, boolean terminate) {
        if (terminate) {
            newline(w, escape);
        }
    }

    private static void newline(Utf8JsonWriter w, boolean escape) {
        if (escape) {
            w.raw(ESCAPED_NEWLINE);
        } else {
            w.raw('\n');
        }
    }

    private static void summary(Utf8JsonWriter w, boolean escape, String prefix, boolean terminate, int linesBefore,
                                int count, String what) {
        startLine(w, escape, terminate, linesBefore);
        part(w, escape, prefix);
        part(w, escape, "... ");
        w.stringPart(count);
        part(w, escape, what);
        endLine(w, escape, terminate);
    }

    static void frame(StackTraceElement f, Utf8JsonWriter w, boolean escape) {
        part(w, escape, f.getClassName());
        part(w, escape, ".");
        part(w, escape, f.getMethodName());
        part(w, escape, "(");
        if (f.isNativeMethod()) {
            part(w, escape, "Native Method");
        } else if (f.getFileName() == null) {
            part(w, escape, "Unknown Source");
        } else {
            part(w, escape, f.getFileName());
            if (f.getLineNumber() >= 0) {
                part(w, escape, ":");
                w.stringPart(f.getLineNumber());
            }
        }
        part(w, escape, ")");
    }

    private static void part(Utf8JsonWriter w, boolean escape, String s) {
        if (escape) {
            w.stringPart(s);
        } else {
            w.text(s);
        }
    }

    /**
     * Writes Logline's error object: {@code type}, {@code message}, {@code stack} (this throwable's own frames,
     * one per line), {@code hash}, then {@code cause} (nested) and {@code suppressed} (an array).
     */
    public void writeErrorObject(IThrowableProxy t, Utf8JsonWriter w) {
        writeErrorObject(t, w, 0, StackHash.chain(t, filter), 0);
    }

    /** @param hashes the chain hashes of the throwable {@code link} causes above {@code t} */
    private void writeErrorObject(IThrowableProxy t, Utf8JsonWriter w, int depth, int[] hashes, int link) {
        w.raw('{');
        w.key(ErrorKeys.TYPE);
        typeNames.string(t.getClassName(), w);
        String message = message(t);
        if (message != null) {
            w.key(ErrorKeys.MESSAGE);
            w.string(message);
        }
        w.key(ErrorKeys.STACK);
        w.raw('"');
        writeFrames(t, w, true, AT, "", false);
        w.raw('"');
        w.key(ErrorKeys.HASH);
        w.hexString(link < hashes.length ? hashes[link] : hash(t));
        IThrowableProxy cause = t.getCause();
        if (cause != null && depth < MAX_CHAIN) {
            w.key(ErrorKeys.CAUSE);
            if (t.isCyclic()) {
                w.raw('{');
                w.key(ErrorKeys.TYPE);
                w.string(cause.getClassName());
                w.key(ErrorKeys.MESSAGE);
                w.string("[CIRCULAR REFERENCE]");
                w.raw('}');
            } else {
                writeErrorObject(cause, w, depth + 1, hashes, link + 1);
            }
        }
        IThrowableProxy[] suppressed = t.getSuppressed();
        if (suppressed != null && suppressed.length > 0 && depth < MAX_CHAIN) {
            w.key(ErrorKeys.SUPPRESSED);
            w.raw('[');
            for (IThrowableProxy s : suppressed) {
                w.separator();
                writeErrorObject(s, w, depth + 1, StackHash.chain(s, filter), 0);
            }
            w.raw(']');
        }
        w.raw('}');
    }
}
