package dev.logline.store.opensearch;

import dev.logline.core.LogEvent;
import dev.logline.query.LqlParser;
import dev.logline.store.RejectedEventsException;
import dev.logline.store.SearchRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Writes against the real node: an event written again is stored once, an event with more fields than the index
 * allows is kept with its core indexed, and one the cluster refuses for good is rejected by position while the rest
 * of the batch is stored.
 */
class BulkWriterTest {

    private static final String TENANT = "writer";
    private static final long DAY = 86_400_000_000L;
    private OpenSearchLogStore store;
    private OpenSearchHttp http;
    private long now;

    @BeforeEach
    void open() {
        OpenSearchStoreConfig config = OpenSearchLogStoreContractTest.config(Path.of("bulk-writer-test"), 0)
                .toBuilder().maxFieldsPerIndex(100).build();
        http = OpenSearchHttp.connect(config);
        http.sendOrNull("DELETE", "/" + config.indexPrefix() + "-*", null);
        store = OpenSearchLogStore.open(config);
        now = LogEvent.toMicros(Instant.now());
    }

    @AfterEach
    void close() throws Exception {
        http.sendOrNull("PUT", "/" + store.config().indexPrefix() + "-*/_settings", OpenSearchHttp.JSON.createObjectNode()
                .put("index.blocks.write", false));
        http.sendOrNull("DELETE", "/" + store.config().indexPrefix() + "-*", null);
        http.close();
        store.close();
    }

    private long count(String lql) {
        return store.search(new SearchRequest(TENANT, LqlParser.parse(lql), now - 3 * DAY, now + 1, 1000, null, null))
                .events().size();
    }

    @Test
    void anEventWrittenAgainIsStoredOnce() {
        List<LogEvent> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(LogEvent.builder().tsMicros(now - i).msg("event " + i).service("dup").attribute("n", (long) i).build());
        }
        store.write(TENANT, batch).join();
        store.write(TENANT, batch.subList(50, 100)).join();
        store.write(TENANT, batch).join();
        store.refreshNow();

        assertThat(count("service:dup")).isEqualTo(100);
        assertThat(store.stats().events()).isEqualTo(100);
    }

    @Test
    void tooManyFieldsKeepTheEventWithItsCoreIndexed() {
        LogEvent.Builder wide = LogEvent.builder().tsMicros(now - 1).msg("very wide event").service("wide");
        for (int i = 0; i < 150; i++) {
            wide.attribute("field_" + i, "value " + i);
        }
        store.write(TENANT, List.of(wide.build())).join();
        store.refreshNow();

        assertThat(count("wide")).isEqualTo(1);
        assertThat(count("service:wide field_149:\"value 149\"")).isEqualTo(1);
        assertThat(count("field_7:*")).isEqualTo(1);
        assertThat(count("field_7:other")).isZero();
    }

    @Test
    void anEventRefusedForGoodIsRejectedByPositionAndTheRestIsStored() {
        // An operator made yesterday's index read-only: OpenSearch refuses writes to it (403) until told otherwise.
        String yesterday = new IndexNames(store.config().indexPrefix()).index(TENANT, now - DAY);
        http.send("PUT", "/" + yesterday, null);
        http.send("PUT", "/" + yesterday + "/_settings", OpenSearchHttp.JSON.createObjectNode()
                .put("index.blocks.write", true));
        List<LogEvent> batch = List.of(
                LogEvent.builder().tsMicros(now - 1).msg("today").service("mixed").build(),
                LogEvent.builder().tsMicros(now - DAY).msg("yesterday").service("mixed").build());

        Throwable failure = catchThrowable(() -> store.write(TENANT, batch).join());

        assertThat(failure).isInstanceOf(CompletionException.class).cause().isInstanceOf(RejectedEventsException.class);
        RejectedEventsException rejected = (RejectedEventsException) failure.getCause();
        assertThat(rejected.reasons()).containsOnlyKeys(1);
        assertThat(rejected.reasons().get(1)).contains("OpenSearch refused the event", "403");
        store.write(TENANT, batch.subList(0, 1)).join(); // as the ingest path does: the rest again, kept once
        store.refreshNow();
        assertThat(count("service:mixed")).isEqualTo(1);
    }
}
