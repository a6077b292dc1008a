package dev.logline.query.pipe;

import dev.logline.query.stats.Aggregate;

import java.util.List;

/** {@code | stats count(), p95(latency_ms) as p95 by service, level}. */
public record StatsPipe(List<Aggregate> aggregates, List<String> by) implements Pipe {
    public StatsPipe {
        aggregates = List.copyOf(aggregates);
        by = List.copyOf(by);
    }
}
