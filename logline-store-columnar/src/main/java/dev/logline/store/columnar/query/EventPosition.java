package dev.logline.store.columnar.query;

/**
 * Where an event sits in a tenant's total order (time, then uid), and the opaque text made from it: an event's id and
 * a search cursor are both {@code <ts base 36>~<uid base 36>}; the day partition follows from the time.
 *
 * @param tsMicros the event time
 * @param uid      the store's id of the event (its WAL sequence number and position in the write)
 */
public record EventPosition(long tsMicros, long uid) implements Comparable<EventPosition> {

    public String text() {
        return Long.toString(tsMicros, 36) + "~" + Long.toString(uid, 36);
    }

    /** The position an id or cursor names, or null when the text is none of ours. */
    public static EventPosition parse(String text) {
        if (text == null) {
            return null;
        }
        int sep = text.indexOf('~');
        if (sep <= 0 || sep != text.lastIndexOf('~')) {
            return null;
        }
        try {
            return new EventPosition(Long.parseLong(text.substring(0, sep), 36), Long.parseLong(text.substring(sep + 1), 36));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Parses a search cursor, failing with a message a client can act on. */
    public static EventPosition cursor(String text) {
        EventPosition p = parse(text);
        if (p == null) {
            throw new IllegalArgumentException("invalid cursor '" + text + "': pass back the cursor of the previous "
                    + "page unchanged");
        }
        return p;
    }

    @Override
    public int compareTo(EventPosition o) {
        int c = Long.compare(tsMicros, o.tsMicros);
        return c != 0 ? c : Long.compare(uid, o.uid);
    }

    public static int compare(long ts1, long uid1, long ts2, long uid2) {
        int c = Long.compare(ts1, ts2);
        return c != 0 ? c : Long.compare(uid1, uid2);
    }
}
