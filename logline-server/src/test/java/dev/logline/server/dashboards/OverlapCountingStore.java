package dev.logline.server.dashboards;

import dev.logline.store.ForwardingLogStore;
import dev.logline.store.LogStore;
import dev.logline.store.SearchRequest;
import dev.logline.store.TableResult;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real store seen through a counter of how many aggregations run at the same moment, the most ever, and how many
 * ran in all. The first aggregations wait (up to 10 s) until {@code meet} of them have arrived, so a server that
 * runs that many at once is seen to, whatever the machine's speed.
 */
final class OverlapCountingStore extends ForwardingLogStore {

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private final AtomicInteger total = new AtomicInteger();

    private final CountDownLatch arrivals;

    OverlapCountingStore(LogStore store, int meet) {
        super(store);
        this.arrivals = new CountDownLatch(meet);
    }

    int most() {
        return most.get();
    }

    int total() {
        return total.get();
    }

    @Override
    public TableResult aggregate(SearchRequest request) {
        int now = running.incrementAndGet();
        most.accumulateAndGet(now, Math::max);
        total.incrementAndGet();
        try {
            arrivals.countDown();
            arrivals.await(10, TimeUnit.SECONDS);
            return delegate().aggregate(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            running.decrementAndGet();
        }
    }

    /** The real store is its opener's to close. */
    @Override
    public void close() {
    }
}
