package dev.logline.server.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One kind of document users keep through {@link DocumentsEndpoint}: its names and what a valid body is. The kind
 * owns its body's shape; the endpoint owns storage, versions, owners and the HTTP answers.
 */
public interface DocumentKind {

    /** The URL segment and the store's kind, e.g. {@code dashboards} for {@code /api/v1/dashboards}. */
    String plural();

    /** The body's key in an answer or an export, e.g. {@code dashboard} in {@code {"id": …, "dashboard": {…}}}. */
    String singular();

    /**
     * Checks a body and returns it as kept (ids and defaults filled in); the same body checked twice comes out
     * the same, so an export imports unchanged.
     *
     * @throws InvalidDocumentException saying what is wrong, where, and what to write instead
     */
    ObjectNode validate(ObjectNode body);

    /**
     * A body field whose text must be unique in a tenant (case-insensitively), such as a saved search's
     * {@code name}; {@code null} when none is.
     */
    default String uniqueField() {
        return null;
    }
}
