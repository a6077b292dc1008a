package dev.logline.store.columnar.part;

import java.nio.file.Path;

/** A part file failed a checksum or does not decode; the part is taken out of service and the rest keeps serving. */
public class CorruptPartException extends RuntimeException {

    private final Path path;

    public CorruptPartException(Path path, String message, Throwable cause) {
        super("part " + path + " is damaged: " + message, cause);
        this.path = path;
    }

    public Path path() {
        return path;
    }
}
