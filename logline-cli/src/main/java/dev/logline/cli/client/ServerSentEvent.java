package dev.logline.cli.client;

/** One Server-Sent Event: its type ({@code message} when the stream named none) and its data lines joined by newlines. */
public record ServerSentEvent(String type, String data, String id) {
}
