package dev.logline.core;

/**
 * An exception as data: its type, message, a shortened stack, a stable hash of that stack and its cause.
 *
 * @param type    fully qualified exception class name
 * @param message the exception message, may be {@code null}
 * @param stack   the shortened stack trace text, may be {@code null}
 * @param hash    a short stable hash of the stack (same bug, same hash across builds and hosts), may be {@code null}
 * @param cause   the cause, itself an error, or {@code null}
 */
public record ErrorInfo(String type, String message, String stack, String hash, ErrorInfo cause) {

    public ErrorInfo(String type, String message) {
        this(type, message, null, null, null);
    }
}
