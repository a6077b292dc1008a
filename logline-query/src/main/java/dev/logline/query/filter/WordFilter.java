package dev.logline.query.filter;

/**
 * A bare word: the message contains this token, case-insensitively. A trailing {@code *} in LQL
 * ({@code time*}) becomes {@code prefix = true}.
 */
public record WordFilter(String word, boolean prefix) implements Filter {
}
