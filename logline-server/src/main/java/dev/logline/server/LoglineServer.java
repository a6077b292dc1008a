package dev.logline.server;

import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.file.FileService;
import dev.logline.server.alerts.AlertEngine;
import dev.logline.server.alerts.AlertSettings;
import dev.logline.server.alerts.http.AlertsApi;
import dev.logline.core.redact.RedactionPolicy;
import dev.logline.core.redact.Redactor;
import dev.logline.server.api.QueryApi;
import dev.logline.server.api.ApiBackend;
import dev.logline.server.auth.ApiKeyAuthorizer;
import dev.logline.server.auth.AuthSettings;
import dev.logline.server.auth.Caller;
import dev.logline.server.auth.KeysApi;
import dev.logline.server.collect.elastic.EsBulkCollector;
import dev.logline.server.collect.kafka.KafkaCollector;
import dev.logline.server.collect.kafka.KafkaCollectorConfig;
import dev.logline.server.collect.kafka.KafkaStatusEndpoint;
import dev.logline.server.collect.elastic.EsCompatibilityService;
import dev.logline.server.collect.elastic.EsProductHeader;
import dev.logline.server.collect.loki.LokiPushService;
import dev.logline.server.collect.ndjson.NativeIngestService;
import dev.logline.server.collect.otlp.OtlpGrpcLogsService;
import dev.logline.server.collect.otlp.OtlpHttpLogsService;
import dev.logline.server.collect.syslog.SyslogConfig;
import dev.logline.server.collect.syslog.SyslogServer;
import dev.logline.server.dashboards.DashboardKind;
import dev.logline.server.dashboards.DashboardSettings;
import dev.logline.server.documents.DocumentStore;
import dev.logline.server.documents.DocumentsEndpoint;
import dev.logline.server.http.HealthEndpoint;
import dev.logline.server.http.WebPageService;
import dev.logline.server.http.JsonResponse;
import dev.logline.server.http.JsonStatusRenderer;
import dev.logline.server.http.RootEndpoint;
import dev.logline.server.http.SecureHeaders;
import dev.logline.server.ingest.EventRedactor;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.IngestPipeline;
import dev.logline.server.metrics.IngestMetrics;
import dev.logline.server.metrics.MetricsEndpoint;
import dev.logline.server.searches.SavedSearchKind;
import dev.logline.server.tls.ReloadingKeyPair;
import dev.logline.server.tls.TlsSettings;
import dev.logline.store.LogStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Logline server on one port: the native, Elasticsearch bulk, Loki push and OTLP (HTTP and gRPC) collectors,
 * the query API, {@code /healthz}, {@code /metrics} and the web UI, plus a syslog listener on a port of its own when
 * {@link Builder#syslog(SyslogConfig) enabled}. Nothing listens until {@link #start()}; {@link #port()} then tells the port
 * (useful with port 0). {@link #close()} stops listening; the store stays open, its owner closes it.
 * Every route but {@code /healthz} and the web UI's files checks API keys when {@link Builder#auth(AuthSettings) a
 * key file} holds any (see {@code docs/AUTH.md}); the request then acts for the key's tenant.
 *
 * <pre>{@code
 * try (LoglineServer server = LoglineServer.builder()
 *         .config(ServerConfig.defaults().withPort(0))
 *         .store(store)
 *         .collector("/hooks/vendor", c -> new VendorWebhookCollector(c.sink(), c.tenants()))
 *         .build()
 *         .start()) {
 *     System.out.println("listening on " + server.port());
 * }
 * }</pre>
 */
public final class LoglineServer implements AutoCloseable {

    /** Where the web UI's files live on the classpath. */
    public static final String WEB_ROOT = "dev/logline/server/web";

    private final ServerConfig config;
    private final LogStore store;
    private final IngestPipeline pipeline;
    private final Server server;
    private final SyslogServer syslog;
    private final ApiKeyAuthorizer authorizer;
    private final AlertEngine alerts;
    private final KafkaCollectorConfig kafkaConfig;
    private volatile KafkaCollector kafka;
    private final ReloadingKeyPair tls;
    private volatile boolean started;

    private LoglineServer(Builder b) {
        this.config = b.config;
        this.store = b.store;
        this.pipeline = new IngestPipeline(store, config.limits(), new IngestMetrics(),
                EventRedactor.of(Redactor.of(b.redaction)));
        this.authorizer = ApiKeyAuthorizer.create(b.auth, config.bindAddress());
        this.alerts = b.alerts == null ? null : new AlertEngine(b.alerts, store, pipeline, config.queryTimeout());
        this.kafkaConfig = b.kafka;
        this.tls = b.tls == null ? null : ReloadingKeyPair.load(b.tls);
        this.server = routes(b).build();
        this.syslog = b.syslog.enabled()
                ? new SyslogServer(b.syslog, pipeline, tls == null ? null : tls::sslContext) : null;
    }

    /** A builder; {@link Builder#store} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A server with the given settings and store and no extra collectors. */
    public static LoglineServer create(ServerConfig config, LogStore store) {
        return builder().config(config).store(store).build();
    }

    private ServerBuilder routes(Builder b) {
        TenantResolver tenants = TenantResolver.keyedOr(
                b.tenants != null ? b.tenants : TenantResolver.fixed(config.defaultTenant()));
        ServerBuilder sb = Server.builder();
        InetSocketAddress address = new InetSocketAddress(config.bindAddress(), config.port());
        if (tls != null) {
            // HTTPS only: a plaintext request to this port fails its handshake instead of being served in clear.
            sb.https(address).tlsProvider(hostname -> tls.get());
        } else {
            sb.http(address);
        }
        sb.maxRequestLength(config.limits().maxRequestBytes())
                // Ingest waits for durability and queries for the store; both are bounded by the query timeout.
                .requestTimeout(config.queryTimeout().plusSeconds(5))
                .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(1))
                .errorHandler(new JsonStatusRenderer(config.limits().maxRequestBytes()))
                .decorator(authorizer)
                .decorator(new SecureHeaders(tls != null));

        sb.route().get("/healthz").build(new HealthEndpoint());
        sb.route().get("/metrics").build(new MetricsEndpoint(pipeline.metrics(), store, () -> kafka));
        sb.route().get(KafkaStatusEndpoint.PATH).build(new KafkaStatusEndpoint(() -> kafka));

        sb.route().post("/api/v1/ingest").build(new NativeIngestService(pipeline, tenants));
        // Loki names its tenant in X-Scope-OrgID; without one the request gets the resolver's tenant. A request
        // with an API key always writes to the key's tenant, whatever the header says.
        HttpService loki = new LokiPushService(pipeline, ctx -> {
            String org = ctx.request().headers().get("x-scope-orgid");
            return Caller.of(ctx) != null || org == null || org.isBlank() ? tenants.tenantOf(ctx) : org.trim();
        });
        sb.route().post(LokiPushService.PATH).build(loki);
        sb.route().post(LokiPushService.LEGACY_PATH).build(loki);
        sb.route().post(OtlpHttpLogsService.PATH).build(new OtlpHttpLogsService(pipeline, tenants::tenantOf));
        sb.service(OtlpGrpcLogsService.PATH, OtlpGrpcLogsService.of(pipeline, tenants::tenantOf));
        ApiBackend backend = new ApiBackend(store, config, tenants);
        QueryApi.register(sb, backend);
        KeysApi.register(sb, authorizer.keys().file());
        // Saved searches and dashboards (docs/DASHBOARDS.md).
        QueryApi.registerPanels(sb, backend, b.dashboards.panelConcurrency());
        DocumentsEndpoint.register(sb, b.documents, new SavedSearchKind(), null, tenants);
        DocumentsEndpoint.register(sb, b.documents, new DashboardKind(), b.dashboards.provisioned(), tenants);
        if (alerts != null) {
            AlertsApi.register(sb, alerts, tenants);
        }
        // Unknown API paths answer JSON 404 instead of falling through to the web UI's files.
        sb.serviceUnder("/api/", (ctx, req) -> JsonResponse.error(HttpStatus.NOT_FOUND,
                "no API endpoint " + req.method() + " " + ctx.path() + "; see docs/API.md"));

        HttpService bulk = EsProductHeader.decorate(new EsBulkCollector(pipeline, tenants));
        sb.route().methods(HttpMethod.POST, HttpMethod.PUT).path("/_bulk").build(bulk);
        sb.route().methods(HttpMethod.POST, HttpMethod.PUT).path("/{index}/_bulk").build(bulk);
        HttpService es = EsProductHeader.decorate(new EsCompatibilityService());
        for (String prefix : List.of("/_cluster/", "/_nodes", "/_index_template/", "/_template/",
                "/_component_template/", "/_ilm/", "/_ingest/", "/_data_stream/", "/_alias/")) {
            sb.serviceUnder(prefix, es);
        }
        sb.service("/_license", es);
        sb.service("/_xpack", es);
        sb.route().methods(HttpMethod.PUT, HttpMethod.HEAD).path("/{index}").build(es);

        CollectorContext context = new CollectorContext(pipeline, tenants, config);
        for (Mount m : b.mounts) {
            HttpService service = m.factory.apply(context);
            if (m.prefix) {
                sb.serviceUnder(m.path, service);
            } else {
                sb.service(m.path, service);
            }
        }

        HttpService web = FileService.builder(b.webClassLoader, b.webRoot).build();
        HttpService boards = new WebPageService(b.webClassLoader, b.webRoot + "/dashboards.html");
        sb.route().methods(HttpMethod.GET, HttpMethod.HEAD).path("/dashboards").build(boards);
        sb.route().methods(HttpMethod.GET, HttpMethod.HEAD).path("/dashboards/{id}").build(boards);
        sb.route().methods(HttpMethod.GET, HttpMethod.HEAD).path("/").build(new RootEndpoint(web, es));
        sb.serviceUnder("/", web);
        return sb;
    }

    /**
     * Starts listening; returns once the port is bound.
     *
     * @throws dev.logline.server.auth.UnprotectedBindException when bound beyond loopback with no API keys and auth
     *                                                          not disabled
     */
    public LoglineServer start() {
        authorizer.checkCanStart();
        server.start().join();
        if (syslog != null) {
            try {
                syslog.start();
            } catch (IOException e) {
                server.stop().join();
                throw new UncheckedIOException("cannot start the syslog listener: " + e.getMessage(), e);
            }
        }
        if (kafkaConfig != null) {
            kafka = KafkaCollector.start(kafkaConfig, pipeline, config.defaultTenant());
        }
        started = true;
        if (alerts != null) {
            String host = config.bindAddress().equals("0.0.0.0") || config.bindAddress().equals("::") ? "127.0.0.1"
                    : config.bindAddress();
            alerts.defaultBaseUrl(() -> "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
            alerts.start();
        }
        return this;
    }

    /** The Kafka collector, or {@code null} when the server reads no Kafka. */
    public KafkaCollector kafka() {
        return kafka;
    }

    /** {@code https} when the server was given a TLS certificate, else {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    /** The certificate and key served, or {@code null} without TLS. */
    public ReloadingKeyPair tls() {
        return tls;
    }

    /** The syslog listener, or {@code null} when syslog is not enabled. */
    public SyslogServer syslog() {
        return syslog;
    }

    /** The port the server listens on; only after {@link #start()}. */
    public int port() {
        if (!started) {
            throw new IllegalStateException("the server is not started; call start() first");
        }
        return server.activeLocalPort();
    }

    /** The sink every collector writes through (admission, limits, redaction, tenant, durable write, metrics). */
    public EventSink sink() {
        return pipeline;
    }

    public IngestMetrics metrics() {
        return pipeline.metrics();
    }

    public ServerConfig config() {
        return config;
    }

    /** The API key check in front of every route, and the keys it watches. */
    public ApiKeyAuthorizer auth() {
        return authorizer;
    }

    /** The alert engine, or {@code null} when {@link Builder#alerts(AlertSettings) alerts} are not configured. */
    public AlertEngine alerts() {
        return alerts;
    }

    /** Stops alerting and listening and waits for in-flight requests briefly. Does not close the store. */
    @Override
    public void close() {
        try {
            if (alerts != null) {
                alerts.close();
            }
            if (kafka != null) {
                // Stops reading first: what it has read is stored and committed before the store goes.
                kafka.close();
                kafka = null;
            }
            if (syslog != null) {
                syslog.close();
            }
        } finally {
            server.stop().join();
            authorizer.flushUsage();
            started = false;
        }
    }

    /** A service to mount: made from the ingest sink once the server assembles. */
    private record Mount(String path, boolean prefix, Function<CollectorContext, HttpService> factory) {
    }

    /** Collects the store, the settings and extra services; nothing starts until {@link LoglineServer#start()}. */
    public static final class Builder {
        private ServerConfig config = ServerConfig.defaults();
        private LogStore store;
        private TenantResolver tenants;
        private final List<Mount> mounts = new ArrayList<>();
        private ClassLoader webClassLoader = LoglineServer.class.getClassLoader();
        private String webRoot = WEB_ROOT;
        private SyslogConfig syslog = SyslogConfig.defaults();
        private AuthSettings auth = AuthSettings.none();
        private AlertSettings alerts;
        private DocumentStore documents;
        private DashboardSettings dashboards = DashboardSettings.defaults();
        private KafkaCollectorConfig kafka;
        private RedactionPolicy redaction = RedactionPolicy.defaults();
        private TlsSettings tls;

        private Builder() {
        }

        /** Alert rules, their evaluation and notifications (see {@code docs/ALERTS.md}); off unless given. */
        public Builder alerts(AlertSettings v) {
            alerts = Objects.requireNonNull(v, "alerts");
            return this;
        }

        /** Reads events from Kafka too, as a member of the configured consumer group (off by default). */
        public Builder kafka(KafkaCollectorConfig v) {
            kafka = Objects.requireNonNull(v, "kafka");
            return this;
        }

        /**
         * Where saved searches and dashboards are kept (usually {@link DocumentStore#in} the data directory); without
         * one their endpoints answer 404 saying so.
         */
        public Builder documents(DocumentStore v) {
            documents = Objects.requireNonNull(v, "documents");
            return this;
        }

        /** The provisioned dashboards' folder and the panel concurrency ({@link DashboardSettings#defaults()}). */
        public Builder dashboards(DashboardSettings v) {
            dashboards = Objects.requireNonNull(v, "dashboards");
            return this;
        }

        /**
         * What ingest redacts before the durable write, for every collector; by default the built-in set
         * ({@link RedactionPolicy#defaults()}), {@link RedactionPolicy#none()} to store events as sent.
         */
        public Builder redaction(RedactionPolicy v) {
            redaction = Objects.requireNonNull(v, "redaction");
            return this;
        }

        /**
         * Where the API keys and the audit log are (usually {@link AuthSettings#inDataDir}); by default there are
         * none, so the server serves loopback without auth and refuses other addresses.
         */
        public Builder auth(AuthSettings v) {
            auth = Objects.requireNonNull(v, "auth");
            return this;
        }

        /**
         * Serves every endpoint over HTTPS (and syslog over TCP with TLS) with this certificate and key, re-read when
         * the files change; {@code null} (the default) serves plain HTTP.
         *
         * @throws dev.logline.server.tls.TlsFilesException at {@link #build()} when the files cannot be used
         */
        public Builder tls(TlsSettings v) {
            tls = v;
            return this;
        }

        /** Syslog settings; the listener starts with the server only when {@link SyslogConfig#enabled()}. */
        public Builder syslog(SyslogConfig v) {
            syslog = Objects.requireNonNull(v, "syslog");
            return this;
        }

        public Builder config(ServerConfig v) {
            config = Objects.requireNonNull(v, "config");
            return this;
        }

        public Builder store(LogStore v) {
            store = Objects.requireNonNull(v, "store");
            return this;
        }

        /**
         * Who a request without an API key acts for; by default {@link ServerConfig#defaultTenant()}. A request with a
         * key always acts for the key's tenant.
         */
        public Builder tenants(TenantResolver v) {
            tenants = Objects.requireNonNull(v, "tenants");
            return this;
        }

        /** Mounts a service at an exact path (Armeria path syntax, {@code /x/{param}} allowed). */
        public Builder service(String path, HttpService service) {
            mounts.add(new Mount(path, false, context -> service));
            return this;
        }

        /** Mounts a collector made from the server's ingest sink (and tenant resolver, settings) at an exact path. */
        public Builder collector(String path, Function<CollectorContext, HttpService> factory) {
            mounts.add(new Mount(path, false, factory));
            return this;
        }

        /** Mounts a collector made from the server's ingest sink under a path prefix (e.g. {@code /v1/}). */
        public Builder collectorUnder(String prefix, Function<CollectorContext, HttpService> factory) {
            mounts.add(new Mount(prefix, true, factory));
            return this;
        }

        /** Where the web UI's static files are on the classpath (default {@value LoglineServer#WEB_ROOT}). */
        public Builder webRoot(ClassLoader loader, String root) {
            webClassLoader = Objects.requireNonNull(loader, "loader");
            webRoot = Objects.requireNonNull(root, "root");
            return this;
        }

        public LoglineServer build() {
            if (store == null) {
                throw new IllegalStateException("a store is required: builder().store(…)");
            }
            return new LoglineServer(this);
        }
    }
}
