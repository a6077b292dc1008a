package dev.logline.query.pipe;

import dev.logline.query.stats.Aggregate;

import java.time.Duration;
import java.util.List;

/** {@code | timechart 1m count() by level}: aggregates per time bucket (and per group). */
public record TimechartPipe(Duration interval, List<Aggregate> aggregates, List<String> by) implements Pipe {
    public TimechartPipe {
        aggregates = List.copyOf(aggregates);
        by = List.copyOf(by);
    }
}
