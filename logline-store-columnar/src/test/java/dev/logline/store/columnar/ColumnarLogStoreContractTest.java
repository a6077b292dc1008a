package dev.logline.store.columnar;

import dev.logline.store.LogStore;
import dev.logline.store.LogStoreContract;

import java.nio.file.Path;

/** The column store against the behaviour every store must show. */
class ColumnarLogStoreContractTest extends LogStoreContract {

    @Override
    protected LogStore openStore(Path dir) {
        return ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir).toBuilder().retentionDays(60).build());
    }

    @Override
    protected LogStore openStore(Path dir, int retentionDays) {
        return ColumnarLogStore.open(ColumnarStoreConfig.defaults(dir).toBuilder().retentionDays(retentionDays)
                .acceptPast(java.time.Duration.ofDays(365)).build());
    }

    @Override
    protected void awaitSearchable(LogStore store) {
        ((ColumnarLogStore) store).refreshNow();
    }
}
