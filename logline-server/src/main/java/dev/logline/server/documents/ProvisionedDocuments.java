package dev.logline.server.documents;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Documents kept as files outside the server (in git, deployed with it) and served read-only beside the stored
 * ones, as Grafana provisions dashboards. Read on every call, so a deployed change shows without a restart.
 */
@FunctionalInterface
public interface ProvisionedDocuments {

    /** What a tenant sees now: documents by id, and the files that could not be read (and why). */
    Snapshot load(String tenant);

    /** One provisioned document and the file it came from. */
    record Provisioned(StoredDocument document, Path source) {
    }

    /**
     * @param documents by id
     * @param problems  one sentence per file that was skipped, naming it
     */
    record Snapshot(Map<String, Provisioned> documents, List<String> problems) {
        public static final Snapshot EMPTY = new Snapshot(Map.of(), List.of());
    }
}
