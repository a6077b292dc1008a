package dev.logline.server.collect.syslog;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Settings of the syslog listener. Off by default: syslog has no authentication, so it is opened on purpose.
 *
 * @param enabled            whether the server starts the listener at all (default {@code false})
 * @param bindAddress        the address to listen on (default {@code 0.0.0.0})
 * @param port               the TCP and UDP port (default 5514; 0 picks free ports, for tests)
 * @param tcp                whether to listen on TCP (default {@code true})
 * @param udp                whether to listen on UDP (default {@code true})
 * @param maxMessageBytes    longest message kept whole; longer ones are cut to it and marked {@code _truncated}, or
 *                           rejected when the server rejects oversized events (default 64 KiB)
 * @param maxConnections     concurrent TCP connections; more are closed at once (default 256)
 * @param batchSize          events per call to the sink (default 500)
 * @param linger             longest wait before a partial batch is sent (default 200 ms)
 * @param maxInFlightBatches batches awaiting the sink before reading pauses, which pushes back on TCP senders (default 4)
 * @param tenant             the tenant syslog events belong to (default {@code default})
 * @param zone               the zone RFC 3164 timestamps, which carry none, are read in (default UTC)
 */
public record SyslogConfig(boolean enabled, String bindAddress, int port, boolean tcp, boolean udp,
                           int maxMessageBytes, int maxConnections, int batchSize, Duration linger,
                           int maxInFlightBatches, String tenant, ZoneId zone) {

    public SyslogConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(linger, "linger");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(zone, "zone");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("syslog port must be 0..65535, was " + port);
        }
        if (maxMessageBytes < 480 || maxConnections < 1 || batchSize < 1 || maxInFlightBatches < 1) {
            throw new IllegalArgumentException("syslog limits must be positive (maxMessageBytes at least 480, as RFC 5424 asks)");
        }
    }

    /** The documented defaults: disabled, port 5514 on all addresses, TCP and UDP. */
    public static SyslogConfig defaults() {
        return new SyslogConfig(false, "0.0.0.0", 5514, true, true, 64 * 1024, 256, 500,
                Duration.ofMillis(200), 4, "default", ZoneId.of("UTC"));
    }

    public SyslogConfig withEnabled(boolean v) {
        return new SyslogConfig(v, bindAddress, port, tcp, udp, maxMessageBytes, maxConnections, batchSize, linger, maxInFlightBatches, tenant, zone);
    }

    public SyslogConfig withBindAddress(String v) {
        return new SyslogConfig(enabled, v, port, tcp, udp, maxMessageBytes, maxConnections, batchSize, linger, maxInFlightBatches, tenant, zone);
    }

    public SyslogConfig withPort(int v) {
        return new SyslogConfig(enabled, bindAddress, v, tcp, udp, maxMessageBytes, maxConnections, batchSize, linger, maxInFlightBatches, tenant, zone);
    }

    public SyslogConfig withTcp(boolean v) {
        return new SyslogConfig(enabled, bindAddress, port, v, udp, maxMessageBytes, maxConnections, batchSize, linger, maxInFlightBatches, tenant, zone);
    }

    public SyslogConfig withUdp(boolean v) {
        return new SyslogConfig(enabled, bindAddress, port, tcp, v, maxMessageBytes, maxConnections, batchSize, linger, maxInFlightBatches, tenant, zone);
    }

    public SyslogConfig withMaxMessageBytes(int v) {
        return new SyslogConfig(enabled, bindAddress, port, tcp, udp, v, maxConnections, batchSize, linger, maxInFlightBatches, tenant, zone);
    }

    public SyslogConfig withMaxConnections(int v) {
        return new SyslogConfig(enabled, bindAddress, port, tcp, udp, maxMessageBytes, v, batchSize, linger, maxInFlightBatches, tenant, zone);
    }

    public SyslogConfig withBatchSize(int v) {
        return new SyslogConfig(enabled, bindAddress, port, tcp, udp, maxMessageBytes, maxConnections, v, linger, maxInFlightBatches, tenant, zone);
    }

    public SyslogConfig withLinger(Duration v) {
        return new SyslogConfig(enabled, bindAddress, port, tcp, udp, maxMessageBytes, maxConnections, batchSize, v, maxInFlightBatches, tenant, zone);
    }

    public SyslogConfig withMaxInFlightBatches(int v) {
        return new SyslogConfig(enabled, bindAddress, port, tcp, udp, maxMessageBytes, maxConnections, batchSize, linger, v, tenant, zone);
    }

    public SyslogConfig withTenant(String v) {
        return new SyslogConfig(enabled, bindAddress, port, tcp, udp, maxMessageBytes, maxConnections, batchSize, linger, maxInFlightBatches, v, zone);
    }

    public SyslogConfig withZone(ZoneId v) {
        return new SyslogConfig(enabled, bindAddress, port, tcp, udp, maxMessageBytes, maxConnections, batchSize, linger, maxInFlightBatches, tenant, v);
    }
}
