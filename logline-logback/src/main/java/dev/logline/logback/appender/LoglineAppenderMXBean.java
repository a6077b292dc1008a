package dev.logline.logback.appender;

/**
 * The appender's self-metrics over JMX, registered as {@code dev.logline:type=LoglineAppender,name=<appender name>}.
 * Counters are totals since the appender started.
 */
public interface LoglineAppenderMXBean {

    /** Events the receiver accepted. */
    long getSent();

    /** Send attempts that failed and will be retried (unreachable, 5xx, 429). */
    long getFailed();

    /** Events lost: full queue (drop/block), spool cap, refused batches, lines the receiver rejected. */
    long getDropped();

    /** Of the dropped events, those the receiver rejected or refused (bad data rather than lack of room). */
    long getRejected();

    /** Events written to the disk spool. */
    long getSpooled();

    /** Events waiting in memory. */
    int getQueueDepth();

    /** Bytes in the disk spool. */
    long getSpoolBytes();

    /** The last delivery problem, or an empty string. */
    String getLastError();

    /** Whether the server refused the API key (401/403) and events are held until a valid key is configured. */
    boolean isWaitingForApiKey();
}
