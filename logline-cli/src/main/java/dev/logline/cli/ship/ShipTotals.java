package dev.logline.cli.ship;

/**
 * Counts of a shipper run so far.
 *
 * @param files    files followed now
 * @param lines    lines read
 * @param events   events the server acknowledged (accepted or rejected: either way they are done)
 * @param rejected events the server refused for good
 */
public record ShipTotals(int files, long lines, long events, long rejected) {
}
