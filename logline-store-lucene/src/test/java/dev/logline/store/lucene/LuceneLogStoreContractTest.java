package dev.logline.store.lucene;

import dev.logline.store.LogStore;
import dev.logline.store.LogStoreContract;

import java.nio.file.Path;
import java.time.Duration;

/** The storage contract, run on the embedded Lucene store. */
class LuceneLogStoreContractTest extends LogStoreContract {

    @Override
    protected LogStore openStore(Path dir) {
        return LuceneLogStore.open(LuceneStoreConfig.defaults(dir).withAcceptPast(Duration.ofDays(40))
                .withRetentionDays(40));
    }

    @Override
    protected LogStore openStore(Path dir, int retentionDays) {
        return LuceneLogStore.open(LuceneStoreConfig.defaults(dir).withAcceptPast(Duration.ofDays(40))
                .withRetentionDays(retentionDays));
    }

    @Override
    protected void awaitSearchable(LogStore store) {
        ((LuceneLogStore) store).refreshNow();
    }
}
