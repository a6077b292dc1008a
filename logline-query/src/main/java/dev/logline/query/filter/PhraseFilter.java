package dev.logline.query.filter;

/** A quoted phrase: the message contains these tokens in this order, case-insensitively. */
public record PhraseFilter(String phrase) implements Filter {
}
