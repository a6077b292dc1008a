package dev.logline.cli;

import dev.logline.cli.client.TimeRange;
import picocli.CommandLine.Option;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** {@code --last 1h} or {@code --from … --to …}: the time range a read covers. */
public final class TimeRangeOptions {

    private static final Pattern DURATION = Pattern.compile("\\d+(ms|s|m|h|d|w)");
    private static final Pattern EPOCH = Pattern.compile("\\d{1,19}(\\.\\d+)?");

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
            checkTime("--from", from);
            checkTime("--to", to);
            return TimeRange.between(from, to);
        }
        String l = last == null ? defaultLast : last;
        if (!DURATION.matcher(l).matches()) {
            throw new IllegalArgumentException("--last takes a number and a unit (ms s m h d w), like 15m or 7d; got '" + l + "'");
        }
        return TimeRange.last(l);
    }

    /** The forms the server reads: RFC 3339 with a zone, or epoch seconds/millis/micros/nanos. */
    private static void checkTime(String option, String value) {
        if (value == null || EPOCH.matcher(value).matches()) {
            return;
        }
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a time: give RFC 3339 with a zone "
                    + "(2026-11-22T10:00:00Z, 2026-11-22T11:00:00+01:00) or epoch milliseconds, or use --last 24h");
        }
    }
}
