package dev.logline.cli.ship;

import java.nio.file.Path;
import java.time.Duration;

/** What a {@link FileShipper} tells as it works: the progress report on stderr listens, and so do tests. */
public interface ShipListener {

    /** A file is followed from {@code offset} on. */
    default void opened(Path file, long offset) {
    }

    /** A matching file holds binary data (a NUL byte near its start), so it is not shipped. */
    default void skippedBinary(Path file) {
    }

    /** A followed file's path no longer leads to it (rotated by rename or deleted); it is read to its end. */
    default void detached(Path file) {
    }

    /** A file shrank (copytruncate); it is read again from the start. */
    default void truncated(Path file) {
    }

    /** The server acknowledged a batch and the offsets were saved; {@code totals} counts the whole run so far. */
    default void acknowledged(int events, ShipTotals totals) {
    }

    /** The server refused one event for good; it is skipped. */
    default void rejected(Path file, long endOffset, String error) {
    }

    /** A batch failed and is tried again after {@code wait}. */
    default void retrying(int attempt, Duration wait, String reason) {
    }
}
