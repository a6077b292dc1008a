package dev.logline.server.collect.elastic;

/**
 * A bulk body whose action lines cannot be followed (as Elasticsearch, the whole request is refused with 400,
 * because without the action the next line's role is unknown).
 */
class MalformedBulkException extends RuntimeException {

    MalformedBulkException(String message) {
        super(message);
    }
}
