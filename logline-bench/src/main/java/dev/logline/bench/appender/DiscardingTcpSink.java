package dev.logline.bench.appender;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/** A TCP listener on a random loopback port that reads whatever its clients send and throws it away, counting bytes. */
final class DiscardingTcpSink implements AutoCloseable {

    private final ServerSocket server;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();

    DiscardingTcpSink() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "bench-tcp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String destination() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    long bytes() {
        return bytes.get();
    }

    long connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                Thread reader = new Thread(() -> drain(s), "bench-tcp-sink-reader");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void drain(Socket s) {
        byte[] buffer = new byte[64 * 1024];
        try (s; InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.addAndGet(n);
            }
        } catch (IOException closed) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
