package dev.logline.query.pipe;

/** One stage after the filter: {@code | fields …}, {@code | sort …}, {@code | stats …} and so on. */
public sealed interface Pipe permits FieldsPipe, SortPipe, LimitPipe, StatsPipe, TimechartPipe, WherePipe {
}
