package dev.logline.logback.appender.transport;

import com.github.luben.zstd.Zstd;

/** Keeps the optional zstd-jni reference in one class, loaded only when zstd is chosen. */
final class ZstdCodec {

    /** Fast level: the sender compresses on its own thread and should keep up with the application. */
    private static final int LEVEL = 3;

    private ZstdCodec() {
    }

    static byte[] compress(byte[] body) {
        return Zstd.compress(body, LEVEL);
    }
}
