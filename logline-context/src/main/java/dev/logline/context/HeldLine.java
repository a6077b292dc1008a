package dev.logline.context;

/** A log line a {@link DebugBuffer} holds back; the logging backend that diverted it knows how to emit it later. */
@FunctionalInterface
public interface HeldLine {

    /** Emits the line now, with its original time, thread and MDC, bypassing level checks and filters. */
    void replay();
}
