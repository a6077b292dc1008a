package dev.logline.bench.data;

import java.time.Duration;
import java.time.Instant;

/** Where benchmark events come from: the generator, or the shared corpora replayed to volume. */
public enum SourceKind {
    generated,
    corpora;

    /**
     * A source of {@code total} events spread over {@code span} up to {@code end}.
     *
     * @throws IllegalStateException for {@link #corpora} when the corpora folder cannot be found
     */
    public EventSource open(long seed, long total, Instant end, Duration span) {
        if (this == generated) {
            return new MicroserviceEventGenerator(seed, total, end, span);
        }
        return new CorpusReplayer(CorpusReader.locate().orElseThrow(() -> new IllegalStateException(
                "the corpora folder is not found (set -D" + CorpusReader.CORPORA_PROPERTY + "=DIR); use the generated source")),
                seed, total, end, span);
    }
}
