package dev.logline.logback.appender;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EventQueueTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> text(List<byte[]> lines) {
        List<String> out = new ArrayList<>();
        lines.forEach(l -> out.add(new String(l, StandardCharsets.UTF_8)));
        return out;
    }

    private static List<String> takeAll(EventQueue q) throws InterruptedException {
        return text(q.takeBatch(1000, 0, 0, () -> true, () -> true));
    }

    @Test
    void batchesComeOutInArrivalOrderWhateverTheLevels() throws InterruptedException {
        EventQueue q = new EventQueue(10, 10);
        q.offer(2, b("a"));
        q.offer(4, b("b"));
        q.offer(0, b("c"));
        q.offer(2, b("d"));
        assertThat(takeAll(q)).containsExactly("a", "b", "c", "d");
        assertThat(q.size()).isZero();
    }

    @Test
    void aFullQueueDropsTheOldestOfTheLeastSevereLevel() throws InterruptedException {
        EventQueue q = new EventQueue(3, 3);
        q.offer(2, b("info1"));
        q.offer(1, b("debug1"));
        q.offer(1, b("debug2"));
        assertThat(q.offerDroppingLeastSevere(4, b("error1"))).isFalse();
        assertThat(q.offerDroppingLeastSevere(3, b("warn1"))).isFalse();
        // the new event is itself the least severe: it is the one dropped
        assertThat(q.offerDroppingLeastSevere(1, b("debug3"))).isFalse();
        assertThat(takeAll(q)).containsExactly("info1", "error1", "warn1");
    }

    @Test
    void blockingWaitsForRoomAndGivesUpAfterItsTimeout() throws InterruptedException {
        EventQueue q = new EventQueue(1, 1);
        assertThat(q.offer(2, b("a"), 0, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(q.offer(2, b("b"), 20, TimeUnit.MILLISECONDS)).isFalse();
        Thread taker = new Thread(() -> {
            try {
                Thread.sleep(50);
                q.takeBatch(1, 0, 0, () -> true, () -> true);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        taker.start();
        assertThat(q.offer(2, b("c"), 10, TimeUnit.SECONDS)).isTrue();
        taker.join();
        assertThat(takeAll(q)).containsExactly("c");
    }

    @Test
    void overflowSpillsTheWholeQueueThenTheNewEventInOrder() throws InterruptedException {
        EventQueue q = new EventQueue(2, 2);
        List<String> spilled = new ArrayList<>();
        assertThat(q.offerOrSpill(2, b("a"), l -> spilled.addAll(text(l)))).isZero();
        assertThat(q.offerOrSpill(4, b("b"), l -> spilled.addAll(text(l)))).isZero();
        assertThat(q.offerOrSpill(0, b("c"), l -> spilled.addAll(text(l)))).isEqualTo(3);
        assertThat(spilled).containsExactly("a", "b", "c");
        assertThat(q.size()).isZero();
    }

    @Test
    void nothingIsTakenWhileOlderEventsWaitInTheSpool() throws InterruptedException {
        EventQueue q = new EventQueue(5, 5);
        q.offer(2, b("a"));
        assertThat(q.takeBatch(5, 0, 0, () -> true, () -> false)).isEmpty();
        assertThat(q.size()).isEqualTo(1);
    }

    @Test
    void aPartialBatchLeavesAfterTheLinger() throws InterruptedException {
        EventQueue q = new EventQueue(100, 50);
        q.offer(2, b("a"));
        q.offer(2, b("b"));
        List<byte[]> batch = q.takeBatch(50, TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.SECONDS.toNanos(5),
                () -> false, () -> true);
        assertThat(text(batch)).containsExactly("a", "b");
    }
}
