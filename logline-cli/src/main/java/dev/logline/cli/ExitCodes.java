package dev.logline.cli;

import java.io.PrintWriter;

/** The process exit codes every command uses, so scripts can tell a bad query from a dead server. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The server rejected the query (bad LQL), or a trace has no events. */
    public static final int QUERY_ERROR = 1;
    /** picocli's own code for invalid arguments. */
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    public static final int SERVER_ERROR = 4;
    public static final int STARTUP_FAILED = 5;
    /** A local file the command works on (the API key file) cannot be read or written. */
    public static final int FILE_ERROR = 6;

    private ExitCodes() {
    }

    /** Prints {@code error: <problem>} on {@code err} and returns {@link #USAGE}, for invalid option values. */
    static int usage(PrintWriter err, String problem) {
        err.println("error: " + problem);
        return USAGE;
    }
}
