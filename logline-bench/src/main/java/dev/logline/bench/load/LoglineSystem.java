package dev.logline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Logline: {@code logline server} with the embedded column store at its defaults, in a child JVM. */
final class LoglineSystem implements SystemUnderTest {

    private final Path workDir;
    private final Path dataDir;
    private final Path log;
    private final String heap;
    private final String classpath;
    private ChildJvm jvm;
    private int port;
    private final boolean resultCaches;

    /** A server on this JVM's own classpath. */
    LoglineSystem(Path workDir, String heap) {
        this(workDir, heap, System.getProperty("java.class.path"));
    }

    LoglineSystem(Path workDir, String heap, String classpath) {
        this(workDir, heap, classpath, false);
    }

    /** @param resultCaches whether the store keeps whole parts' aggregation partials for repeated queries */
    LoglineSystem(Path workDir, String heap, String classpath, boolean resultCaches) {
        this.resultCaches = resultCaches;
        this.classpath = classpath;
        this.workDir = workDir;
        this.dataDir = workDir.resolve("logline-data");
        this.log = workDir.resolve("logline-server.log");
        this.heap = heap;
    }

    /** System property with extra JVM flags for the server's JVM (space separated). */
    static final String EXTRA_JVM_ARGS = "bench.logline.jvmArgs";

    @Override
    public String name() {
        return "Logline";
    }

    @Override
    public void start() {
        // As `logline server` runs from the launcher: a maximum heap and the parallel collector.
        List<String> jvmArgs = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseParallelGC",
                "-Dlogback.configurationFile=" + QuietLogback.write(workDir)));
        // Extra flags for profiling the server, e.g. -Dbench.logline.jvmArgs="-XX:StartFlightRecording=filename=s.jfr".
        String extra = System.getProperty(EXTRA_JVM_ARGS, "").trim();
        if (!extra.isEmpty()) {
            jvmArgs.addAll(List.of(extra.split("\\s+")));
        }
        jvm = ChildJvm.start("logline-server", StableClasspath.copyOf(classpath, workDir), jvmArgs,
                LoglineServerProcess.class.getName(),
                List.of(dataDir.toString(), resultCaches ? "partial-cache" : "no-partial-cache"), log);
        String ready = jvm.await(l -> l.startsWith("READY "), Duration.ofMinutes(2), "READY");
        port = Integer.parseInt(ready.substring("READY ".length()).trim());
    }

    @Override
    public URI ingestUri() {
        return baseUri().resolve("/api/v1/ingest");
    }

    @Override
    public BatchFormat format() {
        return BatchFormat.NDJSON;
    }

    @Override
    public int rejected(JsonNode response) {
        return response.path("rejected").size();
    }

    @Override
    public void makeSearchable() {
        command("SYNC", "SYNCED");
    }

    @Override
    public void reset() {
        jvm.send("RESET");
        jvm.await(l -> l.equals("RESET done"), Duration.ofMinutes(5), "RESET done");
    }

    @Override
    public void finishStorage() {
        command("COMMIT", "COMMITTED");
    }

    private void command(String command, String answer) {
        jvm.send(command);
        String line = jvm.await(l -> l.startsWith(answer + " "), Duration.ofMinutes(30), answer);
        if (!line.equals(answer + " pending=0")) {
            throw new IllegalStateException("the Logline store did not index every event: " + line + "; see " + log);
        }
    }

    @Override
    public long diskBytes() {
        return DiskUsage.of(dataDir);
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public Duration cpuTime() {
        return jvm.cpuTime();
    }

    @Override
    public long peakRssBytes() {
        return jvm.peakRssBytes();
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public boolean speaksLql() {
        return true;
    }

    @Override
    public void close() {
        if (jvm != null) {
            jvm.close();
        }
    }
}
