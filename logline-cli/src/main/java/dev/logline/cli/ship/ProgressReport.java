package dev.logline.cli.ship;

import dev.logline.cli.progress.ProgressBar;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The shipper's voice on stderr: files opened, rotated and truncated, rejected events, retries, a progress line
 * (files, lines, events, events/s) at most every {@code interval}, and a summary at the end. While the shipper
 * catches up with a large backlog (files opened far behind their end), a progress bar of the bytes acknowledged
 * takes the place of the progress line.
 */
public final class ProgressReport implements ShipListener {

    /** A smaller backlog is shipped too fast for a bar to tell anything. */
    static final long CATCH_UP_MIN_BYTES = 1024 * 1024;

    private final PrintWriter err;
    private final Duration interval;
    private final long intervalNanos;
    private final ProgressBar.Mode mode;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos = startNanos;
    private ProgressBar catchUp;
    private long catchUpTotal;
    private long catchUpBase;
    private long bytesAcknowledged;

    /** Reports on {@code err}, with a catch-up bar drawn the way {@link ProgressBar.Mode#detect()} finds fit. */
    public ProgressReport(PrintWriter err, Duration interval) {
        this(err, interval, detectedMode());
    }

    public ProgressReport(PrintWriter err, Duration interval, ProgressBar.Mode mode) {
        this.err = err;
        this.interval = interval;
        this.intervalNanos = interval.toNanos();
        this.mode = mode;
    }

    private static ProgressBar.Mode detectedMode() {
        try {
            return ProgressBar.Mode.detect();
        } catch (IllegalArgumentException badSetting) {
            return ProgressBar.Mode.PLAIN;
        }
    }

    @Override
    public void opened(Path file, long offset) {
        say("following " + file + (offset > 0 ? " from byte " + offset : ""));
        long behind;
        try {
            behind = Files.size(file) - offset;
        } catch (IOException gone) {
            return;
        }
        if (catchUp != null) {
            catchUp.extendTotal(Math.max(0, behind));
            catchUpTotal += Math.max(0, behind);
        } else if (behind >= CATCH_UP_MIN_BYTES) {
            catchUpTotal = behind;
            catchUpBase = bytesAcknowledged;
            catchUp = ProgressBar.bytes("ship: catching up", behind, err, mode, interval);
        }
    }

    @Override
    public void skippedBinary(Path file) {
        say("skipping " + file + ": it is binary (a NUL byte in its first " + BinaryFiles.SNIFF_BYTES
                + " bytes), not a text log; ship the text logs, or decompress the file first");
    }

    @Override
    public void detached(Path file) {
        say(file + " was rotated or removed; reading it to its end");
    }

    @Override
    public void truncated(Path file) {
        say(file + " was truncated; reading it again from the start");
    }

    @Override
    public void rejected(Path file, long endOffset, String error) {
        say("the server rejected the event ending at byte " + endOffset + " of " + file + ": " + error + " (skipped)");
    }

    @Override
    public void retrying(int attempt, Duration wait, String reason) {
        say(reason + "; retry " + attempt + " in " + format(wait));
    }

    @Override
    public void acknowledged(int events, ShipTotals totals) {
        bytesAcknowledged = totals.bytes();
        if (catchUp != null) {
            long done = totals.bytes() - catchUpBase;
            catchUp.set(Math.min(done, catchUpTotal));
            if (done >= catchUpTotal) {
                endCatchUp();
            }
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrintNanos >= intervalNanos) {
            lastPrintNanos = now;
            say(line(totals));
        }
    }

    /** The summary when the run is over. */
    public void finished(ShipOutcome outcome) {
        endCatchUp();
        String summary = line(outcome.totals());
        switch (outcome.ending()) {
            case COMPLETED -> say("done: " + summary);
            case STOPPED -> say("stopped: " + summary + "; offsets saved in the state directory");
            case GAVE_UP -> say("gave up: " + outcome.failure().getMessage() + "; " + summary
                    + "; what was not acknowledged is shipped on the next run");
            case REFUSED -> say("error: " + outcome.failure().getMessage() + "; " + summary);
        }
    }

    private String line(ShipTotals t) {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        return String.format(Locale.ROOT, "%d files, %d lines, %d events sent (%.0f events/s), %d rejected",
                t.files(), t.lines(), t.events(), t.events() / seconds, t.rejected());
    }

    private static String format(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private void endCatchUp() {
        if (catchUp != null) {
            catchUp.close();
            catchUp = null;
            lastPrintNanos = System.nanoTime();
        }
    }

    private void say(String message) {
        if (catchUp != null) {
            catchUp.message("ship: " + message);
            return;
        }
        err.println("ship: " + message);
        err.flush();
    }
}
