package dev.logline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.logline.cli.client.LoglineApiClient;
import dev.logline.cli.client.TimeRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A saved search as {@code logline query --saved NAME} runs it: the query and the time range it was saved with.
 *
 * @param range {@code --last} or {@code --from/--to} as saved
 */
record SavedSearch(String name, String query, TimeRange range) {

    /** The tenant's saved search named {@code name} (any case), or {@code null}. */
    static SavedSearch find(LoglineApiClient client, String name) {
        for (JsonNode item : client.savedSearches().path("items")) {
            JsonNode s = item.path("search");
            if (s.path("name").asText().toLowerCase(Locale.ROOT).equals(name.strip().toLowerCase(Locale.ROOT))) {
                JsonNode t = s.path("time");
                TimeRange range = t.hasNonNull("last") ? TimeRange.last(t.get("last").asText())
                        : TimeRange.between(t.hasNonNull("from") ? t.get("from").asText() : null,
                        t.hasNonNull("to") ? t.get("to").asText() : null);
                return new SavedSearch(s.path("name").asText(), s.path("query").asText(), range);
            }
        }
        return null;
    }

    /** The names there are, for an error message ("none yet" when there are none). */
    static String names(LoglineApiClient client) {
        List<String> names = new ArrayList<>();
        client.savedSearches().path("items").forEach(i -> names.add("'" + i.path("search").path("name").asText() + "'"));
        return names.isEmpty() ? "none yet (save one in the web UI's search page)" : String.join(", ", names);
    }
}
