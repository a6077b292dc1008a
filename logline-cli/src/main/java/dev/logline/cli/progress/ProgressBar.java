package dev.logline.cli.progress;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The progress of long work (events sent of a total, bytes read of a file): on a terminal one line redrawn in place
 * with {@code \r}; anywhere else (CI, pipes, log files) a plain line every few seconds, so logs stay readable.
 *
 * <p>Any thread may {@link #step} it; printing happens on the stepping thread (no timer thread), at most every
 * {@value #REDRAW_MILLIS} ms on a terminal and every {@code plainInterval} otherwise. {@link #close()} prints the
 * summary line. The mode comes from {@link Mode#detect()}: the system property {@value #MODE_PROPERTY} or the
 * environment variable {@code LOGLINE_PROGRESS} ({@code terminal}, {@code plain}, {@code off}) win over looking at
 * whether stderr is a terminal; {@code logline bench} passes its own mode on to the benchmark it runs that way.
 */
public final class ProgressBar implements AutoCloseable {

    /** System property (and, upper-cased, environment variable {@code LOGLINE_PROGRESS}) that forces a mode. */
    public static final String MODE_PROPERTY = "logline.progress";
    /** How often a plain line is printed unless the caller says otherwise. */
    public static final Duration DEFAULT_PLAIN_INTERVAL = Duration.ofSeconds(5);
    static final long REDRAW_MILLIS = 250;
    private static final int BAR_WIDTH = 24;

    /** How progress is shown. */
    public enum Mode {
        /** One line redrawn in place. */
        TERMINAL,
        /** A new line every interval. */
        PLAIN,
        /** Nothing but the summary when the work is done. */
        OFF;

        /** The forced mode if one is set, else {@link #TERMINAL} when stderr is a terminal, else {@link #PLAIN}. */
        public static Mode detect() {
            String forced = System.getProperty(MODE_PROPERTY, System.getenv("LOGLINE_PROGRESS"));
            if (forced != null && !forced.isBlank()) {
                return parse(forced);
            }
            if ("dumb".equals(System.getenv("TERM"))) {
                return PLAIN;
            }
            try {
                // Linux tells where stderr goes; Java itself only knows about stdin + stdout (System.console()).
                String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") ? TERMINAL : PLAIN;
            } catch (IOException | UnsupportedOperationException | SecurityException notLinux) {
                return System.console() != null ? TERMINAL : PLAIN;
            }
        }

        /** {@code terminal}, {@code plain} or {@code off}, any case. */
        public static Mode parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("progress mode must be terminal, plain or off, was '" + name
                        + "' (from -D" + MODE_PROPERTY + " or LOGLINE_PROGRESS)");
            }
        }
    }

    private final String label;
    private final String unit;
    private final boolean bytes;
    private final PrintWriter out;
    private final Mode mode;
    private final long plainIntervalNanos;
    private final LongSupplier clock;
    private final long startNanos;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total;
    private volatile String detail;
    private volatile long nextPrintNanos;
    private int drawnWidth;
    private boolean closed;

    ProgressBar(String label, long total, String unit, boolean bytes, PrintWriter out, Mode mode,
                Duration plainInterval, LongSupplier clock) {
        this.label = label;
        this.total = new AtomicLong(Math.max(0, total));
        this.unit = unit;
        this.bytes = bytes;
        this.out = out;
        this.mode = mode;
        this.plainIntervalNanos = plainInterval.toNanos();
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.nextPrintNanos = startNanos + (mode == Mode.TERMINAL ? 0 : plainIntervalNanos);
    }

    /** Counts {@code total} things named {@code unit} ("events"), in the detected mode, a plain line every 5 s. */
    public static ProgressBar counting(String label, long total, String unit, PrintWriter out) {
        return counting(label, total, unit, out, Mode.detect(), DEFAULT_PLAIN_INTERVAL);
    }

    /** Counts {@code total} things named {@code unit}; {@code total <= 0} means unknown (no bar, no ETA). */
    public static ProgressBar counting(String label, long total, String unit, PrintWriter out, Mode mode,
                                       Duration plainInterval) {
        return new ProgressBar(label, total, unit, false, out, mode, plainInterval, System::nanoTime);
    }

    /** A bar that shows nothing, not even its summary: for callers that take a bar but have no one to show it to. */
    public static ProgressBar none() {
        return new ProgressBar("", 0, "", false, new PrintWriter(Writer.nullWriter()), Mode.OFF, DEFAULT_PLAIN_INTERVAL,
                System::nanoTime);
    }

    /** Counts {@code total} bytes, shown as KiB/MiB/GiB. */
    public static ProgressBar bytes(String label, long total, PrintWriter out, Mode mode, Duration plainInterval) {
        return new ProgressBar(label, total, "bytes", true, out, mode, plainInterval, System::nanoTime);
    }

    /** Adds {@code n} to the work done. */
    public void step(long n) {
        done.addAndGet(n);
        maybePrint();
    }

    /** Sets the work done to {@code value} (for callers that know the absolute position, such as a file offset). */
    public void set(long value) {
        done.set(value);
        maybePrint();
    }

    /** Adds {@code more} to the total (more work was found, e.g. another file to read). */
    public void extendTotal(long more) {
        total.addAndGet(more);
    }

    /** Names the item being worked on (e.g. the query now timed); shown after the figures. */
    public void detail(String text) {
        this.detail = text;
        maybePrint();
    }

    /** Work done so far. */
    public long done() {
        return done.get();
    }

    /** Prints a line of its own without tearing the bar: on a terminal the bar is drawn again below it. */
    public synchronized void message(String line) {
        if (mode == Mode.TERMINAL && drawnWidth > 0 && !closed) {
            out.print('\r' + pad(line, drawnWidth) + '\n');
            drawnWidth = 0;
            draw(clock.getAsLong());
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the bar with its summary line: how much in how long, at what rate. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long now = clock.getAsLong();
        String summary = summary(now - startNanos);
        if (mode == Mode.TERMINAL) {
            out.print('\r' + pad(summary, drawnWidth) + '\n');
        } else {
            out.println(summary);
        }
        out.flush();
    }

    private void maybePrint() {
        if (mode == Mode.OFF) {
            return;
        }
        long now = clock.getAsLong();
        if (now - nextPrintNanos < 0) {
            return; // the common case: no lock, no formatting
        }
        synchronized (this) {
            if (closed || now - nextPrintNanos < 0) {
                return;
            }
            nextPrintNanos = now + (mode == Mode.TERMINAL ? REDRAW_MILLIS * 1_000_000L : plainIntervalNanos);
            if (mode == Mode.TERMINAL) {
                draw(now);
            } else {
                out.println(plainLine(done.get(), total.get(), now - startNanos, detail));
            }
            out.flush();
        }
    }

    private void draw(long now) {
        String line = terminalLine(done.get(), total.get(), now - startNanos, detail);
        out.print('\r' + pad(line, drawnWidth));
        drawnWidth = line.length();
    }

    /** The line redrawn on a terminal, e.g. {@code ingest [=====>    ] 45% 90,000/200,000 events 12,345/s ETA 0:09}. */
    String terminalLine(long done, long total, long elapsedNanos, String detail) {
        StringBuilder s = new StringBuilder(label).append(' ');
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            int filled = (int) (fraction * BAR_WIDTH);
            s.append('[').append("=".repeat(filled));
            if (filled < BAR_WIDTH) {
                s.append('>').append(" ".repeat(BAR_WIDTH - filled - 1));
            }
            s.append("] ").append(String.format(Locale.ROOT, "%3d%% ", (int) (fraction * 100)))
                    .append(amount(done)).append('/').append(amount(total));
        } else {
            s.append(amount(done));
        }
        s.append(' ').append(bytes ? rate(done, elapsedNanos) : unit + " " + number(perSecond(done, elapsedNanos)) + "/s");
        if (total > 0) {
            s.append(" ETA ").append(eta(done, total, elapsedNanos));
        }
        if (detail != null) {
            s.append(' ').append(detail);
        }
        return s.toString();
    }

    /** The line printed every interval off a terminal, e.g. {@code ingest: 90,000 of 200,000 events (45%), …}. */
    String plainLine(long done, long total, long elapsedNanos, String detail) {
        StringBuilder s = new StringBuilder(label).append(": ").append(amount(done));
        if (total > 0) {
            s.append(" of ").append(amount(total)).append(bytes ? "" : " " + unit)
                    .append(String.format(Locale.ROOT, " (%d%%)", (int) Math.min(100, done * 100 / total)));
        } else if (!bytes) {
            s.append(' ').append(unit);
        }
        s.append(", ").append(rate(done, elapsedNanos));
        if (total > 0) {
            s.append(", ETA ").append(eta(done, total, elapsedNanos));
        }
        if (detail != null) {
            s.append("; ").append(detail);
        }
        return s.toString();
    }

    /** The closing line, e.g. {@code ingest: 200,000 events in 12.3 s (16,260 events/s)}. */
    String summary(long elapsedNanos) {
        long d = done.get();
        return label + ": " + amount(d) + (bytes ? "" : " " + unit) + " in " + elapsed(elapsedNanos)
                + " (" + rate(d, elapsedNanos) + ")";
    }

    private String amount(long n) {
        if (!bytes) {
            return String.format(Locale.ROOT, "%,d", n);
        }
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    private String rate(long done, long elapsedNanos) {
        double perSecond = perSecond(done, elapsedNanos);
        return bytes ? amount((long) perSecond) + "/s" : number(perSecond) + " " + unit + "/s";
    }

    /** Whole numbers, but a tenth below 10 so a slow rate (queries/s) does not read 0. */
    private static String number(double v) {
        return v > 0 && v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static double perSecond(long done, long elapsedNanos) {
        return elapsedNanos <= 0 ? 0 : done / (elapsedNanos / 1e9);
    }

    private static String eta(long done, long total, long elapsedNanos) {
        if (done >= total) {
            return "0:00";
        }
        if (done <= 0 || elapsedNanos <= 0) {
            return "?";
        }
        long seconds = (long) Math.ceil((total - done) * (elapsedNanos / 1e9) / done);
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String elapsed(long nanos) {
        double seconds = nanos / 1e9;
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }

    /** Spaces up to {@code width}, so a shorter line fully covers the longer one drawn before it. */
    private static String pad(String line, int width) {
        return line.length() >= width ? line : line + " ".repeat(width - line.length());
    }
}
