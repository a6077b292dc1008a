package dev.logline.cli;

import dev.logline.cli.client.TimeRange;
import picocli.CommandLine.Option;

import java.util.regex.Pattern;

/** {@code --last 1h} or {@code --from … --to …}: the time range a read covers. */
public final class TimeRangeOptions {

    private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|m|h|d|w)");

    @Option(names = "--last", paramLabel = "DURATION",
            description = "Relative range ending now: 15m, 1h, 24h, 7d … (default: 1h unless --from/--to is given).")
    String last;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Start of an absolute range, RFC 3339 (2026-11-22T10:00:00Z) or epoch millis.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End of an absolute range (default: now).")
    String to;

    /**
     * The range these options describe, defaulting to {@code defaultLast}.
     *
     * @throws IllegalArgumentException when both forms are given or a duration is malformed
     */
    TimeRange range(String defaultLast) {
        if (last != null && (from != null || to != null)) {
            throw new IllegalArgumentException("use either --last or --from/--to, not both");
        }
        if (from != null || to != null) {
            return TimeRange.between(from, to);
        }
        String l = last == null ? defaultLast : last;
        if (!DURATION.matcher(l).matches()) {
            throw new IllegalArgumentException("--last takes a number and a unit (ms s m h d w), like 15m or 7d; got '" + l + "'");
        }
        return TimeRange.last(l);
    }
}
