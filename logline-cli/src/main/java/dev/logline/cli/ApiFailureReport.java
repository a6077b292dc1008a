package dev.logline.cli;

import dev.logline.cli.client.ApiException;
import dev.logline.cli.client.ServerUnreachableException;
import dev.logline.cli.output.QueryErrorMarker;

import java.io.PrintWriter;

/** Turns a failed API call into a message on stderr and the exit code that tells scripts what went wrong. */
final class ApiFailureReport {

    private ApiFailureReport() {
    }

    /**
     * @param query the LQL the user typed, so a 400 can point at its column; {@code null} when there was none
     */
    static int report(RuntimeException failure, String query, PrintWriter err) {
        if (failure instanceof ServerUnreachableException) {
            err.println("error: " + failure.getMessage());
            err.flush();
            return ExitCodes.UNREACHABLE;
        }
        if (failure instanceof ApiException api) {
            if (api.status() == 400 && api.getMessage() != null && api.getMessage().startsWith("parameter '")) {
                // A time or limit the server could not read is a bad argument, not a bad query.
                err.println("error: the server refused an argument: " + api.getMessage());
                err.flush();
                return ExitCodes.USAGE;
            }
            if (api.status() == 400 && query != null) {
                QueryErrorMarker.print(err, query, api.column(), api.getMessage());
                return ExitCodes.QUERY_ERROR;
            }
            if (api.status() == 401 || api.status() == 403) {
                err.println("error: the server refused the request (" + api.status() + "): " + api.getMessage()
                        + "; pass a key with --api-key or LOGLINE_API_KEY");
            } else {
                err.println("error: the server answered " + api.status() + ": " + api.getMessage());
            }
            err.flush();
            return ExitCodes.SERVER_ERROR;
        }
        throw failure;
    }
}
