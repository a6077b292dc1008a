package dev.logline.bench.load;

import java.time.Duration;
import java.util.List;

/**
 * Everything measured on one system.
 *
 * @param name          the system
 * @param load          the timed load
 * @param searchable    wall time from the first request until every event was searchable
 * @param ingestCpu     CPU time of the system's process from the first request until every event was searchable
 * @param finishTime    wall time of the final commit (and force-merge, where the system has one)
 * @param diskBytes     bytes of its data folder after that
 * @param startup       wall time from launch to accepting requests
 * @param queries       the query figures
 * @param peakRssBytes  the process's peak resident memory over the whole run (warm-up, load, queries), or -1
 */
record SystemResult(String name, LoadResult load, Duration searchable, Duration ingestCpu, Duration finishTime,
                    long diskBytes, Duration startup, List<QueryTimer.Timing> queries, long peakRssBytes) {

    double searchableEventsPerSecond() {
        return load.events() / Math.max(1e-9, searchable.toNanos() / 1e9);
    }

    double diskBytesPerEvent() {
        return (double) diskBytes / Math.max(1, load.events());
    }

    double cpuMicrosPerEvent() {
        return ingestCpu.toNanos() / 1e3 / Math.max(1, load.events());
    }
}
