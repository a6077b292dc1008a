package dev.logline.it;

import dev.logline.core.LogEvent;
import dev.logline.query.Query;
import dev.logline.query.filter.MatchAllFilter;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.store.SearchRequest;
import dev.logline.store.SearchResult;
import dev.logline.store.StoredEvent;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A real Logline server with the embedded column store in a test's directory, on a random port that survives a
 * {@link #restart()} (the data directory too), as when an operator restarts the process.
 */
final class RunningServer implements AutoCloseable {

    static final String TENANT = "default";

    private final Path dataDir;
    private int port;
    private ColumnarLogStore store;
    private LoglineServer server;
    /** Every event whose write was acknowledged, in order, across restarts. */
    private final List<LogEvent> arrivals = WriteOrderRecorder.newRecord();

    private RunningServer(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    /** Starts on a random free port. */
    static RunningServer start(Path dataDir) {
        RunningServer s = new RunningServer(dataDir, 0);
        s.open();
        return s;
    }

    private void open() {
        store = ColumnarLogStore.open(ColumnarStoreConfig.defaults(dataDir));
        server = LoglineServer.builder().config(ServerConfig.defaults().withPort(port))
                .store(new WriteOrderRecorder(store, arrivals)).build().start();
        port = server.port();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops listening and closes the store, as a process stop would. */
    void stop() throws Exception {
        server.close();
        store.close();
        server = null;
    }

    /** Starts again on the same port and data directory. */
    void restart() {
        open();
    }

    /** Events in the order their writes were acknowledged (since this object was created). */
    List<LogEvent> arrivals() {
        synchronized (arrivals) {
            return new ArrayList<>(arrivals);
        }
    }

    /** Every stored event, read back through the store's search (newest first). */
    List<StoredEvent> search() {
        List<StoredEvent> out = new ArrayList<>();
        String cursor = null;
        do {
            SearchResult r = store.search(new SearchRequest(TENANT, new Query(MatchAllFilter.INSTANCE, List.of()),
                    0, Long.MAX_VALUE, 50_000, cursor, Duration.ofSeconds(30)));
            out.addAll(r.events());
            cursor = r.nextCursor();
        } while (cursor != null);
        return out;
    }

    /** Waits until the condition holds or the time is up; returns whether it held. */
    static boolean await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            stop();
        }
    }
}
