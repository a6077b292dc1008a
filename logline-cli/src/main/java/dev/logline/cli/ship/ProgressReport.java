package dev.logline.cli.ship;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * The shipper's voice on stderr: files opened, rotated and truncated, rejected events, retries, a progress line
 * (files, lines, events, events/s) at most every {@code interval}, and a summary at the end.
 */
public final class ProgressReport implements ShipListener {

    private final PrintWriter err;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private long lastPrintNanos = startNanos;

    public ProgressReport(PrintWriter err, Duration interval) {
        this.err = err;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void opened(Path file, long offset) {
        say("following " + file + (offset > 0 ? " from byte " + offset : ""));
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
        long now = System.nanoTime();
        if (now - lastPrintNanos >= intervalNanos) {
            lastPrintNanos = now;
            say(line(totals));
        }
    }

    /** The summary when the run is over. */
    public void finished(ShipOutcome outcome) {
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

    private void say(String message) {
        err.println("ship: " + message);
        err.flush();
    }
}
