package dev.logline.cli;

import dev.logline.core.crypto.EncryptionKeys;
import dev.logline.server.LoglineServer;
import dev.logline.server.ServerConfig;
import dev.logline.server.alerts.AlertSettings;
import dev.logline.server.alerts.AlertsFile;
import dev.logline.server.auth.ApiKeyAuthorizer;
import dev.logline.server.auth.AuthSettings;
import dev.logline.server.auth.KeyFileException;
import dev.logline.server.auth.UnprotectedBindException;
import dev.logline.server.collect.kafka.KafkaCollectorConfig;
import dev.logline.server.collect.syslog.SyslogConfig;
import dev.logline.server.dashboards.DashboardSettings;
import dev.logline.server.documents.DocumentStore;
import dev.logline.store.LogStore;
import dev.logline.server.tls.TlsFilesException;
import dev.logline.server.tls.TlsSettings;
import dev.logline.store.columnar.ColumnarLogStore;
import dev.logline.store.columnar.ColumnarStoreConfig;
import dev.logline.core.redact.RedactionPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

/**
 * {@code logline server}: the embedded column store and the HTTP server (collectors, query API, web UI) in this
 * process, until Ctrl-C or interruption.
 */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = LoglineVersion.class,
        description = {
                "Runs the Logline server on one machine: ingest endpoints, the query API and the web UI, storing "
                        + "events under --data. Bound to loopback by default (no auth needed there). Once "
                        + "--data holds API keys (`logline keys create`) every request needs one; on any other "
                        + "address keys are required, or --no-auth.",
                "%nExample:%n  logline server --port 4680 --data ./logline-data%n"
        })
