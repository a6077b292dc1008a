package dev.logline.logback.json;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The quoted, escaped JSON form of strings that come back as the same object event after event — logger names,
 * thread names, MDC and key-value names — so they are copied instead of escaped again. Direct-mapped by the
 * string's (cached) hash and checked by identity, so a lookup costs a load and a compare; a string seen for the
 * first time, or evicted by another with the same slot, is simply encoded again. Fixed size: unusual traffic
 * cannot grow it. Shared by threads without locks: entries are immutable and a lost store only costs a re-encode.
 */
public final class QuotedStringCache {

    private static final int MAX_LENGTH = 256;

    private record Entry(String source, byte[] quoted) {
    }

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;

    /** @param size slots, rounded up to a power of two */
    public QuotedStringCache(int size) {
        int n = Integer.highestOneBit(Math.max(2, size - 1)) << 1;
        slots = new AtomicReferenceArray<>(n);
        mask = n - 1;
    }

    /** Writes {@code s} as a quoted JSON string, from the cache when this very string was written before. */
    public void string(String s, Utf8JsonWriter w) {
        int h = s.hashCode();
        int slot = (h ^ (h >>> 16)) & mask;
        Entry e = slots.getPlain(slot);
        if (e != null && e.source == s) {
            w.raw(e.quoted);
            return;
        }
        int start = w.size();
        w.string(s);
        if (s.length() <= MAX_LENGTH) {
            slots.setPlain(slot, new Entry(s, Arrays.copyOfRange(w.buffer(), start, w.size())));
        }
    }

    /** Writes a separator and {@code "s":}. */
    public void key(String s, Utf8JsonWriter w) {
        w.separator();
        string(s, w);
        w.raw(':');
    }
}
