package dev.logline.server.documents;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Objects;

/**
 * One document as kept: its id, its version (1 when created, +1 on every change, for optimistic concurrency), who
 * changed it last and when, and the body the feature owns (a saved search, a dashboard, an alert rule).
 *
 * @param owner the identity of the key that created it ("" when auth is off)
 */
public record StoredDocument(String id, long version, String owner, Instant updated, ObjectNode body) {

    public StoredDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(body, "body");
    }
}
