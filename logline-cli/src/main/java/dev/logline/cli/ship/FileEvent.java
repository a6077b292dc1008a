package dev.logline.cli.ship;

/**
 * One event read from a file, ready to send: its JSON line and the byte offset just past its last line, which
 * becomes the file's saved offset once the server has acknowledged it.
 */
public record FileEvent(TailedFile file, String json, long endOffset) {
}
