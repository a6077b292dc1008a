package dev.logline.store.columnar;

import dev.logline.core.LogEvent;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link CrashRecoveryTest}: writes numbered events to a store forever and appends each number
 * to an acknowledgement file once its write future completed (it is durable), until the parent kills it.
 * Arguments: data folder, ack file, first number.
 */
public final class CrashTestWriter {

    private CrashTestWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        long n = Long.parseLong(args[2]);
        // Frequent flushes, tiny blocks, small WAL segments: parts pile up and merge all the time, so kills land in
        // flushes, merges, segment rolls and WAL releases too.
        ColumnarLogStore store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(data).toBuilder()
                .flushInterval(Duration.ofMillis(40))
                .walSegmentBytes(16 * 1024)
                .blockRows(16)
                .build());
        try (OutputStream acks = new FileOutputStream(args[1], true)) {
            while (true) {
                List<LogEvent> batch = new ArrayList<>();
                int size = 1 + (int) (n % 17);
                StringBuilder acked = new StringBuilder();
                for (int i = 0; i < size; i++, n++) {
                    batch.add(LogEvent.builder().tsMicros(LogEvent.toMicros(java.time.Instant.now()))
                            .msg("crash test event " + n).service("crash").host("h" + (n % 3))
                            .attribute("n", n).build());
                    acked.append(n).append('\n');
                }
                store.write("crash", batch).join();
                // The process may die between these bytes; the parent ignores a line without its newline.
                acks.write(acked.toString().getBytes(StandardCharsets.UTF_8));
                acks.flush();
            }
        }
    }
}
