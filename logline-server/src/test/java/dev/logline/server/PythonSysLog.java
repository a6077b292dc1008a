package dev.logline.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs Python's own {@code logging.handlers.SysLogHandler} over TCP against a port, when python3 is installed. */
final class PythonSysLog {

    /** n-1 info messages and one logged exception (its traceback spans lines), then the handler is closed. */
    private static final String SCRIPT = """
            import logging, logging.handlers, socket, sys
            port, word, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
            handler = logging.handlers.SysLogHandler(address=('127.0.0.1', port), socktype=socket.SOCK_STREAM)
            log = logging.getLogger('mixed')
            log.addHandler(handler)
            log.setLevel(logging.INFO)
            log.propagate = False
            for i in range(n - 1):
                log.info('%s message %d', word, i)
            try:
                1 / 0
            except ZeroDivisionError:
                log.exception('%s failed', word)
            handler.close()
            """;

    private PythonSysLog() {
    }

    /** The python3 command, or {@code null} when there is none. */
    static String python() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? "python3" : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Runs the script; returns its exit code. */
    static int run(String python, int port, String word, int messages) throws IOException, InterruptedException {
        Path script = Files.createTempFile("syslog-handler", ".py");
        try {
            Files.writeString(script, SCRIPT);
            Process p = new ProcessBuilder(python, script.toString(), Integer.toString(port), word, Integer.toString(messages))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("python did not finish in 60 s");
            }
            return p.exitValue();
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
