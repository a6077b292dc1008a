package dev.logline.bench.appender;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cross-check of {@link AppenderCallBenchmark} on a busy machine: the calling thread's CPU time per logging call
 * (p50/p99/p99.9), which time slices given to other processes do not inflate, with the peers interleaved round by
 * round at the same paced rate.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.logline.bench.appender.AppenderCallCpuTime [rounds] [calls]
 * [pacingNanos]}; the first half of the rounds is warm-up.
 */
public final class AppenderCallCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AppenderCallCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long pacing = args.length > 2 ? Long.parseLong(args[2]) : 100_000;
        LoglinePeer logline = new LoglinePeer();
        LogstashPeer logstash = new LogstashPeer();
        Log4jPeer log4j = new Log4jPeer();
        FloorPeer floor = new FloorPeer();
        floor.start();
        logline.start();
        logstash.start();
        log4j.start();
        Caller caller = new Caller();
        caller.pacingNanos = pacing;
        caller.putContext();
        Map<String, Runnable> peers = new LinkedHashMap<>();
        peers.put("logbackFloor", () -> floor.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER, BenchEvent.CUSTOMER));
        peers.put("loglineAppender", () -> logline.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER,
                BenchEvent.CUSTOMER));
        peers.put("logstashTcpAppender", () -> logstash.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER,
                BenchEvent.CUSTOMER));
        peers.put("log4j2AsyncLogger", () -> log4j.logger.info(BenchEvent.MESSAGE, BenchEvent.ORDER,
                BenchEvent.CUSTOMER));
        long overhead = clockOverhead();
        Map<String, long[]> samples = new LinkedHashMap<>();
        int measured = rounds - rounds / 2;
        peers.keySet().forEach(name -> samples.put(name, new long[measured * calls]));
        for (int r = 0; r < rounds; r++) {
            for (Map.Entry<String, Runnable> peer : peers.entrySet()) {
                long[] out = samples.get(peer.getKey());
                Runnable call = peer.getValue();
                for (int i = 0; i < calls; i++) {
                    caller.pace();
                    long t0 = THREADS.getCurrentThreadCpuTime();
                    call.run();
                    long spent = THREADS.getCurrentThreadCpuTime() - t0 - overhead;
                    if (r >= rounds / 2) {
                        out[(r - rounds / 2) * calls + i] = Math.max(0, spent);
                    }
                }
            }
        }
        caller.clearContext();
        logline.stop();
        logstash.stop();
        log4j.stop();
        floor.stop();
        System.out.printf("%nthread CPU time per call, ns (clock overhead %d ns subtracted), %d calls each, pacing %d ns%n",
                overhead, measured * calls, pacing);
        System.out.printf("%-22s %10s %10s %10s %10s%n", "peer", "p50", "p90", "p99", "p99.9");
        for (Map.Entry<String, long[]> e : samples.entrySet()) {
            long[] s = e.getValue();
            Arrays.sort(s);
            System.out.printf("%-22s %10d %10d %10d %10d%n", e.getKey(), at(s, 0.50), at(s, 0.90), at(s, 0.99),
                    at(s, 0.999));
        }
    }

    /** The median cost of reading the thread CPU clock twice, which every sample includes. */
    private static long clockOverhead() {
        long[] empty = new long[20_001];
        for (int i = 0; i < empty.length; i++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            empty[i] = THREADS.getCurrentThreadCpuTime() - t0;
        }
        Arrays.sort(empty);
        return empty[empty.length / 2];
    }

    private static long at(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) (quantile * sorted.length))];
    }
}