public final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:LOGLINE_PORT:-4680}",
            description = "TCP port for HTTP (env LOGLINE_PORT; default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "${env:LOGLINE_DATA:-./logline-data}",
            description = "Where events are stored (env LOGLINE_DATA; default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "${env:LOGLINE_BIND:-127.0.0.1}",
            description = "Address to listen on (env LOGLINE_BIND; default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String bind;

    @Option(names = "--syslog-port", paramLabel = "PORT", defaultValue = "${env:LOGLINE_SYSLOG_PORT:--1}",
            description = "Also listen for syslog (RFC 5424/3164) on this TCP and UDP port, on the --bind address "
                    + "(env LOGLINE_SYSLOG_PORT; off by default).")
    int syslogPort;

    @Option(names = "--retention-days", paramLabel = "DAYS", defaultValue = "${env:LOGLINE_RETENTION_DAYS:-30}",
            description = "Days of events kept; older days are dropped whole (env LOGLINE_RETENTION_DAYS; "
                    + "default: ${DEFAULT-VALUE}; 0 keeps forever).")
    int retentionDays;

    @Option(names = "--retention-max-bytes", paramLabel = "BYTES", defaultValue = "${env:LOGLINE_RETENTION_MAX_BYTES:-0}",
            description = "Cap on the store's size; the oldest days are dropped first (env LOGLINE_RETENTION_MAX_BYTES; "
                    + "default: ${DEFAULT-VALUE} = no cap).")
    long retentionMaxBytes;

    @Option(names = "--no-auth", defaultValue = "${env:LOGLINE_NO_AUTH:-false}", fallbackValue = "true",
            arity = "0..1", paramLabel = "BOOLEAN",
            description = "Serve every request without an API key, for the default tenant, even on a non-loopback "
                    + "--bind and even when keys exist (env LOGLINE_NO_AUTH; default: ${DEFAULT-VALUE}). Only when "
                    + "something in front of Logline already decides who may connect.")
    boolean noAuth;

    @Option(names = "--store-keys", paramLabel = "SPEC", defaultValue = "${env:LOGLINE_STORE_KEYS}",
            description = "Encrypt everything the store writes (WAL and parts, AES-256-GCM) with these keys: "
                    + "file:PATH or env:NAME naming key text (lines of <id>:<base64 of 32 bytes>, the first one "
                    + "seals, all open; make one with: echo \"k1:$(openssl rand -base64 32)\"), or the key text "
                    + "itself (env LOGLINE_STORE_KEYS; off by default). See docs/STORAGE.md for rotation.")
    String storeKeys;

    @Option(names = "--alerts", paramLabel = "FILE", defaultValue = "${env:LOGLINE_ALERTS}",
            description = "A JSON file of alert rules (read-only through the API), the SMTP server for alert e-mails "
                    + "and the UI's public URL for links (env LOGLINE_ALERTS; see docs/ALERTS.md). Rules made through "
                    + "the API or UI are kept under --data either way.")
    Path alerts;

    @Option(names = "--dashboards", paramLabel = "DIR", defaultValue = "${env:LOGLINE_DASHBOARDS}",
            description = "Serve the dashboards in this folder read-only (*.json for every tenant, <tenant>/*.json "
                    + "for one), as teams keep them in git (env LOGLINE_DASHBOARDS; off by default). "
                    + "See docs/DASHBOARDS.md.")
    Path dashboards;

    @Option(names = "--dashboard-concurrency", paramLabel = "N",
            defaultValue = "${env:LOGLINE_DASHBOARD_CONCURRENCY:-4}",
            description = "How many panel queries of one dashboard run at once (env LOGLINE_DASHBOARD_CONCURRENCY; "
                    + "default: ${DEFAULT-VALUE}).")
    int dashboardConcurrency;

    @Mixin
    RedactionOptions redaction;

    @Mixin
    QueryLimitOptions queryLimits;

    @Option(names = "--tls-cert", paramLabel = "PEM", defaultValue = "${env:LOGLINE_TLS_CERT}",
            description = "Serve HTTPS (and syslog over TLS) with this certificate chain, PEM, the server's first "
                    + "(env LOGLINE_TLS_CERT); needs --tls-key. Re-read when the file changes.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", defaultValue = "${env:LOGLINE_TLS_KEY}",
            description = "The certificate's private key, unencrypted PKCS#8 PEM (env LOGLINE_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with any of: port, data, bind, syslog.port, retention.days, "
                    + "retention.max-bytes, no-auth, store.keys, alerts, dashboards, dashboards.concurrency, store, "
                    + "opensearch.*, kafka.*, redaction, redaction.rules (';'-separated), redaction.key, tls.cert, "
                    + "tls.key, query.timeout, query.max-memory, query.max-groups, query.max-terms, query.max-per-key, "
                    + "query.max-concurrent (docs/CONFIG.md). Flags and LOGLINE_* environment variables win over it.")
    Path config;

    @Mixin
    ScaleOutOptions scaleOut;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (config != null) {
            try {
                applySettingsFile(ServerSettingsFile.read(config));
            } catch (IllegalArgumentException e) {
                return ExitCodes.usage(err, e.getMessage());
            }
        }
        if (retentionDays < 0 || retentionMaxBytes < 0) {
            return ExitCodes.usage(err, "--retention-days and --retention-max-bytes must not be negative");
        }
        EncryptionKeys keys = null;
        if (storeKeys != null && !storeKeys.isBlank()) {
            try {
                keys = EncryptionKeys.load(storeKeys, "--store-keys", System::getenv);
            } catch (IllegalArgumentException e) {
                return ExitCodes.usage(err, e.getMessage());
            }
        }
        AlertSettings alertSettings = AlertSettings.inDataDir(data);
        if (alerts != null) {
            try {
                alertSettings = alertSettings.withFile(AlertsFile.read(alerts));
            } catch (IllegalArgumentException e) {
                return ExitCodes.usage(err, e.getMessage());
            }
        }
        RedactionPolicy redactionPolicy;
        try {
            redactionPolicy = redaction.policy();
        } catch (IllegalArgumentException e) {
            return ExitCodes.usage(err, e.getMessage());
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            return ExitCodes.usage(err, "--tls-cert and --tls-key go together: give the certificate chain and its "
                    + "private key (PEM), or neither for plain HTTP");
        }
        if (port < 0 || port > 65_535) {
            return ExitCodes.usage(err, "--port must be 0..65535, was " + port);
        }
        if (dashboardConcurrency < 1 || dashboardConcurrency > 64) {
            return ExitCodes.usage(err, "--dashboard-concurrency must be 1..64, was " + dashboardConcurrency);
        }
        if (dashboards != null && !Files.isDirectory(dashboards)) {
            return ExitCodes.usage(err, "--dashboards " + dashboards + " is not a folder; give the folder that holds "
                    + "the dashboards' .json files");
        }
        if (syslogPort < -1 || syslogPort > 65_535) {
            return ExitCodes.usage(err, "--syslog-port must be 0..65535, was " + syslogPort);
        }
        boolean opensearch;
        KafkaCollectorConfig kafka;
        try {
            opensearch = scaleOut.opensearch();
            kafka = scaleOut.kafka();
        } catch (IllegalArgumentException e) {
            return ExitCodes.usage(err, e.getMessage());
        }
        if (opensearch && keys != null) {
            return ExitCodes.usage(err, "--store-keys encrypts the embedded store; with --store opensearch, "
                    + "encryption at rest is the OpenSearch cluster's own setting");
        }
        ServerConfig serverConfig;
        try {
            serverConfig = queryLimits.applyTo(ServerConfig.defaults().withPort(port).withBindAddress(bind));
        } catch (IllegalArgumentException e) {
            return ExitCodes.usage(err, e.getMessage());
        }
        try {
            Files.createDirectories(data);
        } catch (IOException e) {
            err.println("error: " + StartupProblem.dataDirectory(data, e));
            err.flush();
            return ExitCodes.STARTUP_FAILED;
        }
        LogStore store;
        try {
            store = opensearch ? scaleOut.openOpenSearch(retentionDays)
                    : ColumnarLogStore.open(ColumnarStoreConfig.defaults(data).toBuilder()
                    .retentionDays(retentionDays)
                    .retentionMaxBytes(retentionMaxBytes)
                    .encryptionKeys(keys)
                    .build());
        } catch (RuntimeException e) {
            err.println("error: cannot open the store " + (opensearch ? "on OpenSearch " + scaleOut.opensearchUrl
                    : "in " + data.toAbsolutePath()) + ": " + e.getMessage());
            return ExitCodes.STARTUP_FAILED;
        }
        LoglineServer server;
        try {
            SyslogConfig syslog = syslogPort < 0 ? SyslogConfig.defaults()
                    : SyslogConfig.defaults().withEnabled(true).withBindAddress(bind).withPort(syslogPort);
            LoglineServer.Builder builder = LoglineServer.builder()
                    .config(serverConfig)
                    .store(store)
                    .syslog(syslog)
                    .auth(AuthSettings.inDataDir(data).withDisabled(noAuth))
                    .alerts(alertSettings)
                    .redaction(redactionPolicy)
                    .tls(tlsCert == null ? null : new TlsSettings(tlsCert, tlsKey))
                    .documents(DocumentStore.in(data))
                    .dashboards(DashboardSettings.defaults().withProvisionedFolder(dashboards)
                            .withPanelConcurrency(dashboardConcurrency));
            if (kafka != null) {
                builder.kafka(kafka);
            }
            server = builder.build().start();
        } catch (UnprotectedBindException | KeyFileException | TlsFilesException e) {
            store.close();
            err.println("error: " + e.getMessage());
            return ExitCodes.STARTUP_FAILED;
        } catch (RuntimeException e) {
            store.close();
            err.println("error: " + StartupProblem.serverStart(e, bind, port));
            err.flush();
            return ExitCodes.STARTUP_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            shutDown(server, store);
            stopped.countDown();
        }, "logline-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
        out.println("Logline " + LoglineVersion.version() + " listening on " + bind + ":" + server.port()
                + (opensearch ? ", events in OpenSearch " + scaleOut.opensearchUrl + ", keys in "
                : ", data in ") + data.toAbsolutePath().normalize());
        if (kafka != null) {
            out.println("Kafka:   reading " + kafka.describe());
        }
        out.println("Web UI:  " + server.scheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.port() + "/");
        if (server.tls() != null) {
            out.println("TLS:     " + tlsCert.toAbsolutePath().normalize() + ", valid until " + server.tls().notAfter()
                    + " (re-read when it changes; syslog over TCP is TLS too)");
        }
        out.println("Auth:    " + describeAuth(server.auth()));
        out.println("Redact:  " + RedactionOptions.describe(redactionPolicy));
        out.println("Queries: " + QueryLimitOptions.describe(serverConfig));
        out.println("Alerts:  " + describeAlerts(server));
        if (dashboards != null) {
            out.println("Dashboards: provisioned read-only from " + dashboards.toAbsolutePath().normalize());
        }
        out.println("Storage: " + (opensearch ? "OpenSearch (encryption at rest is the cluster's own setting)"
                : keys == null ? "not encrypted (--store-keys encrypts it)"
                : "encrypted at rest (AES-256-GCM, sealing with key " + keys.active().id() + ")"));
        out.println("Send logs: POST /api/v1/ingest (NDJSON), /_bulk, /loki/api/v1/push, /v1/logs (OTLP)"
                + (server.syslog() == null ? "" : ", syslog on port " + server.syslog().tcpPort() + " (TCP and UDP)")
                + ". Ctrl-C stops.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            // Interrupted by an embedding caller (tests): stop as Ctrl-C would.
            Runtime.getRuntime().removeShutdownHook(hook);
            shutDown(server, store);
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    /** Takes each setting from the file unless a flag or an environment variable already gave it. */
    private void applySettingsFile(ServerSettingsFile file) {
        if (fromFile("--port", "LOGLINE_PORT", file, "port")) {
            port = file.getInt("port", port);
        }
        if (fromFile("--data", "LOGLINE_DATA", file, "data")) {
            data = Path.of(file.get("data"));
        }
        if (fromFile("--bind", "LOGLINE_BIND", file, "bind")) {
            bind = file.get("bind");
        }
        if (fromFile("--syslog-port", "LOGLINE_SYSLOG_PORT", file, "syslog.port")) {
            syslogPort = file.getInt("syslog.port", syslogPort);
        }
        if (fromFile("--retention-days", "LOGLINE_RETENTION_DAYS", file, "retention.days")) {
            retentionDays = file.getInt("retention.days", retentionDays);
        }
        if (fromFile("--retention-max-bytes", "LOGLINE_RETENTION_MAX_BYTES", file, "retention.max-bytes")) {
            retentionMaxBytes = file.getLong("retention.max-bytes", retentionMaxBytes);
        }
        if (fromFile("--no-auth", "LOGLINE_NO_AUTH", file, "no-auth")) {
            noAuth = file.getBoolean("no-auth");
        }
        if (fromFile("--store-keys", "LOGLINE_STORE_KEYS", file, "store.keys")) {
            storeKeys = file.get("store.keys");
        }
        if (fromFile("--alerts", "LOGLINE_ALERTS", file, "alerts")) {
            alerts = Path.of(file.get("alerts"));
        }
        if (fromFile("--dashboards", "LOGLINE_DASHBOARDS", file, "dashboards")) {
            dashboards = Path.of(file.get("dashboards"));
        }
        if (fromFile("--dashboard-concurrency", "LOGLINE_DASHBOARD_CONCURRENCY", file, "dashboards.concurrency")) {
            dashboardConcurrency = (int) file.getLong("dashboards.concurrency", dashboardConcurrency);
        }
        scaleOut.apply(file, (flagAndEnv, key) -> fromFile(flagAndEnv[0], flagAndEnv[1], file, key));
        if (fromFile("--tls-cert", "LOGLINE_TLS_CERT", file, "tls.cert")) {
            tlsCert = Path.of(file.get("tls.cert"));
        }
        if (fromFile("--tls-key", "LOGLINE_TLS_KEY", file, "tls.key")) {
            tlsKey = Path.of(file.get("tls.key"));
        }
        if (fromFile("--redaction", "LOGLINE_REDACTION", file, "redaction")) {
            redaction.mode = file.get("redaction");
        }
        if (file.get("redaction.rules") != null && !spec.commandLine().getParseResult().hasMatchedOption("--redact")) {
            redaction.rules.add(file.get("redaction.rules"));
        }
        if (fromFile("--redaction-key", "LOGLINE_REDACTION_KEY", file, "redaction.key")) {
            redaction.key = file.get("redaction.key");
        }
        for (String[] k : QueryLimitOptions.FILE_KEYS) {
            if (fromFile(k[1], k[2], file, k[0])) {
                queryLimits.set(k[0], file.get(k[0]));
            }
        }
    }

    private boolean fromFile(String flag, String env, ServerSettingsFile file, String key) {
        return file.get(key) != null
                && !spec.commandLine().getParseResult().hasMatchedOption(flag)
                && (env == null || System.getenv(env) == null);
    }

    private String describeAlerts(LoglineServer server) {
        int fromFile = 0;
        for (String tenant : server.alerts().repository().tenants()) {
            fromFile += (int) server.alerts().repository().rules(tenant).stream().filter(r -> r.rule().provisioned()).count();
        }
        return (alerts == null ? "rules from the API and UI" : fromFile + " rule(s) from " + alerts + ", more from the API and UI")
                + "; see /api/v1/alerts";
    }

    private String describeAuth(ApiKeyAuthorizer auth) {
        if (noAuth) {
            return "off (--no-auth): every request is served without a key";
        }
        if (auth.enforcing()) {
            return "API keys required (" + auth.keys().activeKeys() + " active in " + auth.keys().file().path()
                    + "); audit log in " + data.resolve("audit.log");
        }
        return "none needed on loopback until a key exists (`logline keys create --data " + data + " --role admin`)";
    }

    private static void shutDown(LoglineServer server, LogStore store) {
        try {
            server.close();
        } finally {
            try {
                store.close();
            } catch (IOException e) {
                System.err.println("logline: closing the store failed: " + e.getMessage());
            }
        }
    }
}
