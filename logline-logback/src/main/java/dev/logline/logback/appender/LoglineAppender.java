package dev.logline.logback.appender;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.joran.spi.DefaultClass;
import dev.logline.core.crypto.EncryptionKeys;
import dev.logline.core.tls.ClientTls;
import dev.logline.logback.LoglineEncoder;
import dev.logline.logback.appender.spool.DiskSpool;
import dev.logline.logback.appender.spool.SpoolListener;
import dev.logline.logback.appender.transport.ApiKeySource;
import dev.logline.logback.appender.transport.Compression;
import dev.logline.logback.appender.transport.HttpIngestTransport;
import dev.logline.logback.appender.transport.OtlpHttpTransport;
import dev.logline.logback.appender.transport.Transport;
import dev.logline.logback.appender.transport.TransportSettings;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ships events to a Logline server (or an OTLP endpoint, or Kafka) without blocking the application: the calling
 * thread only fixes the event's deferred parts (message, thread name, MDC) and puts it in a bounded lock-free queue;
 * one sender thread encodes, batches, compresses and sends, retries with backoff, and spools to disk whenever the
 * queue overflows or the receiver is away.
 *
 * <p>Every setting is a logback.xml element (see docs/CONFIG.md, "Appender"); bad values are reported through
 * Logback's status system in {@link #start()}. {@link #append} never throws and, unless {@code onFull=block},
 * never waits for I/O other than a spool write when the queue is full. Self-metrics: {@link #metrics()} and the
 * MXBean {@code dev.logline:type=LoglineAppender,name=<name>}.
 */
public class LoglineAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** The transports {@code transport} may name. */
    enum TransportKind { HTTP, OTLP, KAFKA }

    private String url;
    private String apiKey;
    private String apiKeyFile;
    /** What the transports read the key from; set() at run time takes effect on the next request. */
    private volatile ApiKeySource keys;
    private String transport = "http";
    private int queueSize = 8192;
    private int batchSize = 1000;
    private long lingerMs = 200;
    private String compression = "gzip";
    private String onFull = "spool";
    private long blockTimeoutMs = 1000;
    private String spoolDir;
    private String spoolKeys;
    private String caFile;
    private long spoolMaxBytes = 256L * 1024 * 1024;
    private String service;
    private String env;
    private String version;
    private long flushTimeoutMs = 5000;
    private long requestTimeoutMs = 10_000;
    private long connectTimeoutMs = 5000;
    private long maxBackoffMs = 30_000;
    private long statusIntervalMs = 60_000;
    private String topic = "logline";
    private final Map<String, String> kafkaProperties = new LinkedHashMap<>();
    private boolean jmx = true;
    private Encoder<ILoggingEvent> encoder;

    private final AppenderMetrics metrics = new AppenderMetrics();
    private final AtomicLong encodeErrors = new AtomicLong();
    private OnFull fullPolicy;
    private EventQueue<ILoggingEvent> queue;
    private DiskSpool spool;
    private Transport sink;
    private Sender sender;
    private EventQueue.Spill<ILoggingEvent> spillToDisk;
    private Thread senderThread;
    private String ownThreadPrefix;
    private String kafkaThreadSuffix;
    private ObjectName mbeanName;
    private Thread shutdownHook;

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        String n = getName() == null ? "logline" : getName();
        TransportKind kind = parseTransport();
        if (url == null || url.isBlank()) {
            addError("LoglineAppender[" + n + "]: <url> is required (e.g. http://127.0.0.1:4680, or Kafka's"
                    + " host:9092 with transport=kafka); the appender is not started");
            return;
        }
        if (kind != TransportKind.KAFKA && !isHttpUrl(url.trim())) {
            addError("LoglineAppender[" + n + "]: <url> '" + url + "' is not an http:// or https:// URL;"
                    + " the appender is not started");
            return;
        }
        if (kind == TransportKind.KAFKA && !kafkaPresent()) {
            addError("LoglineAppender[" + n + "]: transport=kafka needs org.apache.kafka:kafka-clients on the"
                    + " classpath; the appender is not started");
            return;
        }
        queueSize = atLeast("queueSize", queueSize, 1, 8192);
        batchSize = atLeast("batchSize", batchSize, 1, 1000);
        lingerMs = atLeast("lingerMs", lingerMs, 0, 200);
        blockTimeoutMs = atLeast("blockTimeoutMs", blockTimeoutMs, 0, 1000);
        spoolMaxBytes = atLeast("spoolMaxBytes", spoolMaxBytes, 0, 256L * 1024 * 1024);
        flushTimeoutMs = atLeast("flushTimeoutMs", flushTimeoutMs, 0, 5000);
        requestTimeoutMs = atLeast("requestTimeoutMs", requestTimeoutMs, 1, 10_000);
        connectTimeoutMs = atLeast("connectTimeoutMs", connectTimeoutMs, 1, 5000);
        maxBackoffMs = atLeast("maxBackoffMs", maxBackoffMs, 100, 30_000);
        statusIntervalMs = atLeast("statusIntervalMs", statusIntervalMs, 0, 60_000);
        fullPolicy = OnFull.fromSettingName(onFull);
        if (fullPolicy == null) {
            addError("LoglineAppender[" + n + "]: unknown onFull '" + onFull + "': use spool, drop or block."
                    + " Using spool.");
            fullPolicy = OnFull.SPOOL;
        }
        Compression codec = Compression.fromSettingName(compression);
        if (codec == null) {
            addError("LoglineAppender[" + n + "]: unknown compression '" + compression + "': use gzip, zstd or"
                    + " none. Using gzip.");
            codec = Compression.GZIP;
        } else if (kind != TransportKind.KAFKA && !codec.isAvailable()) {
            addError("LoglineAppender[" + n + "]: compression=zstd needs com.github.luben:zstd-jni on the"
                    + " classpath. Using gzip.");
            codec = Compression.GZIP;
        }
        if (!startEncoder()) {
            return;
        }

        ownThreadPrefix = "logline-appender-" + n;
        kafkaThreadSuffix = "| " + ownThreadPrefix;
        queue = new EventQueue<>(queueSize, batchSize);
        spool = openSpool(n);
        if (spool == null && fullPolicy == OnFull.SPOOL) {
            fullPolicy = OnFull.DROP;
        }
        javax.net.ssl.SSLContext tls = null;
        if (caFile != null && !caFile.isBlank()) {
            try {
                tls = ClientTls.context(Paths.get(caFile.trim()), "caFile");
            } catch (IllegalArgumentException e) {
                // Told whom to trust and unable to: never fall back to trusting anyone else.
                addError("LoglineAppender[" + n + "]: " + e.getMessage() + "; the appender is not started");
                closeSpool();
                return;
            }
        }
        keys = new ApiKeySource(apiKey, apiKeyFile == null || apiKeyFile.isBlank() ? null : Paths.get(apiKeyFile.trim()));
        TransportSettings settings = new TransportSettings(url.trim(), keys, codec,
                Duration.ofMillis(connectTimeoutMs), topic, kafkaProperties, tls);
        try {
            sink = createTransport(kind, settings);
        } catch (RuntimeException e) {
            addError("LoglineAppender[" + n + "]: could not create the " + kind.name().toLowerCase(Locale.ROOT)
                    + " transport to " + url + "; the appender is not started", e);
            closeSpool();
            return;
        }
        DiskSpool s = spool;
        metrics.sources(queue::size, () -> s == null ? 0 : s.bytes());
        sender = new Sender(n, queue, this::encode, spool, sink, keys, metrics, this, batchSize, Duration.ofMillis(lingerMs),
                Duration.ofMillis(requestTimeoutMs), Duration.ofMillis(maxBackoffMs),
                Duration.ofMillis(statusIntervalMs));
        spillToDisk = sender::spillEvents;
        senderThread = sender.start(ownThreadPrefix + "-sender");
        registerMBean(n);
        registerShutdownHook(n);
        super.start();
        addInfo("LoglineAppender[" + n + "]: sending to " + sink.describe() + " (onFull="
                + fullPolicy.name().toLowerCase(Locale.ROOT)
                + (spool != null ? ", spool " + spool.directory() : ", no spool") + ")");
    }

    private TransportKind parseTransport() {
        try {
            return TransportKind.valueOf(transport.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            addError("LoglineAppender[" + getName() + "]: unknown transport '" + transport
                    + "': use http, otlp or kafka. Using http.");
            return TransportKind.HTTP;
        }
    }

    private static boolean isHttpUrl(String u) {
        try {
            URI uri = URI.create(u);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean kafkaPresent() {
        try {
            Class.forName("org.apache.kafka.clients.producer.KafkaProducer", false,
                    LoglineAppender.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private Transport createTransport(TransportKind kind, TransportSettings settings) {
        switch (kind) {
            case OTLP:
                return new OtlpHttpTransport(settings, ownThreadPrefix + "-http");
            case KAFKA:
                // Only referenced here, so kafka-clients is loaded only when chosen.
                return dev.logline.logback.appender.kafka.KafkaTransport.create(settings, ownThreadPrefix);
            default:
                return new HttpIngestTransport(settings, ownThreadPrefix + "-http");
        }
    }

    private boolean startEncoder() {
        if (encoder instanceof LayoutWrappingEncoder) {
            // Logback gives an <encoder> without class= a PatternLayoutEncoder: text lines a server cannot read.
            addError("LoglineAppender[" + getName() + "]: the encoder must write JSON lines, but "
                    + encoder.getClass().getName() + " writes text; use <encoder class=\""
                    + LoglineEncoder.class.getName() + "\">. Using LoglineEncoder with its defaults.");
            encoder = null;
        }
        if (encoder == null) {
            LoglineEncoder e = new LoglineEncoder();
            e.setContext(getContext());
            encoder = e;
        }
        if (encoder instanceof LoglineEncoder le && (service != null || env != null || version != null)) {
            // The appender's service/env/version win over the encoder's: restart it with them.
            le.stop();
            if (service != null) {
                le.setService(service);
            }
            if (env != null) {
                le.setEnv(env);
            }
            if (version != null) {
                le.setVersion(version);
            }
        }
        if (encoder.getContext() == null) {
            encoder.setContext(getContext());
        }
        if (!encoder.isStarted()) {
            encoder.start();
        }
        if (!encoder.isStarted()) {
            addError("LoglineAppender[" + getName() + "]: the encoder did not start; the appender is not started");
            return false;
        }
        return true;
    }

    private DiskSpool openSpool(String n) {
        if (spoolMaxBytes == 0) {
            return null;
        }
        Path dir = spoolDir != null && !spoolDir.isBlank() ? Paths.get(spoolDir.trim())
                : Paths.get(System.getProperty("java.io.tmpdir"), "logline-spool", n);
        EncryptionKeys keys = null;
        if (spoolKeys != null && !spoolKeys.isBlank()) {
            try {
                keys = EncryptionKeys.load(spoolKeys, "spoolKeys", System::getenv);
            } catch (IllegalArgumentException e) {
                // Asked to encrypt and cannot: write nothing to disk rather than write it in clear.
                addError("LoglineAppender[" + n + "]: " + e.getMessage() + "; running without a spool, a full queue"
                        + " drops events");
                return null;
            }
        }
        try {
            return DiskSpool.open(dir, spoolMaxBytes, new SpoolListener() {
                @Override
                public void warn(String message) {
                    addWarn("LoglineAppender[" + n + "]: " + message);
                    metrics.error(message);
                }

                @Override
                public void dropped(long events) {
                    metrics.dropped(events);
                    addWarn("LoglineAppender[" + n + "]: spool over spoolMaxBytes=" + spoolMaxBytes
                            + ": dropped its oldest " + events + " events");
                }
            }, keys);
        } catch (IOException | RuntimeException e) {
            addWarn("LoglineAppender[" + n + "]: cannot use spool directory " + dir + " (" + e.getMessage()
                    + "); running without a spool, a full queue drops events");
            return null;
        }
    }

    private void registerMBean(String n) {
        if (!jmx) {
            return;
        }
        try {
            ObjectName name = new ObjectName("dev.logline:type=LoglineAppender,name=" + ObjectName.quote(n));
            ManagementFactory.getPlatformMBeanServer().registerMBean(metrics, name);
            mbeanName = name;
        } catch (JMException | RuntimeException e) {
            addWarn("LoglineAppender[" + n + "]: metrics not registered in JMX: " + e.getMessage());
        }
    }

    private void registerShutdownHook(String n) {
        Thread hook = new Thread(this::stop, ownThreadPrefix + "-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        } catch (IllegalStateException shuttingDown) {
            addWarn("LoglineAppender[" + n + "]: started during JVM shutdown; no flush hook");
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        String thread = Thread.currentThread().getName();
        if (thread.startsWith(ownThreadPrefix) || thread.endsWith(kafkaThreadSuffix)) {
            // Our own transport's logging (HTTP or Kafka client): shipping it would feed back into itself.
            return;
        }
        try {
            // What an asynchronous appender must fix before another thread reads the event (Logback's
            // AsyncAppender does the same): the formatted message, the thread name, the MDC snapshot.
            event.prepareForDeferredProcessing();
            int level = levelRank(event.getLevel());
            switch (fullPolicy) {
                case SPOOL:
                    queue.offerOrSpill(level, event, spillToDisk);
                    break;
                case DROP:
                    int dropped = queue.offerDroppingLeastSevere(level, event);
                    if (dropped > 0) {
                        metrics.dropped(dropped);
                    }
                    break;
                default:
                    // Try without waiting first: an interrupted caller (a stopping AsyncAppender) still gets in.
                    if (!queue.offer(level, event) && !queue.offer(level, event, blockTimeoutMs, TimeUnit.MILLISECONDS)) {
                        metrics.dropped(1);
                    }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.dropped(1);
        } catch (RuntimeException e) {
            metrics.dropped(1);
            metrics.error("queueing failed: " + e);
            if (encodeErrors.getAndIncrement() < 3) {
                addError("LoglineAppender[" + getName() + "]: could not queue an event; it is dropped", e);
            }
        }
    }

    /**
     * Encodes queued events on the sender thread (or on a thread spilling a full queue); an event the encoder
     * fails on is dropped, counted and reported (the first three), and the others go on.
     */
    private List<byte[]> encode(List<ILoggingEvent> events) {
        List<byte[]> lines = new ArrayList<>(events.size());
        for (ILoggingEvent event : events) {
            try {
                byte[] line = encoder.encode(event);
                if (line != null && line.length > 0) {
                    lines.add(line);
                }
            } catch (RuntimeException e) {
                metrics.dropped(1);
                metrics.error("encoding failed: " + e);
                if (encodeErrors.getAndIncrement() < 3) {
                    addError("LoglineAppender[" + getName() + "]: could not encode an event; it is dropped", e);
                }
            }
        }
        return lines;
    }

    private static int levelRank(Level level) {
        if (level == null) {
            return 2;
        }
        switch (level.toInt()) {
            case Level.TRACE_INT: return 0;
            case Level.DEBUG_INT: return 1;
            case Level.INFO_INT: return 2;
            case Level.WARN_INT: return 3;
            default: return 4;
        }
    }

    /**
     * Stops taking events, delivers what is queued within {@code flushTimeoutMs}, spools what could not be sent
     * and releases every thread and file.
     */
    @Override
    public void stop() {
        synchronized (this) {
            if (!isStarted()) {
                return;
            }
            super.stop();
        }
        boolean ended = sender.stop(Duration.ofMillis(flushTimeoutMs));
        if (!ended) {
            addError("LoglineAppender[" + getName() + "]: the sender thread did not end in time");
        }
        sink.close();
        closeSpool();
        if (mbeanName != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(mbeanName);
            } catch (JMException | RuntimeException ignored) {
                // already gone (the platform server was reset): nothing to release
            }
            mbeanName = null;
        }
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; the hook runs and finds the appender stopped
            }
        }
        shutdownHook = null;
    }

    private void closeSpool() {
        if (spool != null) {
            try {
                spool.close();
            } catch (IOException e) {
                addWarn("LoglineAppender[" + getName() + "]: closing the spool failed: " + e.getMessage());
            }
        }
    }

    private long atLeast(String setting, long value, long min, long dflt) {
        if (value < min) {
            addError("LoglineAppender[" + getName() + "]: " + setting + " must be at least " + min + ", was " + value
                    + ". Using " + dflt + ".");
            return dflt;
        }
        return value;
    }

    private int atLeast(String setting, int value, int min, int dflt) {
        return (int) atLeast(setting, (long) value, min, dflt);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The self-metrics: sent, failed, dropped, spooled, queue depth, last error. */
    public AppenderMetrics metrics() {
        return metrics;
    }

    /** The sender thread while started (for tests checking that stop() leaves no thread behind). */
    Thread senderThread() {
        return senderThread;
    }

    /** Base URL of the server ({@code http://host:4680}); for {@code transport=kafka} the bootstrap servers. */
    public void setUrl(String url) {
        this.url = url;
    }

    /**
     * API key with the ingest role, sent as {@code Authorization: Bearer}. May be called while the appender runs
     * (a key rotated or created after start): the next request sends the new key, and events held back by a refused
     * key (401/403) go out with it.
     */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
        ApiKeySource k = keys;
        if (k != null) {
            k.set(apiKey);
        }
    }

    /**
     * A file whose first line is the API key, read again whenever it changes (a mounted secret, a key an operator
     * writes after the server began to require keys); when present it wins over {@code apiKey}.
     */
    public void setApiKeyFile(String apiKeyFile) {
        this.apiKeyFile = apiKeyFile;
    }

    /** {@code http} (default: Logline's NDJSON ingest), {@code otlp} (OTLP/HTTP JSON) or {@code kafka}. */
    public void setTransport(String transport) {
        this.transport = transport;
    }

    /** Events held in memory before {@code onFull} applies (default 8192). */
    public void setQueueSize(int queueSize) {
        this.queueSize = queueSize;
    }

    /** Most events per request (default 1000). */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /** How long a partial batch waits for more events before it is sent (default 200 ms). */
    public void setLingerMs(long lingerMs) {
        this.lingerMs = lingerMs;
    }

    /** Request body compression: {@code gzip} (default), {@code zstd} (needs zstd-jni) or {@code none}. */
    public void setCompression(String compression) {
        this.compression = compression;
    }

    /** Full-queue policy: {@code spool} (default), {@code drop} or {@code block}. */
    public void setOnFull(String onFull) {
        this.onFull = onFull;
    }

    /** With {@code onFull=block}: how long logging waits for room before the event is dropped (default 1000). */
    public void setBlockTimeoutMs(long blockTimeoutMs) {
        this.blockTimeoutMs = blockTimeoutMs;
    }

    /** Directory of the disk spool; default {@code ${java.io.tmpdir}/logline-spool/<appender name>}. */
    public void setSpoolDir(String spoolDir) {
        this.spoolDir = spoolDir;
    }

    /** Cap of the spool's files (default 256 MiB); the oldest are dropped beyond it; 0 disables the spool. */
    /**
     * Encrypts the spool (AES-256-GCM): {@code env:NAME} or {@code file:PATH} naming key text — entries
     * {@code <id>:<base64 of 32 bytes>}, the first seals, all open (rotation: put the new key first, drop the old
     * once the spool drained) — or the key text itself. Unset: the spool is written in clear.
     */
    public void setSpoolKeys(String spoolKeys) {
        this.spoolKeys = spoolKeys;
    }

    /**
     * The CA certificate (PEM) an {@code https://} server's certificate must be signed by, for a private CA or a
     * self-signed server; unset: the JDK's trust store. Host names are always checked.
     */
    public void setCaFile(String caFile) {
        this.caFile = caFile;
    }

    public void setSpoolMaxBytes(long spoolMaxBytes) {
        this.spoolMaxBytes = spoolMaxBytes;
    }

    /** Service name given to the encoder (wins over the encoder's own setting). */
    public void setService(String service) {
        this.service = service;
    }

    /** Deployment environment given to the encoder. */
    public void setEnv(String env) {
        this.env = env;
    }

    /** Service version given to the encoder. */
    public void setVersion(String version) {
        this.version = version;
    }

    /** How long stop() (and JVM shutdown) may spend delivering what is queued (default 5000 ms). */
    public void setFlushTimeoutMs(long flushTimeoutMs) {
        this.flushTimeoutMs = flushTimeoutMs;
    }

    /** How long one request may take (default 10000 ms). */
    public void setRequestTimeoutMs(long requestTimeoutMs) {
        this.requestTimeoutMs = requestTimeoutMs;
    }

    /** How long opening a connection may take (default 5000 ms). */
    public void setConnectTimeoutMs(long connectTimeoutMs) {
        this.connectTimeoutMs = connectTimeoutMs;
    }

    /** Longest wait between retries (default 30000 ms); waits grow from 100 ms, doubling, with jitter. */
    public void setMaxBackoffMs(long maxBackoffMs) {
        this.maxBackoffMs = maxBackoffMs;
    }

    /** How often the metrics are summarised to the status system when they changed (default 60000; 0 = off). */
    public void setStatusIntervalMs(long statusIntervalMs) {
        this.statusIntervalMs = statusIntervalMs;
    }

    /** Kafka topic (default {@code logline}). */
    public void setTopic(String topic) {
        this.topic = topic;
    }

    /** A Kafka producer property {@code key=value}; repeat the element for more. */
    public void addKafkaProperty(String property) {
        int eq = property == null ? -1 : property.indexOf('=');
        if (eq <= 0) {
            addError("LoglineAppender[" + getName() + "]: kafkaProperty '" + property
                    + "' is not key=value; ignored");
            return;
        }
        kafkaProperties.put(property.substring(0, eq).trim(), property.substring(eq + 1).trim());
    }

    /** Register the metrics MXBean (default true). */
    public void setJmx(boolean jmx) {
        this.jmx = jmx;
    }

    /**
     * The encoder of each event; default a {@link LoglineEncoder} in the logline preset. In logback.xml write
     * {@code <encoder class="dev.logline.logback.LoglineEncoder">}: Logback's own default for {@code <encoder>}
     * is a text encoder, which is refused.
     */
    @DefaultClass(LoglineEncoder.class)
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    public Encoder<ILoggingEvent> getEncoder() {
        return encoder;
    }
}
