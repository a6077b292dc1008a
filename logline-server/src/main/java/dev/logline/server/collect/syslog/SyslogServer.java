package dev.logline.server.collect.syslog;

import dev.logline.core.LogEvent;
import dev.logline.server.ingest.EventSink;
import dev.logline.server.ingest.EventTruncator;
import dev.logline.server.ingest.OversizedEvents;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Receives syslog (RFC 5424 and RFC 3164) over TCP (octet counting, or LF- or NUL-terminated framing, detected
 * per connection as RFC 6587 describes) and UDP on a port of its own, and hands the events to the
 * {@link EventSink} in batches. A message over {@code maxMessageBytes} is cut to it and marked {@code _truncated}
 * (or rejected, when the server's limits say to reject oversized events); rejected messages are counted and
 * described in an event of the server's own stream.
 *
 * <p><b>Delivery:</b> syslog has no acknowledgement. A TCP sender learns nothing about whether its messages
 * were stored; the best the server can do is stop reading when the sink is behind (TCP flow control then
 * slows the sender) and retry batches under backpressure. Messages still in a batch when the process dies
 * are lost, and so are UDP datagrams the kernel drops. Senders that need at-least-once delivery should use
 * the HTTP collectors (or RELP-capable shippers in front of them); {@link #stats()} counts every known loss.
 *
 * <p><b>TLS:</b> given a TLS context (the server's certificate), TCP connections are TLS (RFC 5425's syslog over
 * TLS): the handshake runs on the connection's thread, and a client that does not speak TLS is closed after it fails.
 * UDP stays plaintext; bind it to a trusted network only, or switch it off.
 *
 * <p><b>Lifecycle:</b> nothing listens before {@link #start()}; {@link #close()} stops accepting, closes
 * every connection, sends what is pending and waits (bounded) for the sink. Threads: one acceptor, one per
 * TCP connection (bounded by {@code maxConnections}), one UDP reader, one timer for linger and retries.
 */
public final class SyslogServer implements AutoCloseable {

    private static final long DRAIN_MILLIS = 5_000;

    private final SyslogConfig config;
    private final SyslogParser parser;
    private final ScheduledExecutorService timer;
    private final SyslogBatcher batcher;
    private final boolean truncate;
    private final Semaphore connectionSlots;
    private final Supplier<SSLContext> tls;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong oversized = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean running;
    private ServerSocket tcp;
    private DatagramChannel udp;

    public SyslogServer(SyslogConfig config, EventSink sink) {
        this(config, sink, (Supplier<SSLContext>) null);
    }

    /** @param tls the TLS context of TCP connections (read per connection, so a renewed certificate applies), or null */
    public SyslogServer(SyslogConfig config, EventSink sink, Supplier<SSLContext> tls) {
        this(config, sink, Clock.systemUTC(), tls);
    }

    /** A server whose clock (times of receipt, RFC 3164 years) is given, for tests. */
    public SyslogServer(SyslogConfig config, EventSink sink, Clock clock) {
        this(config, sink, clock, null);
    }

    private SyslogServer(SyslogConfig config, EventSink sink, Clock clock, Supplier<SSLContext> tls) {
        this.tls = tls;
        this.config = Objects.requireNonNull(config, "config");
        this.parser = new SyslogParser(clock, config.zone());
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("syslog-timer"));
        this.batcher = new SyslogBatcher(Objects.requireNonNull(sink, "sink"), config.tenant(), config.batchSize(),
                config.maxInFlightBatches(), timer);
        this.connectionSlots = new Semaphore(config.maxConnections());
        this.truncate = sink.limits().oversized() == OversizedEvents.TRUNCATE;
    }

    /**
     * Binds and starts listening (TCP first; UDP on the same port number when one was chosen for TCP).
     *
     * @throws IOException when a port cannot be bound; nothing is left open then
     */
    public synchronized void start() throws IOException {
        if (running) {
            throw new IllegalStateException("already started");
        }
        boolean success = false;
        try {
            int port = config.port();
            if (config.tcp()) {
                tcp = new ServerSocket();
                tcp.setReuseAddress(true);
                tcp.bind(new InetSocketAddress(config.bindAddress(), port), 128);
                port = port == 0 ? tcp.getLocalPort() : port;
            }
            if (config.udp()) {
                udp = bindUdp(port);
            }
            running = true;
            long linger = config.linger().toMillis();
            timer.scheduleWithFixedDelay(this::flushQuietly, linger, Math.max(1, linger), TimeUnit.MILLISECONDS);
            if (tcp != null) {
                daemon("syslog-tcp-accept").newThread(this::acceptLoop).start();
            }
            if (udp != null) {
                daemon("syslog-udp").newThread(this::udpLoop).start();
            }
            success = true;
        } finally {
            if (!success) {
                running = false;
                closeQuietly(tcp);
                closeQuietly(udp);
            }
        }
    }

    private DatagramChannel bindUdp(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
            channel.bind(new InetSocketAddress(config.bindAddress(), port));
        } catch (IOException e) {
            if (config.port() != 0) {
                channel.close();
                throw e;
            }
            channel.bind(new InetSocketAddress(config.bindAddress(), 0)); // the TCP port number was taken for UDP
        }
        return channel;
    }

    /** The bound TCP port, or -1 when TCP is off. */
    public int tcpPort() {
        return tcp == null ? -1 : tcp.getLocalPort();
    }

    /** The bound UDP port, or -1 when UDP is off. */
    public int udpPort() {
        try {
            return udp == null ? -1 : ((InetSocketAddress) udp.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    public SyslogStats stats() {
        return new SyslogStats(received.get(), batcher.stored(), batcher.rejected(), batcher.dropped(), oversized.get(),
                refused.get());
    }

    private void acceptLoop() {
        while (running) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                pause(); // a failed accept (a reset peer, no file descriptors) must not stop the listener or spin
                continue;
            }
            if (!connectionSlots.tryAcquire()) {
                refused.incrementAndGet();
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            daemon("syslog-tcp-" + socket.getRemoteSocketAddress()).newThread(() -> {
                try {
                    readConnection(socket);
                } finally {
                    connections.remove(socket);
                    closeQuietly(socket);
                    connectionSlots.release();
                }
            }).start();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void readConnection(Socket plain) {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(config.maxMessageBytes(), truncate);
        byte[] buf = new byte[64 * 1024];
        Socket socket = plain;
        try {
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.get().getSocketFactory().createSocket(plain, null, plain.getPort(), true);
                ssl.setUseClientMode(false);
                socket = ssl;
                ssl.startHandshake();
            }
        } catch (IOException e) {
            refused.incrementAndGet(); // not TLS, or a handshake the client gave up: nothing was read
            closeQuietly(socket);
            return;
        }
        try (InputStream in = socket.getInputStream()) {
            int n;
            while (running && (n = in.read(buf)) > 0) {
                long before = decoder.oversized();
                decoder.feed(buf, 0, n, this::accept);
                rejectOversized(decoder.oversized() - before);
            }
            long before = decoder.oversized();
            decoder.endOfStream(this::accept);
            rejectOversized(decoder.oversized() - before);
        } catch (SocketException closed) {
            // The peer reset, or close() shut the socket: either way this connection is done.
        } catch (IOException e) {
            // Same: a broken connection ends only itself.
        } catch (StopReading interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void udpLoop() {
        ByteBuffer buf = ByteBuffer.allocate(config.maxMessageBytes() + 1);
        while (running) {
            try {
                buf.clear();
                udp.receive(buf);
                buf.flip();
                boolean cut = buf.remaining() > config.maxMessageBytes();
                if (cut) {
                    rejectOversized(1);
                    if (!truncate) {
                        continue;
                    }
                }
                int len = Math.min(buf.remaining(), config.maxMessageBytes());
                while (len > 0 && (buf.get(len - 1) == '\n' || buf.get(len - 1) == '\r' || buf.get(len - 1) == 0)) {
                    len--;
                }
                if (len > 0) {
                    accept(new SyslogFrameDecoder.Frame(new String(buf.array(), 0, len, StandardCharsets.UTF_8),
                            buf.remaining(), cut));
                }
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            } catch (StopReading interrupted) {
                return;
            }
        }
    }

    private void accept(SyslogFrameDecoder.Frame frame) {
        LogEvent event = parser.parse(frame.text());
        if (frame.truncated()) {
            event = event.toBuilder().attribute(EventTruncator.ATTRIBUTE, true).build();
        }
        try {
            batcher.add(event, Math.min(frame.bytes(), config.maxMessageBytes()));
        } catch (InterruptedException e) {
            throw new StopReading();
        }
        received.incrementAndGet(); // counted once handed on, so a reader of the count finds it pending or sent
    }

    /**
     * Counts messages over {@code maxMessageBytes}; when they are not kept cut, they are rejected with their batch
     * (and so described in the server's own stream).
     */
    private void rejectOversized(long count) {
        oversized.addAndGet(count);
        if (!truncate) {
            for (long i = 0; i < count; i++) {
                received.incrementAndGet();
                batcher.reject("a message is over the syslog limit of " + config.maxMessageBytes()
                        + " bytes; raise maxMessageBytes or send shorter messages");
            }
        }
    }

    /** Unwinds a reader thread out of the frame decoder's callback when it is interrupted during shutdown. */
    private static final class StopReading extends RuntimeException {
        StopReading() {
            super(null, null, false, false);
        }
    }

    private void flushQuietly() {
        try {
            batcher.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        boolean wasRunning = running;
        running = false;
        closeQuietly(tcp);
        closeQuietly(udp);
        connections.forEach(SyslogServer::closeQuietly);
        if (wasRunning) {
            try {
                batcher.drain(DRAIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timer.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing during shutdown: nothing useful to do with a failure.
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
