package dev.logline.logback.appender;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EventQueueTest {

    private static List<String> takeAll(EventQueue<String> q) throws InterruptedException {
        return q.takeBatch(1000, 0, 0, () -> true, () -> true);
    }

    @Test
    void batchesComeOutInArrivalOrderWhateverTheLevels() throws InterruptedException {
        EventQueue<String> q = new EventQueue<>(10, 10);
        q.offer(2, "a");
        q.offer(4, "b");
        q.offer(0, "c");
        q.offer(2, "d");
        assertThat(takeAll(q)).containsExactly("a", "b", "c", "d");
        assertThat(q.size()).isZero();
    }

    @Test
    void holdsExactlyItsCapacityEvenWhenThatIsNoPowerOfTwo() throws InterruptedException {
        EventQueue<String> q = new EventQueue<>(3, 3);
        assertThat(q.offer(2, "a")).isTrue();
        assertThat(q.offer(2, "b")).isTrue();
        assertThat(q.offer(2, "c")).isTrue();
        assertThat(q.offer(2, "d")).isFalse();
        assertThat(q.size()).isEqualTo(3);
        assertThat(takeAll(q)).containsExactly("a", "b", "c");
        // the ring wraps around many times without losing or repeating anything
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            assertThat(q.offer(2, "e" + i)).isTrue();
            if (i % 3 == 2) {
                out.addAll(takeAll(q));
            }
        }
        out.addAll(takeAll(q));
        assertThat(out).hasSize(100).startsWith("e0", "e1").endsWith("e98", "e99");
    }

    @Test
    void aFullQueueDropsTheOldestOfTheLeastSevereLevel() throws InterruptedException {
        EventQueue<String> q = new EventQueue<>(3, 3);
        q.offer(2, "info1");
        q.offer(1, "debug1");
        q.offer(1, "debug2");
        assertThat(q.offerDroppingLeastSevere(4, "error1")).isEqualTo(1);
        assertThat(q.offerDroppingLeastSevere(3, "warn1")).isEqualTo(1);
        // the new event is itself the least severe: it is the one dropped
        assertThat(q.offerDroppingLeastSevere(1, "debug3")).isEqualTo(1);
        assertThat(takeAll(q)).containsExactly("info1", "error1", "warn1");
        assertThat(q.offerDroppingLeastSevere(2, "info2")).isZero();
        assertThat(takeAll(q)).containsExactly("info2");
    }

    @Test
    void droppingFromTheMiddleKeepsTheOrderOfTheRest() throws InterruptedException {
        EventQueue<String> q = new EventQueue<>(4, 4);
        q.offer(3, "warn1");
        q.offer(2, "info1");
        q.offer(3, "warn2");
        q.offer(2, "info2");
        assertThat(q.offerDroppingLeastSevere(4, "error1")).isEqualTo(1);
        assertThat(takeAll(q)).containsExactly("warn1", "warn2", "info2", "error1");
    }

    @Test
    void blockingWaitsForRoomAndGivesUpAfterItsTimeout() throws InterruptedException {
        EventQueue<String> q = new EventQueue<>(1, 1);
        assertThat(q.offer(2, "a", 0, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(q.offer(2, "b", 20, TimeUnit.MILLISECONDS)).isFalse();
        Thread taker = new Thread(() -> {
            try {
                Thread.sleep(50);
                q.takeBatch(1, 0, 0, () -> true, () -> true);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        assertThat(q.offer(2, "c", 10, TimeUnit.SECONDS)).isTrue();
        taker.join();
        assertThat(takeAll(q)).containsExactly("c");
    }

    @Test
    void overflowSpillsTheWholeQueueThenTheNewEventInOrder() throws InterruptedException {
        EventQueue<String> q = new EventQueue<>(2, 2);
        List<String> spilled = new ArrayList<>();
        assertThat(q.offerOrSpill(2, "a", spilled::addAll)).isZero();
        assertThat(q.offerOrSpill(4, "b", spilled::addAll)).isZero();
        assertThat(q.offerOrSpill(0, "c", spilled::addAll)).isEqualTo(3);
        assertThat(spilled).containsExactly("a", "b", "c");
        assertThat(q.size()).isZero();
        assertThat(q.offerOrSpill(2, "d", spilled::addAll)).isZero();
        assertThat(q.spillAll(spilled::addAll)).isEqualTo(1);
        assertThat(spilled).containsExactly("a", "b", "c", "d");
    }

    @Test
    void nothingIsTakenWhileOlderEventsWaitInTheSpool() throws InterruptedException {
        EventQueue<String> q = new EventQueue<>(5, 5);
        q.offer(2, "a");
        assertThat(q.takeBatch(5, 0, 0, () -> true, () -> false)).isEmpty();
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void aPartialBatchLeavesAfterTheLinger() throws InterruptedException {
        EventQueue<String> q = new EventQueue<>(100, 50);
        q.offer(2, "a");
        q.offer(2, "b");
        List<String> batch = q.takeBatch(50, TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.SECONDS.toNanos(5),
                () -> false, () -> true);
        assertThat(batch).containsExactly("a", "b");
    }

    @Test
    void aWaitingSenderIsWokenByTheFirstEventAndByAFullBatch() throws Exception {
        EventQueue<String> q = new EventQueue<>(100, 10);
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch waiting = new CountDownLatch(1);
        Thread sender = new Thread(() -> {
            try {
                waiting.countDown();
                // idle and linger are long: only a producer's wake-up returns this batch in time
                got.addAll(q.takeBatch(10, TimeUnit.SECONDS.toNanos(30), TimeUnit.SECONDS.toNanos(30),
                        () -> false, () -> true));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sender.start();
        waiting.await();
        for (int i = 0; i < 10; i++) {
            q.offer(2, "e" + i);
        }
        sender.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(sender.isAlive()).isFalse();
        assertThat(got).hasSize(10).startsWith("e0");
    }

    /** Four producers against a sender taking batches: every event arrives once, each producer's in its order. */
    @Test
    void fourProducersKeepTheirOwnOrderAndNothingIsLostOrRepeated() throws Exception {
        int perProducer = 20_000;
        EventQueue<String> q = new EventQueue<>(256, 64);
        List<String> taken = new ArrayList<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread sender = new Thread(() -> {
            try {
                while (producing.get() || q.size() > 0) {
                    taken.addAll(q.takeBatch(64, TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(5),
                            () -> !producing.get(), () -> true));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sender.start();
        List<Thread> producers = new ArrayList<>();
        AtomicInteger gaveUp = new AtomicInteger();
        for (int p = 0; p < 4; p++) {
            String name = "p" + p + ":";
            Thread t = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    try {
                        if (!q.offer(2, name + i, 10, TimeUnit.SECONDS)) {
                            gaveUp.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            });
            producers.add(t);
            t.start();
        }
        for (Thread t : producers) {
            t.join();
        }
        producing.set(false);
        q.wakeUp();
        sender.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(gaveUp.get()).isZero();
        assertThat(taken).hasSize(4 * perProducer);
        int[] next = new int[4];
        for (String e : taken) {
            int p = e.charAt(1) - '0';
            int i = Integer.parseInt(e.substring(3));
            assertThat(i).as("event %s after %s of producer %s", e, next[p] - 1, p).isEqualTo(next[p]);
            next[p]++;
        }
    }

    /** Producers racing a full queue into the spool: spool then queue together hold every event in order. */
    @Test
    void concurrentSpillsKeepEachProducersOrderAcrossSpoolAndQueue() throws Exception {
        int perProducer = 5_000;
        EventQueue<String> q = new EventQueue<>(64, 64);
        List<String> spool = new ArrayList<>();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            String name = "p" + p + ":";
            Thread t = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    q.offerOrSpill(2, name + i, spool::addAll);
                }
            });
            producers.add(t);
            t.start();
        }
        for (Thread t : producers) {
            t.join();
        }
        List<String> all = new ArrayList<>(spool);
        all.addAll(takeAll(q));
        assertThat(all).hasSize(4 * perProducer);
        int[] next = new int[4];
        for (String e : all) {
            int p = e.charAt(1) - '0';
            assertThat(Integer.parseInt(e.substring(3))).isEqualTo(next[p]++);
        }
    }
}
