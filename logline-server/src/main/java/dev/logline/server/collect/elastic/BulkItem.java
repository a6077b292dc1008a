package dev.logline.server.collect.elastic;

/**
 * One action of an Elasticsearch bulk request as read: its action name, target index, id, and, when it could not
 * be read or is not supported, why. Its position in the request (1-based) is its item number in the
 * {@link dev.logline.server.ingest.DecodedBatch}.
 *
 * @param action the action name as sent ({@code index}, {@code create}, {@code update}, {@code delete})
 * @param index  the target index ({@code _index}, else the URL's index, else {@code logline})
 * @param id     the document id: the sender's {@code _id} or one made up here
 * @param line   the 1-based line of the action in the body
 * @param error  why it is refused before it reaches the store ({@code null} when its document was read)
 */
record BulkItem(String action, String index, String id, int line, EsError error) {

    /** An Elasticsearch error object: {@code {"type": …, "reason": …}}. */
    record EsError(String type, String reason) {
    }
}
