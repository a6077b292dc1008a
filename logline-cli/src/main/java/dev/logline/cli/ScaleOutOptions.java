package dev.logline.cli;

import dev.logline.server.collect.kafka.KafkaCollectorConfig;
import dev.logline.store.opensearch.OpenSearchLogStore;
import dev.logline.store.opensearch.OpenSearchStoreConfig;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * The options of {@code logline server} that take it past one machine: the OpenSearch store
 * ({@code --store opensearch --opensearch-url …}) and the Kafka collector ({@code --kafka-bootstrap …}); see
 * {@code docs/SCALING.md} and {@code docs/CONFIG.md}.
 */
final class ScaleOutOptions {

    @Option(names = "--store", paramLabel = "KIND", defaultValue = "${env:LOGLINE_STORE:-embedded}",
            description = "Where events are stored: embedded (the column store under --data, one machine) or "
                    + "opensearch (an OpenSearch cluster shared by any number of servers) (env LOGLINE_STORE; "
                    + "default: ${DEFAULT-VALUE}).")
    String store;

    @Option(names = "--opensearch-url", paramLabel = "URL[,URL…]", defaultValue = "${env:LOGLINE_OPENSEARCH_URL}",
            description = "The OpenSearch cluster's HTTP(S) addresses, comma-separated (env LOGLINE_OPENSEARCH_URL).")
    String opensearchUrl;

    @Option(names = "--opensearch-user", paramLabel = "USER", defaultValue = "${env:LOGLINE_OPENSEARCH_USER}",
            description = "Basic-auth user for OpenSearch (env LOGLINE_OPENSEARCH_USER).")
    String opensearchUser;

    @Option(names = "--opensearch-password", paramLabel = "PASSWORD", defaultValue = "${env:LOGLINE_OPENSEARCH_PASSWORD}",
            description = "Basic-auth password for OpenSearch (env LOGLINE_OPENSEARCH_PASSWORD, which keeps it out "
                    + "of the process list).")
    String opensearchPassword;

    @Option(names = "--opensearch-ca", paramLabel = "PEM", defaultValue = "${env:LOGLINE_OPENSEARCH_CA}",
            description = "PEM file of the CA that signed OpenSearch's certificate, for https with a private CA "
                    + "(env LOGLINE_OPENSEARCH_CA; default: the JVM's trusted CAs).")
    Path opensearchCa;

    @Option(names = "--opensearch-index-prefix", paramLabel = "PREFIX", defaultValue = "logline",
            description = "First part of the index names <prefix>-<tenant>-<yyyy.MM.dd> (default: ${DEFAULT-VALUE}).")
    String indexPrefix;

