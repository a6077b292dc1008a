package dev.logline.bench.data;

import dev.logline.core.LogEvent;

import java.util.Iterator;

/**
 * A finite, deterministic sequence of benchmark events: the same settings and seed give the same events, so every
 * system under test receives exactly the same data.
 */
public interface EventSource extends Iterator<LogEvent> {

    /** How many events the source yields in all. */
    long size();

    /** Values the query benchmark looks up (trace ids, a rare word, …); complete once the source is exhausted. */
    QueryTargets targets();
}
