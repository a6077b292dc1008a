package dev.logline.store.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The composable index template every daily index is made from: our mapping ({@link FieldNames}) with doc values
 * only where OpenSearch sorts or aggregates (time, id, write time, the reserved keywords counts group by), {@code best_compression}, the index sorted by time (newest first) so time-bounded
 * newest-first reads stop early, and the derived fields left out of {@code _source} (only the event is stored).
 */
final class IndexTemplate {

    /** Tokens are at most this long (we cut longer ones ourselves; the whitespace tokenizer's default is 255). */
    private static final int MAX_TOKEN_LENGTH = EventDocuments.MAX_TERM_CHARS;

    private IndexTemplate() {
    }

    static ObjectNode body(OpenSearchStoreConfig config, IndexNames names) {
        ObjectNode root = OpenSearchHttp.JSON.createObjectNode();
        root.putArray("index_patterns").add(names.all());
        root.put("priority", 200);
        root.putObject("_meta").put("owner", "logline").put("version", 1);
        ObjectNode template = root.putObject("template");

        ObjectNode index = template.putObject("settings").putObject("index");
        index.put("number_of_shards", config.shards());
        index.put("number_of_replicas", config.replicas());
        index.put("refresh_interval", config.refreshInterval().toMillis() + "ms");
        index.put("codec", "best_compression");
        index.put("translog.durability", "request");
        index.put("mapping.total_fields.limit", config.maxFieldsPerIndex());
        index.putArray("sort.field").add(FieldNames.TS);
        index.putArray("sort.order").add("desc");
        ObjectNode analysis = index.putObject("analysis");
        analysis.putObject("tokenizer").putObject("logline_tokens")
                .put("type", "whitespace").put("max_token_length", MAX_TOKEN_LENGTH);
        analysis.putObject("analyzer").putObject("logline_tokens")
                .put("type", "custom").put("tokenizer", "logline_tokens");

        ObjectNode mappings = template.putObject("mappings");
        mappings.put("dynamic", "strict");
        ArrayNode excludes = mappings.putObject("_source").putArray("excludes");
        for (String derived : new String[] {FieldNames.TOKENS, FieldNames.HAS, FieldNames.UNCERTAIN, "k", "n", "b"}) {
            excludes.add(derived);
        }
        // Attributes are filtered (terms, points), never sorted or aggregated in OpenSearch: no doc values, which
        // would cost disk for every value. The reserved keywords count pushdown groups by keep them (below).
        ArrayNode dynamic = mappings.putArray("dynamic_templates");
        dynamic.addObject().putObject("keywords").put("path_match", "k.*")
                .putObject("mapping").put("type", "keyword").put("doc_values", false);
        dynamic.addObject().putObject("numbers").put("path_match", "n.*")
                .putObject("mapping").put("type", "double").put("doc_values", false);
        dynamic.addObject().putObject("booleans").put("path_match", "b.*")
                .putObject("mapping").put("type", "boolean").put("doc_values", false);

        ObjectNode p = mappings.putObject("properties");
        p.putObject(FieldNames.TS).put("type", "long");
        p.putObject(FieldNames.ID).put("type", "keyword");
        p.putObject(FieldNames.TENANT).put("type", "keyword").put("doc_values", false);
        p.putObject(FieldNames.INGESTED).put("type", "long");
        p.putObject(FieldNames.EVENT).put("type", "object").put("enabled", false);
        p.putObject(FieldNames.TOKENS).put("type", "text").put("analyzer", "logline_tokens")
                .put("norms", false).put("index_options", "positions");
        p.putObject(FieldNames.HAS).put("type", "keyword").put("doc_values", false);
        p.putObject(FieldNames.UNCERTAIN).put("type", "keyword").put("doc_values", false);
        ObjectNode keywords = p.putObject("k").put("type", "object").put("dynamic", true).putObject("properties");
        for (String groupable : CountPushdown.GROUPABLE) {
            keywords.putObject(FieldNames.escape(groupable)).put("type", "keyword");
        }
        for (String object : new String[] {"n", "b"}) {
            p.putObject(object).put("type", "object").put("dynamic", true);
        }
        return root;
    }
}
