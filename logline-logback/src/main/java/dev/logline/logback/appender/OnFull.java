package dev.logline.logback.appender;

import java.util.Locale;

/** What {@link LoglineAppender} does with an event when its in-memory queue is full. */
public enum OnFull {
    /** Move the queue and the event to the disk spool (the default): nothing is lost up to the spool's cap. */
    SPOOL,
    /** Drop the least severe queued event (oldest first) to make room, or the new event if it is the least severe. */
    DROP,
    /** Wait up to {@code blockTimeoutMs} for room, then drop the event. The only setting that may block logging. */
    BLOCK;

    /** The value for a setting's text ({@code spool}, {@code drop}, {@code block}), or {@code null}. */
    public static OnFull fromSettingName(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
