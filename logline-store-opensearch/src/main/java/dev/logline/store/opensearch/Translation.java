package dev.logline.store.opensearch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A filter as two OpenSearch queries: {@code upper} matches every event the filter matches (and maybe more),
 * {@code lower} only events it matches (maybe fewer). They differ only on events the index cannot answer for
 * exactly (a value too long to index, a regex Lucene reads differently): reads send {@code upper} and check each
 * candidate with the reference matcher; aggregations run in OpenSearch only when no event falls between the two.
 */
record Translation(ObjectNode upper, ObjectNode lower) {

    /** Both bounds the same query: the index answers exactly. */
    static Translation exact(ObjectNode q) {
        return new Translation(q, q);
    }

    boolean isExact() {
        return upper == lower;
    }
}
