package dev.logline.logback.json;

/** The scratch space of one encode call: the output buffer, a timestamp buffer and the keys written so far. */
public final class EncodeState {

    /** Buffers that grew past this (a 1 MB message) are not pooled, so one huge event does not pin memory. */
    static final int MAX_POOLED_CAPACITY = 64 * 1024;

    private final Utf8JsonWriter writer = new Utf8JsonWriter(1024);
    private final char[] timestamp = new char[27];
    private final KeyRegistry keys = new KeyRegistry();

    public Utf8JsonWriter writer() {
        return writer;
    }

    /** 27 chars for {@code Timestamps.formatMicros(long, char[])}. */
    public char[] timestamp() {
        return timestamp;
    }

    /** The attribute names written in the current object, to keep keys unique. */
    public KeyRegistry keys() {
        return keys;
    }

    void reset() {
        writer.reset();
        keys.clear();
    }

    boolean poolable() {
        return writer.capacity() <= MAX_POOLED_CAPACITY;
    }
}
