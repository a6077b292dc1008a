package dev.logline.store.opensearch;

import dev.logline.store.LogStore;
import dev.logline.store.LogStoreContract;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The storage contract against a real OpenSearch 2.19 node in this JVM, shared by every test; each test writes under
 * an index prefix of its own (derived from its temporary folder), so reopening a store finds its indices again.
 */
class OpenSearchLogStoreContractTest extends LogStoreContract {

    static OpenSearchStoreConfig config(Path dir, int retentionDays) {
        String prefix = "c" + Integer.toHexString(dir.toAbsolutePath().toString().hashCode());
        return OpenSearchStoreConfig.defaults(List.of(OpenSearchTestNode.shared().url())).toBuilder()
                .indexPrefix(prefix)
                .replicas(0)
                .retentionDays(retentionDays)
                .tailInterval(Duration.ofMillis(200))
                .build();
    }

    @Override
    protected LogStore openStore(Path dir) {
        return OpenSearchLogStore.open(config(dir, 40));
    }

    @Override
    protected LogStore openStore(Path dir, int retentionDays) {
        return OpenSearchLogStore.open(config(dir, retentionDays));
    }

    @Override
    protected void awaitSearchable(LogStore store) {
        OpenSearchLogStore s = (OpenSearchLogStore) store;
        s.refreshNow();
        s.pollTailNow();
    }
}
