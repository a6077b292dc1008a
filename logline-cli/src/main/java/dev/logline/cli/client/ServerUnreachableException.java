package dev.logline.cli.client;

import dev.logline.core.tls.ClientTls;

/**
 * No answer from the server at all: nothing listening, a refused connection, a broken stream, or a server this
 * client would not trust (its TLS certificate expired, was not signed by a trusted CA, names another host).
 */
public class ServerUnreachableException extends RuntimeException {

    public ServerUnreachableException(String url, Throwable cause) {
        super(message(url, cause), cause);
    }

    private static String message(String url, Throwable cause) {
        String tls = ClientTls.describe(cause, url, "--ca-file");
        if (tls != null) {
            return "cannot talk to the Logline server at " + url + ": " + tls;
        }
        return "cannot reach the Logline server at " + url + " (" + describe(cause) + ")"
                + "; start one with `logline server` or point --url at yours";
    }

    private static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
    }
}
