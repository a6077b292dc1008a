package dev.logline.cli;

import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Why {@code logline server} or {@code logline demo} could not start, said so that the user knows what to do. */
final class StartupProblem {

    private StartupProblem() {
    }

    /** The data directory could not be created: it is a file, or something on its path forbids it. */
    static String dataDirectory(Path data, IOException e) {
        Path abs = data.toAbsolutePath().normalize();
        for (Path p = abs; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return p.equals(abs)
                        ? "the data path " + abs + " is a file, not a directory; give --data a directory (Logline "
                        + "creates it when it is missing)"
                        : "the data path " + abs + " lies under " + p + ", which is a file, not a directory; give "
                        + "--data a directory";
            }
        }
        return "cannot create the data directory " + abs + " (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + "); check the permissions of its parent or give another --data";
    }

    /** The HTTP server did not start: a port in use is named as such, anything else with its root cause. */
    static String serverStart(Throwable e, String bind, int port) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            root = t;
            String m = String.valueOf(t.getMessage());
            // Netty's native transport throws its own NativeIoException ("bind(..) failed: Address already in use").
            if (t instanceof BindException || m.contains("Address already in use") || m.contains("EADDRINUSE")) {
                return "port " + port + " is in use on " + bind + " (another Logline or another program listens "
                        + "there); stop it, or try --port 0 for a free port";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return "cannot start the server on " + bind + ":" + port + ": " + root.getMessage();
    }
}
