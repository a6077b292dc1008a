package dev.logline.store.lucene;

import java.time.LocalDate;

/**
 * Where an event sits in the store's total order (time, then uid), and the two opaque strings made from it:
 * the event id ({@code <day>~<uid>}, which also names the partition) and the search cursor ({@code <ts>~<uid>}).
 */
record EventPosition(long tsMicros, long uid) {

    static String eventId(PartitionKey key, long uid) {
        return key.day() + "~" + Long.toString(uid, 36);
    }

    /** An event id taken apart: the day of its partition and its uid. */
    record Id(LocalDate day, long uid) {
    }

    /** The parts of an event id, or {@code null} when the text is no id of ours. */
    static Id parseEventId(String id) {
        int sep = id.indexOf('~');
        try {
            return new Id(LocalDate.parse(id.substring(0, sep)), Long.parseLong(id.substring(sep + 1), 36));
        } catch (RuntimeException e) {
            return null;
        }
    }

    String cursor() {
        return Long.toString(tsMicros, 36) + "~" + Long.toString(uid, 36);
    }

    static EventPosition parseCursor(String cursor) {
        int sep = cursor.indexOf('~');
        try {
            return new EventPosition(Long.parseLong(cursor.substring(0, sep), 36),
                    Long.parseLong(cursor.substring(sep + 1), 36));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid cursor '" + cursor + "': pass back the cursor of the "
                    + "previous page unchanged");
        }
    }
}