    @Option(names = "--opensearch-shards", paramLabel = "N", defaultValue = "1",
            description = "Primary shards per daily index (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--opensearch-replicas", paramLabel = "N", defaultValue = "1",
            description = "Replicas per daily index (default: ${DEFAULT-VALUE}; 0 on a single-node cluster).")
    int replicas;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,…]", defaultValue = "${env:LOGLINE_KAFKA_BOOTSTRAP}",
            description = "Also read events from Kafka at these brokers (env LOGLINE_KAFKA_BOOTSTRAP; off by default).")
    String kafkaBootstrap;

    @Option(names = "--kafka-topic", paramLabel = "TOPIC[,TOPIC…]", defaultValue = "${env:LOGLINE_KAFKA_TOPICS:-logline}",
            description = "Topics to read (env LOGLINE_KAFKA_TOPICS; default: ${DEFAULT-VALUE}).")
    String kafkaTopics;

    @Option(names = "--kafka-topic-pattern", paramLabel = "REGEX",
            description = "Read every topic whose name matches this regular expression instead of --kafka-topic.")
    String kafkaTopicPattern;

    @Option(names = "--kafka-group", paramLabel = "GROUP", defaultValue = "${env:LOGLINE_KAFKA_GROUP:-logline}",
            description = "Consumer group; servers in one group share the partitions (env LOGLINE_KAFKA_GROUP; "
                    + "default: ${DEFAULT-VALUE}).")
    String kafkaGroup;

    @Option(names = "--kafka-tenant", paramLabel = "TENANT",
            description = "Tenant the events read from Kafka belong to (default: the server's default tenant).")
    String kafkaTenant;

    @Option(names = "--kafka-property", paramLabel = "NAME=VALUE",
            description = "A Kafka consumer setting (security.protocol, sasl.*, ssl.*, session.timeout.ms …); repeat "
                    + "for more.")
    List<String> kafkaProperties = new ArrayList<>();

    /** Takes each setting from the file unless a flag or an environment variable gave it ({@code fromFile}). */
    void apply(ServerSettingsFile file, BiPredicate<String[], String> fromFile) {
        if (fromFile.test(new String[] {"--store", "LOGLINE_STORE"}, "store")) {
            store = file.get("store");
        }
        if (fromFile.test(new String[] {"--opensearch-url", "LOGLINE_OPENSEARCH_URL"}, "opensearch.url")) {
            opensearchUrl = file.get("opensearch.url");
        }
        if (fromFile.test(new String[] {"--opensearch-user", "LOGLINE_OPENSEARCH_USER"}, "opensearch.user")) {
            opensearchUser = file.get("opensearch.user");
        }
        if (fromFile.test(new String[] {"--opensearch-password", "LOGLINE_OPENSEARCH_PASSWORD"}, "opensearch.password")) {
            opensearchPassword = file.get("opensearch.password");
        }
        if (fromFile.test(new String[] {"--opensearch-ca", "LOGLINE_OPENSEARCH_CA"}, "opensearch.ca")) {
            opensearchCa = Path.of(file.get("opensearch.ca"));
        }
        if (fromFile.test(new String[] {"--opensearch-index-prefix", null}, "opensearch.index-prefix")) {
            indexPrefix = file.get("opensearch.index-prefix");
        }
        if (fromFile.test(new String[] {"--opensearch-shards", null}, "opensearch.shards")) {
            shards = (int) file.getLong("opensearch.shards", shards);
        }
        if (fromFile.test(new String[] {"--opensearch-replicas", null}, "opensearch.replicas")) {
            replicas = (int) file.getLong("opensearch.replicas", replicas);
        }
        if (fromFile.test(new String[] {"--kafka-bootstrap", "LOGLINE_KAFKA_BOOTSTRAP"}, "kafka.bootstrap")) {
            kafkaBootstrap = file.get("kafka.bootstrap");
        }
        if (fromFile.test(new String[] {"--kafka-topic", "LOGLINE_KAFKA_TOPICS"}, "kafka.topics")) {
            kafkaTopics = file.get("kafka.topics");
        }
        if (fromFile.test(new String[] {"--kafka-topic-pattern", null}, "kafka.topic-pattern")) {
            kafkaTopicPattern = file.get("kafka.topic-pattern");
        }
        if (fromFile.test(new String[] {"--kafka-group", "LOGLINE_KAFKA_GROUP"}, "kafka.group")) {
            kafkaGroup = file.get("kafka.group");
        }
        if (fromFile.test(new String[] {"--kafka-tenant", null}, "kafka.tenant")) {
            kafkaTenant = file.get("kafka.tenant");
        }
        Map<String, String> fileProperties = file.withPrefix(ServerSettingsFile.KAFKA_PROPERTY_PREFIX);
        List<String> merged = new ArrayList<>();
        fileProperties.forEach((k, v) -> merged.add(k + "=" + v));
        merged.addAll(kafkaProperties); // flags win: later entries replace earlier ones
        kafkaProperties = merged;
    }

    /**
     * Whether the OpenSearch store is chosen.
     *
     * @throws IllegalArgumentException when the store kind is unknown or OpenSearch has no address
     */
    boolean opensearch() {
        switch (store) {
            case "embedded":
                return false;
            case "opensearch":
                if (opensearchUrl == null || opensearchUrl.isBlank()) {
                    throw new IllegalArgumentException("--store opensearch needs --opensearch-url (for example "
                            + "http://localhost:9200)");
                }
                return true;
            default:
                throw new IllegalArgumentException("--store must be embedded or opensearch, was '" + store + "'");
        }
    }

    /** Connects to the OpenSearch cluster and installs the index template. */
    OpenSearchLogStore openOpenSearch(int retentionDays) {
        List<URI> urls = new ArrayList<>();
        for (String u : opensearchUrl.split(",")) {
            if (!u.isBlank()) {
                urls.add(URI.create(u.trim()));
            }
        }
        OpenSearchStoreConfig config = OpenSearchStoreConfig.defaults(urls).toBuilder()
                .credentials(opensearchUser, opensearchPassword)
                .caCertificate(opensearchCa)
                .indexPrefix(indexPrefix)
                .shards(shards)
                .replicas(replicas)
                .retentionDays(retentionDays)
                .build();
        return OpenSearchLogStore.open(config);
    }

    /**
     * The Kafka collector's settings, or {@code null} when no brokers are given.
     *
     * @throws IllegalArgumentException naming a malformed setting
     */
    KafkaCollectorConfig kafka() {
        if (kafkaBootstrap == null || kafkaBootstrap.isBlank()) {
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (String p : kafkaProperties) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--kafka-property must be NAME=VALUE, was '" + p + "'");
            }
            properties.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        List<String> topics = Arrays.stream(kafkaTopics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        KafkaCollectorConfig c = KafkaCollectorConfig.of(kafkaBootstrap, topics).withGroup(kafkaGroup)
                .withTenant(kafkaTenant).withProperties(properties);
        return kafkaTopicPattern == null ? c : c.withTopicPattern(kafkaTopicPattern);
    }
}
