package dev.logline.server.collect.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A single-node KRaft Kafka (broker and controller in one) in a test's directory, on free loopback ports; it can be
 * stopped and started again on the same ports and logs, as a broker restart.
 * Formatting the storage runs Kafka's own {@code StorageTool}, which ends with {@code Exit.exit}: the exit procedures
 * are replaced while it runs so it cannot end the test JVM.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Thrown by the replaced exit procedure instead of ending the JVM. */
    private static final class ExitCalled extends RuntimeException {
        final int code;

        ExitCalled(int code, String message) {
            super("Kafka tried to exit with " + code + (message == null ? "" : ": " + message));
            this.code = code;
        }
    }

    private final Properties config;
    private final int port;
    private KafkaRaftServer server;

    private KafkaBroker(Properties config, int port) {
        this.config = config;
        this.port = port;
    }

    public static KafkaBroker start(Path dir) throws IOException {
        int port = freePort();
        int controllerPort = freePort();
        Files.createDirectories(dir);
        Path logs = dir.resolve("logs");
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logs.toString());
        p.put("num.partitions", "3");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            p.store(out, "in-process test broker");
        }
        format(config);
        KafkaBroker broker = new KafkaBroker(p, port);
        broker.startServer();
        return broker;
    }

    private synchronized void startServer() {
        server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
        server.startup();
    }

    /** Stops the broker (clients see it go away) and starts it again on the same ports and logs. */
    public void restart() {
        stop();
        startServer();
    }

    private synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private static void format(Path config) {
        Exit.setExitProcedure((code, message) -> {
            throw new ExitCalled(code, message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new ExitCalled(code, message);
        });
        try {
            StorageTool.main(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()});
        } catch (ExitCalled e) {
            if (e.code != 0) {
                throw e;
            }
        } finally {
            Exit.resetExitProcedure();
            Exit.resetHaltProcedure();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
