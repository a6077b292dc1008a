package dev.logline.server.collect.kafka;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Settings of the Kafka collector: which cluster, which topics (by name or by pattern), which consumer group. Every
 * server in one group shares the topics' partitions.
 *
 * @param bootstrapServers   {@code host:port[,host:port…]}
 * @param topics             topics to read (ignored when {@code topicPattern} is set)
 * @param topicPattern       a regular expression over topic names, or {@code null}
 * @param group              the consumer group (default {@code logline})
 * @param tenant             the tenant the events are written to, or {@code null} for the server's default tenant
 * @param maxPollRecords     records read per poll, one batch for the store (default 2000)
 * @param maxInFlightBatches batches written but not yet durable before polling waits (default 4)
 * @param properties         further consumer settings (security, timeouts), as Kafka names them
 */
public record KafkaCollectorConfig(String bootstrapServers, List<String> topics, String topicPattern, String group,
                                   String tenant, int maxPollRecords, int maxInFlightBatches,
                                   Map<String, String> properties) {

    public KafkaCollectorConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("--kafka-bootstrap needs host:port of at least one broker");
        }
        topics = List.copyOf(topics);
        if (topicPattern == null && topics.isEmpty()) {
            throw new IllegalArgumentException("name the topics to read (--kafka-topic) or a pattern (--kafka-topic-pattern)");
        }
        if (topicPattern != null) {
            try {
                Pattern.compile(topicPattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("--kafka-topic-pattern is not a regular expression: "
                        + e.getDescription());
            }
        }
        Objects.requireNonNull(group, "group");
        if (maxPollRecords < 1 || maxInFlightBatches < 1) {
            throw new IllegalArgumentException("maxPollRecords and maxInFlightBatches must be positive");
        }
        properties = Map.copyOf(properties);
    }

    /** Reading these topics in group {@code logline}. */
    public static KafkaCollectorConfig of(String bootstrapServers, List<String> topics) {
        return new KafkaCollectorConfig(bootstrapServers, topics, null, "logline", null, 2000, 4, Map.of());
    }

    public KafkaCollectorConfig withTopicPattern(String v) {
        return new KafkaCollectorConfig(bootstrapServers, topics, v, group, tenant, maxPollRecords, maxInFlightBatches, properties);
    }

    public KafkaCollectorConfig withGroup(String v) {
        return new KafkaCollectorConfig(bootstrapServers, topics, topicPattern, v, tenant, maxPollRecords, maxInFlightBatches, properties);
    }

    public KafkaCollectorConfig withTenant(String v) {
        return new KafkaCollectorConfig(bootstrapServers, topics, topicPattern, group, v, maxPollRecords, maxInFlightBatches, properties);
    }

    public KafkaCollectorConfig withMaxPollRecords(int v) {
        return new KafkaCollectorConfig(bootstrapServers, topics, topicPattern, group, tenant, v, maxInFlightBatches, properties);
    }

    public KafkaCollectorConfig withMaxInFlightBatches(int v) {
        return new KafkaCollectorConfig(bootstrapServers, topics, topicPattern, group, tenant, maxPollRecords, v, properties);
    }

    public KafkaCollectorConfig withProperties(Map<String, String> v) {
        return new KafkaCollectorConfig(bootstrapServers, topics, topicPattern, group, tenant, maxPollRecords, maxInFlightBatches, v);
    }

    /** What the collector reads, for logs and the status endpoint. */
    public String describe() {
        return (topicPattern != null ? "topics matching /" + topicPattern + "/" : "topic(s) " + String.join(",", topics))
                + " on " + bootstrapServers + " in group " + group;
    }
}
