package dev.logline.cli.ship;

import java.util.List;

/** The server's answer to one batch: how many events it accepted and which lines (1-based) it rejected, and why. */
public record IngestAnswer(int accepted, List<Rejection> rejected) {

    /** One line of the batch the server refused; sending it again would not help. */
    public record Rejection(int line, String error) {
    }
}
