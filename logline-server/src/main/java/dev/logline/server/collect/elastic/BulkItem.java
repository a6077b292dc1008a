package dev.logline.server.collect.elastic;

import dev.logline.core.LogEvent;

/**
 * One action of an Elasticsearch bulk request as read: its action name, target index, id, and either the event
 * to store or why it is refused.
 *
 * @param action the action name as sent ({@code index}, {@code create}, {@code update}, {@code delete})
 * @param index  the target index ({@code _index}, else the URL's index, else {@code logline})
 * @param id     the document id: the sender's {@code _id} or one made up here
 * @param line   the 1-based line of the action in the body
 * @param event  the event to store, or {@code null} when refused
 * @param error  why it is refused ({@code null} when accepted)
 */
record BulkItem(String action, String index, String id, int line, LogEvent event, EsError error) {

    /** An Elasticsearch error object: {@code {"type": …, "reason": …}}. */
    record EsError(String type, String reason) {
    }
}
