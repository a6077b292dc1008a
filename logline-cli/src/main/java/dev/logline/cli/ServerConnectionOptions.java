package dev.logline.cli;

import dev.logline.cli.client.LoglineApiClient;
import picocli.CommandLine.Option;

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

    LoglineApiClient client() {
        return new LoglineApiClient(url, apiKey, Duration.ofSeconds(timeoutSeconds));
    }
}
