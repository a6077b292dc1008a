package dev.logline.server.documents;

/** A change named a version of a document that is no longer the current one: someone changed it meanwhile (409). */
public final class VersionConflictException extends RuntimeException {

    private final long current;

    public VersionConflictException(String what, long expected, long current) {
        super(what + " is at version " + current + ", not " + expected + "; reload it and apply the change again");
        this.current = current;
    }

    public long current() {
        return current;
    }
}
