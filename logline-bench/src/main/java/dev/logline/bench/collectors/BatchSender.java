package dev.logline.bench.collectors;

import java.io.IOException;

/** Sends pre-encoded batches to one collector; {@code lane} is the sending thread, each with its own connection. */
interface BatchSender extends AutoCloseable {

    /** Sends one batch and returns once the collector took it (HTTP: acknowledged; syslog: written to the socket). */
    void send(int lane, byte[] body) throws IOException, InterruptedException;

    @Override
    void close() throws IOException;
}
