package dev.logline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;

/**
 * One system the benchmark compares, running in its own process: where to send batches and queries, and the
 * steps around the timed load that each system needs done its own way.
 */
interface SystemUnderTest extends AutoCloseable {

    /** The name in the report. */
    String name();

    /** Starts the process and prepares it to receive events (index, mapping); returns once it accepts requests. */
    void start();

    /**
     * Drops everything stored so far (the untimed warm-up's events) and is ready for events again, in the same
     * process, so the code it compiled while warming up stays compiled.
     */
    void reset();

    /** Where batches are posted. */
    URI ingestUri();

    /** How batches are framed. */
    BatchFormat format();

    /** How many events of a batch a successful response rejected. */
    int rejected(JsonNode response);

    /** Waits until every acknowledged event is searchable. */
    void makeSearchable();

    /** Makes the stored form final (commit; force-merge where the system has one) before disk is measured. */
    void finishStorage();

    /** Bytes the system's data folder holds now. */
    long diskBytes();

    /** The folder everything it stores lives under, deleted after the run unless asked to keep it. */
    java.nio.file.Path dataDir();

    /** CPU time its process has used so far. */
    Duration cpuTime();

    /** Its process's peak resident memory so far in bytes, or -1 when unknown. */
    long peakRssBytes();

    /** The base URI of its HTTP API, for queries. */
    URI baseUri();

    /** Whether it is asked the LQL side of each {@link QueryCase} (else the OpenSearch DSL side). */
    boolean speaksLql();

    @Override
    void close();
}
