package dev.logline.cli.ship;

/** What the state directory remembers of one file: its identity, the path it was last seen at, the acknowledged offset. */
public record SavedOffset(FileIdentity identity, String path, long offset) {
}
