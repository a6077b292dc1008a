package dev.logline.store.opensearch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The composable index template every daily index is made from: our mapping ({@link FieldNames}) with doc values
 * for sorting and aggregating, {@code best_compression}, the index sorted by time (newest first) so time-bounded
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
        ArrayNode dynamic = mappings.putArray("dynamic_templates");
        dynamic.addObject().putObject("keywords").put("path_match", "k.*")
                .putObject("mapping").put("type", "keyword");
        dynamic.addObject().putObject("numbers").put("path_match", "n.*")
                .putObject("mapping").put("type", "double");
        dynamic.addObject().putObject("booleans").put("path_match", "b.*")
                .putObject("mapping").put("type", "boolean");

        ObjectNode p = mappings.putObject("properties");
        p.putObject(FieldNames.TS).put("type", "long");
        p.putObject(FieldNames.ID).put("type", "keyword");
        p.putObject(FieldNames.TENANT).put("type", "keyword");
        p.putObject(FieldNames.INGESTED).put("type", "long");
        p.putObject(FieldNames.EVENT).put("type", "object").put("enabled", false);
        p.putObject(FieldNames.TOKENS).put("type", "text").put("analyzer", "logline_tokens")
                .put("norms", false).put("index_options", "positions");
        p.putObject(FieldNames.HAS).put("type", "keyword");
        p.putObject(FieldNames.UNCERTAIN).put("type", "keyword");
        for (String object : new String[] {"k", "n", "b"}) {
            p.putObject(object).put("type", "object").put("dynamic", true);
        }
        return root;
    }
}
