package dev.logline.cli.ship;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Everything a {@link FileShipper} run needs besides the server connection.
 *
 * @param files             paths or glob patterns
 * @param stateDir          where offsets are remembered
 * @param format            how lines are read
 * @param service           the {@code service} of plain-text events, or {@code null}
 * @param multilinePattern  an extra continuation-line pattern, or {@code null}
 * @param batchSize         events per request
 * @param once              ship what exists and stop, rather than follow
 * @param scanInterval      how often patterns are expanded again and rotation is checked (follow mode)
 * @param pollInterval      how long to wait when every file is read to its end (follow mode)
 * @param multilineTimeout  how long a plain event waits for more continuation lines before it is sent
 * @param giveUpAfter       how long to keep retrying one batch before stopping, or {@code null} for ever
 * @param closeInactive     how long a rotated or deleted file must stay unchanged before it is closed (a writer
 *                          may keep appending to the renamed file until it reopens its log)
 */
public record ShipSettings(List<String> files, Path stateDir, ShipFormat format, String service, Pattern multilinePattern,
                           int batchSize, boolean once, Duration scanInterval, Duration pollInterval,
                           Duration multilineTimeout, Duration giveUpAfter, Duration closeInactive) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_SCAN_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    public static final Duration DEFAULT_MULTILINE_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CLOSE_INACTIVE = Duration.ofMinutes(1);

    public ShipSettings {
        files = List.copyOf(files);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("name at least one file or glob pattern to ship");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, was " + batchSize);
        }
    }

    /** Defaults for everything but the files and the state directory. */
    public static ShipSettings of(List<String> files, Path stateDir) {
        return new ShipSettings(files, stateDir, ShipFormat.AUTO, null, null, DEFAULT_BATCH_SIZE, false,
                DEFAULT_SCAN_INTERVAL, DEFAULT_POLL_INTERVAL, DEFAULT_MULTILINE_TIMEOUT, null, DEFAULT_CLOSE_INACTIVE);
    }

    public ShipSettings withFormat(ShipFormat v) {
        return new ShipSettings(files, stateDir, v, service, multilinePattern, batchSize, once, scanInterval, pollInterval, multilineTimeout, giveUpAfter, closeInactive);
    }

    public ShipSettings withService(String v) {
        return new ShipSettings(files, stateDir, format, v, multilinePattern, batchSize, once, scanInterval, pollInterval, multilineTimeout, giveUpAfter, closeInactive);
    }

    public ShipSettings withMultilinePattern(Pattern v) {
        return new ShipSettings(files, stateDir, format, service, v, batchSize, once, scanInterval, pollInterval, multilineTimeout, giveUpAfter, closeInactive);
    }

    public ShipSettings withBatchSize(int v) {
        return new ShipSettings(files, stateDir, format, service, multilinePattern, v, once, scanInterval, pollInterval, multilineTimeout, giveUpAfter, closeInactive);
    }

    public ShipSettings withOnce(boolean v) {
        return new ShipSettings(files, stateDir, format, service, multilinePattern, batchSize, v, scanInterval, pollInterval, multilineTimeout, giveUpAfter, closeInactive);
    }

    public ShipSettings withScanInterval(Duration v) {
        return new ShipSettings(files, stateDir, format, service, multilinePattern, batchSize, once, v, pollInterval, multilineTimeout, giveUpAfter, closeInactive);
    }

    public ShipSettings withPollInterval(Duration v) {
        return new ShipSettings(files, stateDir, format, service, multilinePattern, batchSize, once, scanInterval, v, multilineTimeout, giveUpAfter, closeInactive);
    }

    public ShipSettings withMultilineTimeout(Duration v) {
        return new ShipSettings(files, stateDir, format, service, multilinePattern, batchSize, once, scanInterval, pollInterval, v, giveUpAfter, closeInactive);
    }

    public ShipSettings withGiveUpAfter(Duration v) {
        return new ShipSettings(files, stateDir, format, service, multilinePattern, batchSize, once, scanInterval, pollInterval, multilineTimeout, v, closeInactive);
    }

    public ShipSettings withCloseInactive(Duration v) {
        return new ShipSettings(files, stateDir, format, service, multilinePattern, batchSize, once, scanInterval, pollInterval, multilineTimeout, giveUpAfter, v);
    }
}
