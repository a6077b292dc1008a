package dev.logline.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.alerts.notify.SmtpSettings;
import dev.logline.server.documents.InvalidDocumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The alerts file of {@code logline server --alerts FILE}: rules kept in version control (read-only through the
 * API), the SMTP server for e-mail targets and the web UI's public address for links.
 * <pre>{@code
 * {"public_url": "https://logs.example.com",
 *  "smtp": {"host": "smtp.example.com", "port": 587, "from": "logline@example.com",
 *           "username": "…", "password": "…", "security": "starttls"},
 *  "rules": [{"id": "payments-errors", "tenant": "default", "name": "…", "query": "…", "condition": "…", …}]}
 * }</pre>
 *
 * @param rules by tenant
 */
public record AlertsFile(Map<String, List<AlertRule>> rules, SmtpSettings smtp, String publicUrl) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final Set<String> FIELDS = Set.of("public_url", "smtp", "rules");
    private static final Set<String> SMTP_FIELDS = Set.of("host", "port", "from", "username", "password", "security");

    /**
     * Reads and checks the file.
     *
     * @throws IllegalArgumentException naming the file, the rule and the field at fault
     */
    public static AlertsFile read(Path path) {
        JsonNode root;
        try {
            root = AlertRuleJson.JSON.readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the alerts file " + path + ": "
                    + String.valueOf(e.getMessage()).split("\n", 2)[0], e);
        }
        if (!(root instanceof ObjectNode o)) {
            throw new IllegalArgumentException("the alerts file " + path + " must hold a JSON object with \"rules\"");
        }
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "' in the alerts file " + path + "; known: "
                        + FIELDS);
            }
        }
        Map<String, List<AlertRule>> rules = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        JsonNode list = o.path("rules");
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String id = r.path("id").asText("");
            String where = "rule " + (i + 1) + (id.isEmpty() ? "" : " ('" + id + "')") + " of the alerts file " + path;
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ": 'id' is required: 1-64 of A-Z a-z 0-9 _ . -, "
                        + "not starting with . or -");
            }
            String tenant = r.path("tenant").asText("default");
            if (!ID.matcher(tenant).matches()) {
                throw new IllegalArgumentException(where + ": 'tenant' '" + tenant + "' is not a tenant name");
            }
            if (!seen.add(tenant + "/" + id)) {
                throw new IllegalArgumentException(where + ": another rule of tenant " + tenant + " has this id");
            }
            try {
                rules.computeIfAbsent(tenant, t -> new ArrayList<>()).add(AlertRuleJson.read(r, id, true, null));
            } catch (InvalidDocumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new AlertsFile(rules, smtp(o.get("smtp"), path), o.path("public_url").isTextual()
                ? o.get("public_url").asText() : null);
    }

    private static SmtpSettings smtp(JsonNode s, Path path) {
        if (s == null || s.isNull()) {
            return null;
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!SMTP_FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field 'smtp." + f + "' in the alerts file " + path
                        + "; known: " + SMTP_FIELDS);
            }
        }
        if (!s.path("host").isTextual() || !s.path("from").isTextual()) {
            throw new IllegalArgumentException("'smtp' in the alerts file " + path + " needs at least \"host\" and "
                    + "\"from\"");
        }
        try {
            return new SmtpSettings(s.get("host").asText(), s.path("port").asInt(25), s.get("from").asText(),
                    s.hasNonNull("username") ? s.get("username").asText() : null,
                    s.hasNonNull("password") ? s.get("password").asText() : null,
                    s.hasNonNull("security") ? s.get("security").asText() : "none");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (in the alerts file " + path + ")", e);
        }
    }
}
