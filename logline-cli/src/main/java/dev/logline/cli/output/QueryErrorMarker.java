package dev.logline.cli.output;

import java.io.PrintWriter;

/** Prints a rejected query with a caret under the column the parser blamed, then the message and its hint. */
public final class QueryErrorMarker {

    private QueryErrorMarker() {
    }

    /**
     * @param column 1-based column, or {@code null} when the server named none
     */
    public static void print(PrintWriter err, String query, Integer column, String message) {
        err.println("error: " + message);
        err.println("  " + query);
        if (column != null && column >= 1) {
            // Tabs keep their width in the marker line so the caret lines up under them.
            StringBuilder pad = new StringBuilder();
            for (int i = 0; i < Math.min(column - 1, query.length()); i++) {
                pad.append(query.charAt(i) == '\t' ? '\t' : ' ');
            }
            pad.append(" ".repeat(Math.max(0, column - 1 - query.length())));
            err.println("  " + pad + "^ column " + column);
        }
        err.println("See docs/QUERY.md for LQL, e.g.: level:ERROR service:payments \"timed out\" | stats count() by host");
        err.flush();
    }
}
