package dev.logline.query.pipe;

/** {@code | limit N}. */
public record LimitPipe(int limit) implements Pipe {
}
