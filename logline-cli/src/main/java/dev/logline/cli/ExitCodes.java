package dev.logline.cli;

import java.io.PrintWriter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process exit codes every command uses, so scripts can tell a bad query from a dead server. {@link #TABLE} is
 * the one description of them: {@code logline --help} prints it, and the docs are checked against it.
 */
public final class ExitCodes {

    public static final int OK = 0;
    /** The server rejected the query (bad LQL), or a trace has no events. */
    public static final int QUERY_ERROR = 1;
    /** picocli's own code for invalid arguments; also a command given no subcommand and a bad time. */
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;
    /** The server answered with an error other than a bad query: a refused key (401/403), another 4xx, a 5xx. */
    public static final int SERVER_ERROR = 4;
    public static final int STARTUP_FAILED = 5;
    /** A local file the command works on (the API key file) cannot be read or written. */
    public static final int FILE_ERROR = 6;

    /** Every code with what it means, in order: the "Exit codes" table of {@code logline --help}. */
    public static final Map<String, String> TABLE = table();

    private ExitCodes() {
    }

    private static Map<String, String> table() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(String.valueOf(OK), "success");
        t.put(String.valueOf(QUERY_ERROR), "the query was rejected (bad LQL), or nothing matched a trace");
        t.put(String.valueOf(USAGE), "invalid command-line usage (unknown option, bad value or time, no command)");
        t.put(String.valueOf(UNREACHABLE), "the server could not be reached");
        t.put(String.valueOf(SERVER_ERROR), "the server answered with an error (refused key 401/403, other 4xx, 5xx)");
        t.put(String.valueOf(STARTUP_FAILED), "the server failed to start (port in use, unusable data directory)");
        t.put(String.valueOf(FILE_ERROR), "a local file (the API key file) could not be read or written");
        return Collections.unmodifiableMap(t);
    }

    /** Prints {@code error: <problem>} on {@code err} and returns {@link #USAGE}, for invalid option values. */
    static int usage(PrintWriter err, String problem) {
        err.println("error: " + problem);
        err.flush();
        return USAGE;
    }
}
