package dev.logline.bench.load;

import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Logline side of the load benchmark, run in a child JVM: {@code logline server} with the embedded store at
 * its defaults (with or without its cache of aggregation partials, as the second argument says) on a free loopback
 * port. Prints {@code READY <port>}; answers stdin commands {@code SYNC} (every
 * acknowledged event indexed and searchable → {@code SYNCED pending=0}), {@code COMMIT} (partitions merged to one
 * segment each and committed, as the OpenSearch side is force-merged; WAL trimmed → {@code COMMITTED pending=0})
 * and {@code RESET} (everything stored so far deleted and the server reopened empty on the same port, in the same
 * JVM so its compiled code stays warm → {@code RESET done}); stops, closing the store, when stdin ends.
 */
public final class LoglineServerProcess {

    private LoglineServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[1].matches("(no-)?partial-cache")) {
            System.err.println("usage: LoglineServerProcess DATA_DIR partial-cache|no-partial-cache");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        ColumnarStoreConfig config = ColumnarStoreConfig.defaults(dataDir);
        if (args[1].equals("no-partial-cache")) {
            config = config.toBuilder().partialCacheBytes(0).build();
        }
        ColumnarLogStore store = ColumnarLogStore.open(config);
        LoglineServer server = LoglineServer.create(ServerConfig.defaults().withPort(0), store).start();
        int port = server.port();
        System.out.println("READY " + port);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                switch (line.trim()) {
                    case "SYNC" -> System.out.println("SYNCED pending=" + sync(store));
                    case "COMMIT" -> {
                        long pending = sync(store);
                        store.compact();
                        System.out.println("COMMITTED pending=" + pending);
                    }
                    case "RESET" -> {
                        server.close();
                        store.close();
                        deleteTree(dataDir);
                        store = ColumnarLogStore.open(config);
                        server = LoglineServer.create(ServerConfig.defaults().withPort(port), store).start();
                        System.out.println("RESET done");
                    }
                    default -> System.out.println("UNKNOWN " + line);
                }
            }
        } finally {
            server.close();
            store.close();
        }
        System.out.println("STOPPED");
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Makes every acknowledged event searchable; returns how many still wait after a bound (0 when all are in).
     * refreshNow() gives up after 30 s; a big backlog on a busy machine can take longer, so it is repeated.
     */
    private static long sync(ColumnarLogStore store) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        long pending;
        do {
            store.refreshNow();
            pending = store.stats().pendingEvents();
        } while (pending > 0 && System.nanoTime() < deadline);
        return pending;
    }
}
