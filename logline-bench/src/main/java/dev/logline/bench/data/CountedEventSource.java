package dev.logline.bench.data;

import dev.logline.core.LogEvent;

import java.util.NoSuchElementException;

/** An event source that yields exactly {@code total} events; subclasses make the event at each position. */
abstract class CountedEventSource implements EventSource {

    /** How many events the source yields in all. */
    protected final long total;
    /** How the events come about, for the exhausted-source message ("replayed", "generated"). */
    private final String madeBy;
    private long emitted;

    protected CountedEventSource(long total, String madeBy) {
        this.total = total;
        this.madeBy = madeBy;
    }

    /** The event at {@code position} (0-based); called once per position, in order. */
    protected abstract LogEvent eventAt(long position);

    @Override
    public final long size() {
        return total;
    }

    @Override
    public final boolean hasNext() {
        return emitted < total;
    }

    @Override
    public final LogEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + total + " events were " + madeBy);
        }
        return eventAt(emitted++);
    }
}
