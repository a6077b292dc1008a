package dev.logline.cli;

import dev.logline.cli.client.LoglineApiClient;
import dev.logline.core.tls.ClientTls;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** The options that say which server a client command talks to, and with which key. */
public final class ServerConnectionOptions {

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:LOGLINE_URL:-http://127.0.0.1:4680}",
            description = "The Logline server (env LOGLINE_URL; default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:LOGLINE_API_KEY}",
            description = "API key with the read role, sent as a bearer token (env LOGLINE_API_KEY).")
    String apiKey;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for an answer (default: ${DEFAULT-VALUE}s).")
    int timeoutSeconds;

    @Option(names = "--ca-file", paramLabel = "PEM", defaultValue = "${env:LOGLINE_CA_FILE}",
            description = "CA certificate (PEM) an https:// server's certificate must be signed by, for a private "
                    + "CA or a self-signed server (env LOGLINE_CA_FILE; default: the system trust store).")
    Path caFile;

    LoglineApiClient client() {
        return new LoglineApiClient(url, apiKey, Duration.ofSeconds(timeoutSeconds),
                caFile == null ? null : ClientTls.context(caFile, "--ca-file"));
    }

    /**
     * Builds the client and runs a command's body with it: a malformed URL is a usage error, and a failed API call
     * is reported on {@code err} with the exit code that tells scripts what went wrong.
     *
     * @param query the LQL the user typed, so a rejected query can point at its column; {@code null} when none
     */
    int callWithClient(String query, PrintWriter err, ClientCall call) {
        LoglineApiClient client;
        try {
            client = client();
        } catch (IllegalArgumentException e) {
            return ExitCodes.usage(err, e.getMessage());
        }
        try {
            return call.run(client);
        } catch (RuntimeException e) {
            return ApiFailureReport.report(e, query, err);
        }
    }
}
