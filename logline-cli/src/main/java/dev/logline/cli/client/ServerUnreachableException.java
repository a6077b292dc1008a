package dev.logline.cli.client;

/** No answer from the server at all: nothing listening, a refused connection or a broken stream. */
public class ServerUnreachableException extends RuntimeException {

    public ServerUnreachableException(String url, Throwable cause) {
        super("cannot reach the Logline server at " + url + " (" + describe(cause) + ")"
                + "; start one with `logline server` or point --url at yours", cause);
    }

    private static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }
}
