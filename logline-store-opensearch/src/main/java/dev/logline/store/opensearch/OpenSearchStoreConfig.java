package dev.logline.store.opensearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Settings of the OpenSearch store; {@link #defaults(List)} documents every default (see also {@code docs/CONFIG.md}).
 *
 * @param urls              the cluster's HTTP(S) addresses; requests go round robin over them, skipping dead nodes
 * @param user              basic-auth user, or {@code null} for none
 * @param password          basic-auth password, or {@code null}
 * @param caCertificate     a PEM file of the CA that signed the cluster's certificate (for https with a private CA),
 *                          or {@code null} to trust the JVM's default trust store
 * @param indexPrefix       first part of every index name ({@code <prefix>-<tenant>-<yyyy.MM.dd>}); default
 *                          {@code logline}
 * @param shards            primary shards per daily index (default 1)
 * @param replicas          replicas per daily index (default 1; 0 on a single node)
 * @param refreshInterval   how soon written events become searchable (default 1 s)
 * @param retentionDays     whole days older than this are deleted (0 keeps forever); default 30
 * @param maxFieldsPerIndex the index's field limit ({@code index.mapping.total_fields.limit}; default 5000); an
 *                          event beyond it is kept with only its core fields indexed
 * @param maxInFlightEvents events written to the cluster but not yet acknowledged before writes are refused with
 *                          backpressure (default 200,000)
 * @param bulkMaxBytes      a write is sent in bulk requests of at most about this many bytes (default 8 MiB)
 * @param requestTimeout    longest wait for one request to the cluster (default 60 s)
 * @param tailInterval      how often live tail polls the newest events (default 1 s)
 * @param tailMaxEvents     most events one poll delivers per tenant; a tail further behind skips ahead (default 2000)
 */
public record OpenSearchStoreConfig(List<URI> urls, String user, String password, Path caCertificate,
                                    String indexPrefix, int shards, int replicas, Duration refreshInterval,
                                    int retentionDays, int maxFieldsPerIndex, int maxInFlightEvents,
                                    int bulkMaxBytes, Duration requestTimeout, Duration tailInterval,
                                    int tailMaxEvents) {

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,99}");

    public OpenSearchStoreConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("give at least one OpenSearch URL, e.g. http://localhost:9200");
        }
        for (URI u : urls) {
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("OpenSearch URL '" + u + "' is not http(s)://host[:port]");
            }
        }
        Objects.requireNonNull(indexPrefix, "indexPrefix");
        if (!PREFIX.matcher(indexPrefix).matches()) {
            throw new IllegalArgumentException("index prefix '" + indexPrefix + "' must be 1-100 lower-case letters, "
                    + "digits, '_', '.' or '-', starting with a letter or digit");
        }
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("give both an OpenSearch user and a password, or neither");
        }
        if (shards < 1 || replicas < 0 || retentionDays < 0 || maxFieldsPerIndex < 100 || maxInFlightEvents < 1
                || bulkMaxBytes < 64 * 1024 || tailMaxEvents < 1) {
            throw new IllegalArgumentException("OpenSearch store settings out of range: shards >= 1, replicas >= 0, "
                    + "retentionDays >= 0, maxFieldsPerIndex >= 100, maxInFlightEvents >= 1, bulkMaxBytes >= 64 KiB, "
                    + "tailMaxEvents >= 1");
        }
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(tailInterval, "tailInterval");
    }

    /** The defaults for a cluster at these addresses. */
    public static OpenSearchStoreConfig defaults(List<URI> urls) {
        return new OpenSearchStoreConfig(urls, null, null, null, "logline", 1, 1, Duration.ofSeconds(1), 30, 5000,
                200_000, 8 * 1024 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(1), 2000);
    }

    /** The defaults for one address, e.g. {@code http://localhost:9200}. */
    public static OpenSearchStoreConfig defaults(String url) {
        return defaults(List.of(URI.create(url)));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a config. */
    public static final class Builder {
        private List<URI> urls;
        private String user;
        private String password;
        private Path caCertificate;
        private String indexPrefix;
        private int shards;
        private int replicas;
        private Duration refreshInterval;
        private int retentionDays;
        private int maxFieldsPerIndex;
        private int maxInFlightEvents;
        private int bulkMaxBytes;
        private Duration requestTimeout;
        private Duration tailInterval;
        private int tailMaxEvents;

        private Builder(OpenSearchStoreConfig c) {
            urls = c.urls;
            user = c.user;
            password = c.password;
            caCertificate = c.caCertificate;
            indexPrefix = c.indexPrefix;
            shards = c.shards;
            replicas = c.replicas;
            refreshInterval = c.refreshInterval;
            retentionDays = c.retentionDays;
            maxFieldsPerIndex = c.maxFieldsPerIndex;
            maxInFlightEvents = c.maxInFlightEvents;
            bulkMaxBytes = c.bulkMaxBytes;
            requestTimeout = c.requestTimeout;
            tailInterval = c.tailInterval;
            tailMaxEvents = c.tailMaxEvents;
        }

        public Builder urls(List<URI> v) { urls = v; return this; }
        public Builder credentials(String u, String p) { user = u; password = p; return this; }
        public Builder caCertificate(Path v) { caCertificate = v; return this; }
        public Builder indexPrefix(String v) { indexPrefix = v; return this; }
        public Builder shards(int v) { shards = v; return this; }
        public Builder replicas(int v) { replicas = v; return this; }
        public Builder refreshInterval(Duration v) { refreshInterval = v; return this; }
        public Builder retentionDays(int v) { retentionDays = v; return this; }
        public Builder maxFieldsPerIndex(int v) { maxFieldsPerIndex = v; return this; }
        public Builder maxInFlightEvents(int v) { maxInFlightEvents = v; return this; }
        public Builder bulkMaxBytes(int v) { bulkMaxBytes = v; return this; }
        public Builder requestTimeout(Duration v) { requestTimeout = v; return this; }
        public Builder tailInterval(Duration v) { tailInterval = v; return this; }
        public Builder tailMaxEvents(int v) { tailMaxEvents = v; return this; }

        public OpenSearchStoreConfig build() {
            return new OpenSearchStoreConfig(urls, user, password, caCertificate, indexPrefix, shards, replicas,
                    refreshInterval, retentionDays, maxFieldsPerIndex, maxInFlightEvents, bulkMaxBytes,
                    requestTimeout, tailInterval, tailMaxEvents);
        }
    }
}
