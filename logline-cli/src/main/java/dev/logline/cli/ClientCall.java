package dev.logline.cli;

import dev.logline.cli.client.LoglineApiClient;

/** The body of a client command once it has a client: talks to the server and returns the exit code. */
@FunctionalInterface
interface ClientCall {

    int run(LoglineApiClient client);
}
