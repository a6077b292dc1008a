package dev.logline.store.columnar.part;

import java.nio.file.Path;

/**
 * A part written in a format this build does not read — by a newer Logline, or in an older format since dropped. It
 * is not damage: the file is left where it is (never quarantined like a {@link CorruptPartException}) and the store
 * refuses to go on without it, saying which version to run.
 */
public final class PartFormatException extends IllegalStateException {

    private final int version;

    public PartFormatException(Path path, int version) {
        super((path == null ? "a part" : "part " + path) + " is in format " + version + " and this build reads format "
                + PartIndex.FORMAT_VERSION + ": " + (version > PartIndex.FORMAT_VERSION
                ? "it was written by a newer Logline; run that version (or newer) on this data directory"
                : "it was written by an older Logline; run that version to export the events (STORAGE.md, "
                        + "\"Upgrading\") and import them into this one"));
        this.version = version;
    }

    /** The format the part says it is in. */
    public int version() {
        return version;
    }
}
