package dev.logline.bench.encoder;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import dev.logline.logback.LoglineEncoder;
import net.logstash.logback.encoder.LogstashEncoder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cross-check for {@link EncoderBenchmark} on a busy machine: the thread's own CPU time per encode, which
 * time slices lost to other processes do not inflate, with the encoders interleaved round by round so a load
 * change hits all of them alike. Run: {@code java -cp target/benchmarks.jar dev.logline.bench.encoder.EncoderCpuTime}.
 */
public final class EncoderCpuTime {

    private EncoderCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        LoggerContext context = new LoggerContext();
        Map<String, Encoder<ILoggingEvent>> encoders = new LinkedHashMap<>();
        LoglineEncoder logline = new LoglineEncoder();
        logline.setHost("node-1");
        encoders.put("LoglineEncoder", logline);
        encoders.put("LogstashEncoder", new LogstashEncoder());
        encoders.put("Logback JsonEncoder", BenchmarkEvents.comparableJsonEncoder());
        for (Encoder<ILoggingEvent> e : encoders.values()) {
            e.setContext(context);
            e.start();
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (String name : new String[] {"typical", "exception"}) {
            ILoggingEvent event = name.equals("typical") ? BenchmarkEvents.typical(context) : BenchmarkEvents.withException(context);
            Map<String, long[]> best = new LinkedHashMap<>();
            long sink = 0;
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, Encoder<ILoggingEvent>> e : encoders.entrySet()) {
                    long t0 = bean.getCurrentThreadCpuTime();
                    for (int i = 0; i < perRound; i++) {
                        sink += e.getValue().encode(event).length;
                    }
                    long ns = (bean.getCurrentThreadCpuTime() - t0) / perRound;
                    long[] b = best.computeIfAbsent(e.getKey(), k -> new long[] {Long.MAX_VALUE});
                    // the first rounds warm the JIT; the minimum is the least disturbed round
                    if (r >= rounds / 3) {
                        b[0] = Math.min(b[0], ns);
                    }
                }
            }
            long ours = best.get("LoglineEncoder")[0];
            System.out.printf("%s event (checksum %d)%n", name, sink);
            for (Map.Entry<String, long[]> b : best.entrySet()) {
                System.out.printf("  %-20s %6d ns CPU/op  %.2fx LoglineEncoder%n", b.getKey(), b.getValue()[0],
                        (double) b.getValue()[0] / ours);
            }
        }
    }
}
