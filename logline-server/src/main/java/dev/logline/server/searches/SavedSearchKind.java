package dev.logline.server.searches;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.documents.DocumentFields;
import dev.logline.server.documents.DocumentKind;
import dev.logline.server.documents.InvalidDocumentException;

import java.util.Set;

/**
 * A saved search: a named LQL query with its time range and the zone its times are shown in, kept per tenant under
 * {@code /api/v1/saved-searches}; names are unique in a tenant (any case), so {@code logline query --saved NAME}
 * finds one.
 *
 * <pre>
 * {"name": "payment timeouts", "query": "service:purchasing \"timed out\"", "time": {"last": "24h"}, "tz": "utc"}
 * </pre>
 */
public final class SavedSearchKind implements DocumentKind {

    private static final Set<String> KEYS = Set.of("name", "query", "time", "tz", "description");

    @Override
    public String plural() {
        return "saved-searches";
    }

    @Override
    public String singular() {
        return "search";
    }

    @Override
    public String uniqueField() {
        return "name";
    }

    @Override
    public ObjectNode validate(ObjectNode body) {
        DocumentFields.known(body, KEYS, "");
        ObjectNode out = body.objectNode();
        out.put("name", DocumentFields.text(body, "name", "", true, 100).strip());
        DocumentFields.query(body, "query", "");
        out.put("query", body.get("query").asText());
        ObjectNode time = DocumentFields.time(body, "time", "");
        out.set("time", time != null ? time : body.objectNode().put("last", "1h"));
        String tz = DocumentFields.text(body, "tz", "", false, 10);
        if (tz != null && !tz.equals("utc") && !tz.equals("local")) {
            throw new InvalidDocumentException("tz", "must be \"utc\" or \"local\", was \"" + tz + "\"");
        }
        out.put("tz", tz == null ? "utc" : tz);
        String description = DocumentFields.text(body, "description", "", false, 2000);
        if (description != null) {
            out.put("description", description);
        }
        return out;
    }
}
