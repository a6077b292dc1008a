package dev.logline.server.collect.kafka;

import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestFailure;
import dev.logline.server.ingest.IngestOutcome;
import dev.logline.server.ingest.Rejection;
import dev.logline.store.BackpressureException;
import dev.logline.core.LogEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Reads events from Kafka into the server's one ingest path, as a member of a consumer group (every server of the
 * group takes a share of the partitions). Each poll becomes one batch for the {@link EventSink}, like an HTTP
 * request; offsets are committed only once the batch is durable, in poll order, so a crash or a rebalance
 * re-delivers what was not yet stored (at-least-once; the OpenSearch store keeps a re-delivered event once).
 *
 * <p>Backpressure: when the sink refuses before reading ({@link EventSink#admit}) or a batch is refused for load,
 * every assigned partition is paused for the store's Retry-After and the unstored records are read again; the
 * consumer keeps polling meanwhile, so it stays in the group. A batch that fails for another reason (the store is
 * unreachable) is retried the same way. Records the sink rejects (unreadable, over a limit) are counted and logged
 * and their offsets committed: reading them again would reject them again.
 *
 * <p>Threads: one consumer thread owns the {@link KafkaConsumer}; {@link #status()} is safe from any thread.
 */
public final class KafkaCollector implements AutoCloseable {

    /** The collector name given to the sink and in metrics. */
    public static final String COLLECTOR = "kafka";
    private static final System.Logger LOG = System.getLogger(KafkaCollector.class.getName());
    private static final Duration POLL = Duration.ofMillis(500);
    private static final long FAILURE_BACKOFF_MS = 2_000;
    private static final long REVOKE_WAIT_MS = 20_000;

    private final KafkaCollectorConfig config;
    private final EventSink sink;
    private final String tenant;
    private final KafkaRecordDecoder decoder;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    /** Per partition, the first offset not yet known to be durable: where to read again after a failure. */
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    private final Map<TopicPartition, PartitionStatus> partitions = new ConcurrentHashMap<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong commitFailures = new AtomicLong();
    private volatile String lastError;
    private volatile boolean closing;
    private long pausedUntilNanos;
    private boolean paused;

    /** A batch handed to the sink: what it holds, and the offsets to commit once it is durable. */
    private record InFlight(CompletableFuture<IngestOutcome> outcome, Map<TopicPartition, OffsetAndMetadata> commit,
                            Map<TopicPartition, Long> firstOffsets, int records) {
    }

    /** What the collector knows of one assigned partition. */
    public record PartitionStatus(String topic, int partition, long lag, long committed) {
    }

    /** A snapshot for {@code /metrics} and the status endpoint. */
    public record Status(String describe, List<PartitionStatus> partitions, long lag, long stored, long rejected,
                         long retries, long commitFailures, boolean paused, String lastError) {
    }

    private KafkaCollector(KafkaCollectorConfig config, EventSink sink, String defaultTenant) {
        this.config = config;
        this.sink = sink;
        this.tenant = config.tenant() != null ? config.tenant() : defaultTenant;
        this.decoder = new KafkaRecordDecoder(sink.limits());
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.group());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(config.maxPollRecords()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "logline-" + config.group() + "-" + ProcessHandle.current().pid());
        p.putAll(config.properties());
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "logline-kafka-" + config.group());
        this.thread.setDaemon(true);
    }

    /** Starts reading; events go to {@code sink} for the configured tenant, or {@code defaultTenant}. */
    public static KafkaCollector start(KafkaCollectorConfig config, EventSink sink, String defaultTenant) {
        KafkaCollector c = new KafkaCollector(config, sink, defaultTenant);
        c.thread.start();
        LOG.log(System.Logger.Level.INFO, "Kafka collector reading " + config.describe());
        return c;
    }

    public KafkaCollectorConfig config() {
        return config;
    }

    public Status status() {
        List<PartitionStatus> list = partitions.values().stream()
                .sorted(java.util.Comparator.comparing(PartitionStatus::topic).thenComparingInt(PartitionStatus::partition))
                .toList();
        long lag = list.stream().mapToLong(s -> Math.max(0, s.lag())).sum();
        return new Status(config.describe(), list, lag, stored.get(), rejected.get(), retries.get(),
                commitFailures.get(), paused, lastError);
    }

    private void run() {
        try {
            ConsumerRebalanceListener listener = new Rebalance();
            if (config.topicPattern() != null) {
                consumer.subscribe(Pattern.compile(config.topicPattern()), listener);
            } else {
                consumer.subscribe(config.topics(), listener);
            }
            while (!closing) {
                settle(false);
                if (inFlight.size() >= config.maxInFlightBatches()) {
                    waitForHead();
                    continue;
                }
                holdWhileBusy();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                lag();
                if (!records.isEmpty()) {
                    submit(records);
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer
        } catch (RuntimeException e) {
            lastError = e.toString();
            LOG.log(System.Logger.Level.ERROR, "the Kafka collector stopped", e);
        } finally {
            try {
                settle(true);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "Kafka collector: final commit failed: " + e);
            }
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Pauses every partition while the sink says it is behind, resuming when its Retry-After has passed. */
    private void holdWhileBusy() {
        long now = System.nanoTime();
        if (paused && now < pausedUntilNanos) {
            return;
        }
        RuntimeException refusal = sink.admit(COLLECTOR, -1);
        if (refusal != null) {
            long waitMs = refusal instanceof BackpressureException b && b.retryAfter() != null
                    ? Math.max(100, b.retryAfter().toMillis()) : FAILURE_BACKOFF_MS;
            pause(now + TimeUnit.MILLISECONDS.toNanos(waitMs), refusal.getMessage());
        } else if (paused) {
            consumer.resume(consumer.assignment());
            paused = false;
            LOG.log(System.Logger.Level.INFO, "Kafka collector resumed");
        }
    }

    private void pause(long untilNanos, String why) {
        pausedUntilNanos = Math.max(pausedUntilNanos, untilNanos);
        if (!paused) {
            consumer.pause(consumer.assignment());
            paused = true;
            LOG.log(System.Logger.Level.INFO, "Kafka collector paused: " + why);
        }
    }

    private void submit(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        int count = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            first.putIfAbsent(tp, r.offset());
            resumeAt.putIfAbsent(tp, r.offset());
            commit.put(tp, new OffsetAndMetadata(r.offset() + 1));
            count++;
        }
        long start = System.nanoTime();
        long bytes = 0;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            bytes += Math.max(0, r.serializedValueSize());
        }
        sink.received(COLLECTOR, bytes);
        KafkaRecordDecoder.Decoded decoded = decoder.decode(records, LogEvent.toMicros(Instant.now()));
        CompletableFuture<IngestOutcome> outcome;
        try {
            outcome = sink.ingest(tenant, COLLECTOR, decoded.batch(), start);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        reportRejections(decoded, outcome);
        inFlight.add(new InFlight(outcome, commit, first, count));
    }

    private static void reportRejections(KafkaRecordDecoder.Decoded decoded, CompletableFuture<IngestOutcome> outcome) {
        outcome.thenAccept(o -> {
            if (o.rejected().isEmpty()) {
                return;
            }
            Rejection r = o.rejected().get(0);
            String at = decoded.describe(r.item());
            LOG.log(System.Logger.Level.WARNING, "Kafka collector: " + o.rejected().size() + " of " + decoded.batch().size()
                    + " records not stored (committed, as reading them again would fail again); first, " + at + ": "
                    + r.error());
        });
    }

    /** Commits the batches at the head of the queue that are done; on a failed one, rewinds and pauses. */
    private void settle(boolean waitAll) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        while (!inFlight.isEmpty()) {
            InFlight head = inFlight.peek();
            if (!head.outcome.isDone()) {
                if (!waitAll) {
                    break;
                }
                try {
                    head.outcome.get(REVOKE_WAIT_MS, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // examined below
                }
                if (!head.outcome.isDone()) {
                    break;
                }
            }
            inFlight.poll();
            IngestOutcome o;
            try {
                o = head.outcome.join();
            } catch (RuntimeException failure) {
                commitNow(commit);
                rewind(head, failure);
                return;
            }
            stored.addAndGet(o.accepted());
            rejected.addAndGet(o.rejected().size());
            commit.putAll(head.commit);
            head.commit.forEach((tp, om) -> resumeAt.put(tp, om.offset()));
        }
        commitNow(commit);
    }

    private void waitForHead() {
        InFlight head = inFlight.peek();
        if (head != null) {
            try {
                head.outcome.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // settle() examines it
            }
        }
        // Keep the group membership alive while the store works (poll returns nothing for paused partitions).
        if (!paused && head != null && !head.outcome.isDone()) {
            consumer.pause(consumer.assignment());
            consumer.poll(Duration.ZERO);
            consumer.resume(consumer.assignment());
        }
    }

    /**
     * A batch failed: later batches are dropped (they will be read again; any that did store are kept once), every
     * partition goes back to its first offset not known durable, and reading pauses for a while.
     */
    private void rewind(InFlight failed, Throwable failure) {
        Throwable cause = IngestFailure.unwrap(failure);
        retries.incrementAndGet();
        lastError = cause.getMessage();
        for (InFlight later : inFlight) {
            try {
                later.outcome.get(REVOKE_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // read again anyway
            }
        }
        inFlight.clear();
        Set<TopicPartition> assigned = consumer.assignment();
        for (Map.Entry<TopicPartition, Long> r : resumeAt.entrySet()) {
            if (assigned.contains(r.getKey())) {
                consumer.seek(r.getKey(), r.getValue());
            }
        }
        BackpressureException busy = IngestFailure.backpressure(failure);
        long waitMs = busy != null ? Math.max(200, IngestFailure.retryAfterSeconds(busy) * 1000) : FAILURE_BACKOFF_MS;
        LOG.log(System.Logger.Level.WARNING, "Kafka collector: a batch of " + failed.records + " records was not "
                + "stored (" + cause.getMessage() + "); reading it again in " + waitMs + " ms");
        pause(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs), String.valueOf(cause.getMessage()));
    }

    private void commitNow(Map<TopicPartition, OffsetAndMetadata> commit) {
        if (commit.isEmpty()) {
            return;
        }
        Set<TopicPartition> assigned = consumer.assignment();
        commit.keySet().retainAll(assigned);
        if (commit.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(commit, Duration.ofSeconds(15));
            commit.forEach((tp, om) -> partitions.computeIfPresent(tp,
                    (k, s) -> new PartitionStatus(s.topic(), s.partition(), s.lag(), om.offset())));
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            // At-least-once: whatever is not committed is read again (by us or the partition's next owner).
            commitFailures.incrementAndGet();
            lastError = "commit failed: " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "Kafka collector: committing offsets failed (" + e.getMessage()
                    + "); the records will be read again and stored once");
        }
    }

    private void lag() {
        for (TopicPartition tp : consumer.assignment()) {
            java.util.OptionalLong lag = consumer.currentLag(tp);
            PartitionStatus old = partitions.get(tp);
            long committed = old == null ? -1 : old.committed();
            partitions.put(tp, new PartitionStatus(tp.topic(), tp.partition(), lag.isPresent() ? lag.getAsLong()
                    : old == null ? -1 : old.lag(), committed));
        }
    }

    /** Finishes and commits what was read before partitions move to another server, so it reads on from there. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            settle(true);
            forget(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            forget(lost);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (paused) {
                consumer.pause(assigned);
            }
            LOG.log(System.Logger.Level.INFO, "Kafka collector assigned " + assigned);
        }

        private void forget(Collection<TopicPartition> gone) {
            Set<TopicPartition> set = new HashSet<>(gone);
            resumeAt.keySet().removeAll(set);
            partitions.keySet().removeAll(set);
            // Batches still holding records of these partitions are dropped from the queue once done; their
            // offsets are not ours to commit any more, and commitNow skips partitions no longer assigned.
        }
    }

    /** Stops reading: waits for batches in flight, commits what is durable and leaves the group. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
