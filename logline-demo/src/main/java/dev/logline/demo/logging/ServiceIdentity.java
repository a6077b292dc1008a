package dev.logline.demo.logging;

/** The {@code service} and {@code version} a shop service stamps on its events. */
public record ServiceIdentity(String name, String version) {
}
