package dev.logline.cli.ship;

/**
 * Counts of a shipper run so far.
 *
 * @param files    files followed now
 * @param lines    lines read
 * @param events   events the server acknowledged (accepted or rejected: either way they are done)
 * @param rejected events the server refused for good
 * @param bytes    bytes of the files the server has acknowledged in this run (what a restart would not read again)
 */
public record ShipTotals(int files, long lines, long events, long rejected, long bytes) {
}
