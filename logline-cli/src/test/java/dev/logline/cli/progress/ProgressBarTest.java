package dev.logline.cli.progress;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);
    /** The bar's clock, moved by the test: no test here waits for real time. */
    private final AtomicLong now = new AtomicLong(1_000 * SECOND);

    private ProgressBar bar(long total, ProgressBar.Mode mode) {
        return new ProgressBar("ingest", total, "events", false, out, mode, Duration.ofSeconds(5), now::get);
    }

    @Test
    void onATerminalOneLineIsRedrawnInPlace() {
        ProgressBar bar = bar(200_000, ProgressBar.Mode.TERMINAL);
        now.addAndGet(10 * SECOND);
        bar.step(90_000);
        now.addAndGet(SECOND);
        bar.step(10_000);

        String s = text.toString();
        assertThat(s).doesNotContain("\n");
        String[] draws = s.split("\r", -1);
        assertThat(draws).hasSize(3); // "" before the first \r, then two redraws
        assertThat(draws[1]).startsWith("ingest [==========>").contains(" 45% 90,000/200,000 events 9,000/s ETA 0:13");
        assertThat(draws[2]).contains(" 50% 100,000/200,000 events 9,091/s ETA 0:11");
    }

    @Test
    void aTerminalRedrawsAtMostFourTimesASecond() {
        ProgressBar bar = bar(1000, ProgressBar.Mode.TERMINAL);
        now.addAndGet(SECOND);
        bar.step(1);
        bar.step(1);
        now.addAndGet(ProgressBar.REDRAW_MILLIS * 1_000_000L - 1);
        bar.step(1);
        assertThat(text.toString().chars().filter(c -> c == '\r')).hasSize(1);
        now.addAndGet(1);
        bar.step(1);
        assertThat(text.toString().chars().filter(c -> c == '\r')).hasSize(2);
    }

    @Test
    void aShorterRedrawCoversTheLongerLineBeforeIt() {
        ProgressBar bar = bar(10, ProgressBar.Mode.TERMINAL);
        now.addAndGet(SECOND);
        bar.detail("a rather long name of the query being timed");
        int firstWidth = text.toString().length() - 1;
        now.addAndGet(SECOND);
        bar.detail("short");
        String last = text.toString().substring(text.toString().lastIndexOf('\r') + 1);
        assertThat(last).hasSize(firstWidth).endsWith("short" + " ".repeat(firstWidth - last.stripTrailing().length()));
    }

    @Test
    void closingATerminalBarLeavesTheSummaryOnItsOwnLine() {
        ProgressBar bar = bar(100, ProgressBar.Mode.TERMINAL);
        now.addAndGet(SECOND);
        bar.step(50);
        now.addAndGet(SECOND);
        bar.step(50);
        now.addAndGet(SECOND / 2);
        bar.close();
        bar.close(); // twice is harmless
        String s = text.toString();
        assertThat(s).endsWith("\n").containsOnlyOnce("\n");
        assertThat(s.substring(s.lastIndexOf('\r') + 1).strip()).isEqualTo("ingest: 100 events in 2.5 s (40 events/s)");
    }

    @Test
    void messagesGoAboveTheBarWhichIsDrawnAgain() {
        ProgressBar bar = bar(100, ProgressBar.Mode.TERMINAL);
        now.addAndGet(SECOND);
        bar.step(10);
        bar.message("round 1  native NDJSON  56,974 events/s");
        String s = text.toString();
        int newline = s.indexOf('\n');
        assertThat(s.substring(s.lastIndexOf('\r', newline) + 1, newline).strip())
                .isEqualTo("round 1  native NDJSON  56,974 events/s");
        assertThat(s.substring(newline + 1)).startsWith("\ringest [==>").contains("10/100");
    }

    @Test
    void offATerminalAPlainLineIsPrintedEveryInterval() {
        ProgressBar bar = bar(200_000, ProgressBar.Mode.PLAIN);
        now.addAndGet(2 * SECOND);
        bar.step(20_000);
        assertThat(text.toString()).as("nothing before the first interval").isEmpty();
        now.addAndGet(3 * SECOND);
        bar.step(30_000);
        now.addAndGet(SECOND);
        bar.step(10_000);
        now.addAndGet(4 * SECOND);
        bar.step(30_000);
        bar.close();

        assertThat(text.toString()).doesNotContain("\r");
        assertThat(text.toString().lines()).containsExactly(
                "ingest: 50,000 of 200,000 events (25%), 10,000 events/s, ETA 0:15",
                "ingest: 90,000 of 200,000 events (45%), 9,000 events/s, ETA 0:13",
                "ingest: 90,000 events in 10.0 s (9,000 events/s)");
    }

    @Test
    void theItemBeingWorkedOnIsNamed() {
        ProgressBar bar = bar(7, ProgressBar.Mode.PLAIN);
        now.addAndGet(6 * SECOND);
        bar.detail("trace lookup");
        assertThat(text.toString()).isEqualTo("ingest: 0 of 7 events (0%), 0 events/s, ETA ?; trace lookup"
                + System.lineSeparator());
    }

    @Test
    void bytesAreShownInBinaryUnits() {
        ProgressBar bar = new ProgressBar("ship: catching up", 3L << 20, "bytes", true, out, ProgressBar.Mode.PLAIN,
                Duration.ofSeconds(1), now::get);
        now.addAndGet(2 * SECOND);
        bar.set(3L << 19);
        now.addAndGet(2 * SECOND);
        bar.set(3L << 20);
        bar.close();
        assertThat(text.toString().lines()).containsExactly(
                "ship: catching up: 1.5 MiB of 3.0 MiB (50%), 768.0 KiB/s, ETA 0:02",
                "ship: catching up: 3.0 MiB of 3.0 MiB (100%), 768.0 KiB/s, ETA 0:00",
                "ship: catching up: 3.0 MiB in 4.0 s (768.0 KiB/s)");
    }

    @Test
    void anUnknownTotalShowsCountAndRateOnly() {
        ProgressBar bar = bar(0, ProgressBar.Mode.PLAIN);
        now.addAndGet(5 * SECOND);
        bar.step(500);
        assertThat(text.toString().strip()).isEqualTo("ingest: 500 events, 100 events/s");
    }

    @Test
    void offPrintsNothingButTheSummary() {
        ProgressBar bar = bar(10, ProgressBar.Mode.OFF);
        for (int i = 0; i < 10; i++) {
            now.addAndGet(10 * SECOND);
            bar.step(1);
        }
        bar.close();
        assertThat(text.toString().strip()).isEqualTo("ingest: 10 events in 1 min 40 s (0.1 events/s)");
    }

    @Test
    void aForcedModeWinsAndABadOneIsExplained() {
        String before = System.getProperty(ProgressBar.MODE_PROPERTY);
        try {
            System.setProperty(ProgressBar.MODE_PROPERTY, "Terminal");
            assertThat(ProgressBar.Mode.detect()).isEqualTo(ProgressBar.Mode.TERMINAL);
            System.setProperty(ProgressBar.MODE_PROPERTY, "plain");
            assertThat(ProgressBar.Mode.detect()).isEqualTo(ProgressBar.Mode.PLAIN);
            System.setProperty(ProgressBar.MODE_PROPERTY, "fancy");
            assertThatThrownBy(ProgressBar.Mode::detect).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("terminal, plain or off, was 'fancy'").hasMessageContaining("LOGLINE_PROGRESS");
        } finally {
            if (before == null) {
                System.clearProperty(ProgressBar.MODE_PROPERTY);
            } else {
                System.setProperty(ProgressBar.MODE_PROPERTY, before);
            }
        }
    }

    @Test
    void manyThreadsCountEveryStep() throws InterruptedException {
        ProgressBar bar = new ProgressBar("ingest", 40_000, "events", false, out, ProgressBar.Mode.PLAIN,
                Duration.ZERO, System::nanoTime);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    bar.step(1);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(bar.done()).isEqualTo(40_000);
        assertThat(text.toString().lines()).allMatch(l -> l.startsWith("ingest: ") && l.contains(" of 40,000 events ("));
    }
}
