package dev.logline.cli.bench;

import java.util.List;

/**
 * The benchmarks {@code logline bench} can run, each a main class inside {@code benchmarks.jar} with the heap it was
 * measured with (docs/BENCHMARKS.md).
 */
public enum BenchKind {

    /** Logline server vs OpenSearch 2.19: the same events loaded into each, then the same queries. */
    LOAD("load", "dev.logline.bench.load.LoadBenchmark", List.of("-Xmx3g")),
    /** The embedded column store alone, without HTTP. */
    STORE("store", "dev.logline.bench.store.StoreIngestBenchmark", List.of("-Xmx2g")),
    /** A 10-panel dashboard over 24 h loaded through the server's panel endpoint. */
    DASHBOARD("dashboard", "dev.logline.bench.dashboard.DashboardLoadBenchmark", List.of("-Xmx2g")),
    /** Events per second through each collector's wire format. */
    COLLECTORS("collectors", "dev.logline.bench.collectors.CollectorThroughputBenchmark", List.of("-Xmx2g")),
    /** The JMH micro-benchmarks (encoder, appender, LogTrace, context propagation); JMH forks its own JVMs. */
    JMH("jmh", "org.openjdk.jmh.Main", List.of());

    private final String cliName;
    private final String mainClass;
    private final List<String> jvmOptions;

    BenchKind(String cliName, String mainClass, List<String> jvmOptions) {
        this.cliName = cliName;
        this.mainClass = mainClass;
        this.jvmOptions = jvmOptions;
    }

    /** The name on the command line: {@code logline bench <name>}. */
    public String cliName() {
        return cliName;
    }

    /** The class the child JVM runs. */
    public String mainClass() {
        return mainClass;
    }

    /** JVM options the child gets before any from {@code LOGLINE_BENCH_JAVA_OPTS}. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }
}
