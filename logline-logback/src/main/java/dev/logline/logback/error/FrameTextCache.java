package dev.logline.logback.error;

import dev.logline.logback.json.Utf8JsonWriter;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON-escaped text of stack frames, kept once encoded: an application throws from the same few hundred
 * frames over and over, and copying their bytes beats escaping their names again. Bounded: when full it
 * starts over, so unusual traffic cannot grow it without limit.
 */
final class FrameTextCache {

    static final int MAX_FRAMES = 4096;

    private final ConcurrentHashMap<StackTraceElement, byte[]> frames = new ConcurrentHashMap<>();

    /** {@code class.method(File.java:12)} escaped for a JSON string, from the cache or encoded now. */
    byte[] escaped(StackTraceElement f) {
        byte[] text = frames.get(f);
        if (text == null) {
            Utf8JsonWriter w = new Utf8JsonWriter(128);
            ThrowableWriter.frame(f, w, true);
            text = w.toByteArray();
            if (frames.size() >= MAX_FRAMES) {
                frames.clear();
            }
            frames.put(f, text);
        }
        return text;
    }

    int size() {
        return frames.size();
    }
}
