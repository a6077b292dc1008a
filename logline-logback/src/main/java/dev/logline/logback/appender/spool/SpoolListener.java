package dev.logline.logback.appender.spool;

/** What a {@link DiskSpool} reports to its owner: problems worth a status warning, and events it had to drop. */
public interface SpoolListener {

    /** A problem the user should hear about (a corrupt segment skipped, a file that could not be deleted). */
    void warn(String message);

    /** {@code events} spooled events were dropped to stay under the size cap (or were lost to corruption). */
    void dropped(long events);
}
