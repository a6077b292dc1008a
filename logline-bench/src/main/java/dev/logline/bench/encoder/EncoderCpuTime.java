package dev.logline.bench.encoder;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import dev.logline.logback.LoglineEncoder;
import net.logstash.logback.encoder.LogstashEncoder;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A cross-check for {@link EncoderBenchmark} on a busy machine: the thread's own CPU time per encode, which
 * time slices lost to other processes do not inflate, with the encoders interleaved round by round so a load
 * change hits all of them alike. Run:
 * {@code java -cp target/benchmarks.jar dev.logline.bench.encoder.EncoderCpuTime [rounds] [encodes per round]}.
 */
public final class EncoderCpuTime {

    private EncoderCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        LoggerContext context = new LoggerContext();
        LoglineEncoder logline = PeerEncoders.loglineEncoder();
        Map<String, Encoder<ILoggingEvent>> logback = new LinkedHashMap<>();
        logback.put("LoglineEncoder", logline);
        // The same encoder without redaction, interleaved with it: the cost of the built-in rules, load aside.
        logback.put("LoglineEncoder no redaction", PeerEncoders.loglineEncoderWithoutRedaction());
        logback.put("LogstashEncoder", new LogstashEncoder());
        logback.put("ECS EcsEncoder", PeerEncoders.ecsEncoder());
        logback.put("Logback JsonEncoder", BenchmarkEvents.comparableJsonEncoder());
        for (Encoder<ILoggingEvent> e : logback.values()) {
            e.setContext(context);
            e.start();
        }
        JsonTemplateLayout jsonTemplate = PeerEncoders.jsonTemplateLayoutEcs();
        DiscardingDestination destination = new DiscardingDestination();
        CountingStream stream = new CountingStream();
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (String name : new String[] {"typical", "exception"}) {
            ILoggingEvent event = name.equals("typical") ? BenchmarkEvents.typical(context) : BenchmarkEvents.withException(context);
            LogEvent log4jEvent = Log4jEvents.twinOf(event);
            // byte[] per event (Logback's Encoder contract, Log4j's toByteArray), then into a caller's stream/buffer
            Map<String, LongSupplier> contenders = new LinkedHashMap<>();
            logback.forEach((n, enc) -> contenders.put(n, () -> enc.encode(event).length));
            contenders.put("JsonTemplateLayout", () -> jsonTemplate.toByteArray(log4jEvent).length);
            contenders.put("LoglineEncoder encodeTo", () -> {
                try {
                    logline.encodeTo(event, stream);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return stream.bytes;
            });
            contenders.put("JsonTemplateLayout encode", () -> {
                jsonTemplate.encode(log4jEvent, destination);
                return destination.bytes();
            });
            Map<String, long[]> best = new LinkedHashMap<>();
            long sink = 0;
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, LongSupplier> c : contenders.entrySet()) {
                    LongSupplier encode = c.getValue();
                    long t0 = bean.getCurrentThreadCpuTime();
                    for (int i = 0; i < perRound; i++) {
                        sink += encode.getAsLong();
                    }
                    long ns = (bean.getCurrentThreadCpuTime() - t0) / perRound;
                    long[] b = best.computeIfAbsent(c.getKey(), k -> new long[] {Long.MAX_VALUE});
                    // the first rounds warm the JIT; the minimum is the least disturbed round
                    if (r >= rounds / 3) {
                        b[0] = Math.min(b[0], ns);
                    }
                }
            }
            System.out.printf("%s event (checksum %d)%n", name, sink);
            for (Map.Entry<String, long[]> b : best.entrySet()) {
                long ours = best.get(b.getKey().endsWith("encode") || b.getKey().endsWith("encodeTo")
                        ? "LoglineEncoder encodeTo" : "LoglineEncoder")[0];
                System.out.printf("  %-26s %6d ns CPU/op  %.2fx Logline%n", b.getKey(), b.getValue()[0],
                        (double) b.getValue()[0] / ours);
            }
        }
    }

    /** Counts what it is given, like a file appender's stream minus the file. */
    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
