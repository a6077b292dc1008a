package dev.logline.server.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logline.server.documents.DocumentStore;
import dev.logline.server.documents.StoredDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where alerting keeps what it knows, per tenant, in the server's {@link DocumentStore}: rules made through the API
 * ({@value #RULES}), each rule's state ({@value #STATE}) and history ({@value #HISTORY}), and silences
 * ({@value #SILENCES}); plus the read-only rules of the alerts file, held in memory. Rules and states are cached
 * here after their first read, so the scheduler's ticks do not read files; every change goes through this class.
 * Thread-safe.
 */
public final class AlertRepository {

    static final String RULES = "alert-rules";
    static final String STATE = "alert-state";
    static final String HISTORY = "alert-history";
    static final String SILENCES = "alert-silences";
    /** The most history entries kept per rule; older ones are dropped. */
    static final int MAX_HISTORY = 500;

    private static final Logger LOG = LoggerFactory.getLogger(AlertRepository.class);

    /** A rule and the version of its document (0 for a provisioned rule). */
    public record VersionedRule(AlertRule rule, long version, String owner, Instant updated) {
    }

    private final DocumentStore documents;
    private final Map<String, Map<String, AlertRule>> provisioned;
    private final Map<String, Map<String, VersionedRule>> rules = new ConcurrentHashMap<>();
    private final Map<String, RuleState> states = new ConcurrentHashMap<>();

    /** @param provisioned the alerts file's rules by tenant, then by id */
    public AlertRepository(DocumentStore documents, Map<String, List<AlertRule>> provisioned) {
        this.documents = documents;
        Map<String, Map<String, AlertRule>> p = new LinkedHashMap<>();
        provisioned.forEach((tenant, list) -> {
            Map<String, AlertRule> byId = new LinkedHashMap<>();
            list.forEach(r -> byId.put(r.id(), r));
            p.put(tenant, Collections.unmodifiableMap(byId));
        });
        this.provisioned = Collections.unmodifiableMap(p);
    }

    /** Every tenant with rules, from the file or the API. */
    public List<String> tenants() {
        TreeSet<String> t = new TreeSet<>(provisioned.keySet());
        t.addAll(documents.tenants());
        return List.copyOf(t);
    }

    /** The tenant's rules: the file's first, then the API's, oldest change first. */
    public List<VersionedRule> rules(String tenant) {
        List<VersionedRule> out = new ArrayList<>();
        provisioned.getOrDefault(tenant, Map.of()).values().forEach(r -> out.add(new VersionedRule(r, 0, "", Instant.EPOCH)));
        out.addAll(stored(tenant).values());
        return out;
    }

    public Optional<VersionedRule> rule(String tenant, String id) {
        AlertRule p = provisioned.getOrDefault(tenant, Map.of()).get(id);
        if (p != null) {
            return Optional.of(new VersionedRule(p, 0, "", Instant.EPOCH));
        }
        return Optional.ofNullable(stored(tenant).get(id));
    }

    /** Stores a new rule from its JSON under a new id. */
    public VersionedRule create(String tenant, String owner, JsonNode body) {
        AlertRule checked = AlertRuleJson.read(body, "new", false, null);
        synchronized (this) {
            StoredDocument d = documents.create(tenant, RULES, owner, AlertRuleJson.write(checked, true));
            VersionedRule v = versioned(d, checked.withId(d.id()));
            stored(tenant).put(d.id(), v);
            return v;
        }
    }

    /**
     * Replaces a rule made through the API.
     *
     * @param expectedVersion the version the change was based on, or {@link DocumentStore#ANY_VERSION}
     * @throws NoSuchElementException when there is no such rule
     * @throws ProvisionedRuleException when the rule comes from the alerts file
     */
    public synchronized VersionedRule update(String tenant, String id, String owner, JsonNode body, long expectedVersion) {
        refuseProvisioned(tenant, id);
        VersionedRule old = stored(tenant).get(id);
        if (old == null) {
            throw new NoSuchElementException("no alert rule " + id + " in tenant " + tenant);
        }
        AlertRule checked = AlertRuleJson.read(body, id, false, old.rule());
        StoredDocument d = documents.put(tenant, RULES, id, owner, AlertRuleJson.write(checked, true), expectedVersion);
        VersionedRule v = versioned(d, checked);
        stored(tenant).put(id, v);
        return v;
    }

    /** Deletes a rule with its state and history; false when there was none. */
    public synchronized boolean delete(String tenant, String id) {
        refuseProvisioned(tenant, id);
        boolean deleted = documents.delete(tenant, RULES, id);
        stored(tenant).remove(id);
        documents.delete(tenant, STATE, id);
        documents.delete(tenant, HISTORY, id);
        states.remove(tenant + "/" + id);
        return deleted;
    }

    /** The rule's state, as the last evaluation left it. */
    public RuleState state(String tenant, AlertRule rule) {
        return states.computeIfAbsent(tenant + "/" + rule.id(), k -> documents.get(tenant, STATE, rule.id())
                .map(d -> AlertStateJson.readState(d.body(), rule.by()))
                .orElse(RuleState.initial()));
    }

    public void saveState(String tenant, String ruleId, RuleState state) {
        documents.put(tenant, STATE, ruleId, "", AlertStateJson.write(state), DocumentStore.ANY_VERSION);
        states.put(tenant + "/" + ruleId, state);
    }

    /** Adds entries to a rule's history, keeping the newest {@value #MAX_HISTORY}. */
    public synchronized void appendHistory(String tenant, String ruleId, List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ObjectNode body = documents.get(tenant, HISTORY, ruleId).map(StoredDocument::body)
                .orElseGet(AlertRuleJson.JSON::createObjectNode);
        ArrayNode list = body.has("entries") ? (ArrayNode) body.get("entries") : body.putArray("entries");
        entries.forEach(e -> list.add(AlertStateJson.write(e)));
        while (list.size() > MAX_HISTORY) {
            list.remove(0);
        }
        documents.put(tenant, HISTORY, ruleId, "", body, DocumentStore.ANY_VERSION);
    }

    /** A rule's history, newest first, at most {@code limit} entries. */
    public List<HistoryEntry> history(String tenant, String ruleId, int limit) {
        List<HistoryEntry> out = new ArrayList<>();
        documents.get(tenant, HISTORY, ruleId).ifPresent(d -> d.body().path("entries")
                .forEach(e -> out.add(AlertStateJson.readHistory(e))));
        Collections.reverse(out);
        return out.subList(0, Math.min(limit, out.size()));
    }

    public List<Silence> silences(String tenant) {
        List<Silence> out = new ArrayList<>();
        for (StoredDocument d : documents.list(tenant, SILENCES)) {
            out.add(AlertStateJson.readSilence(d.id(), d.body()));
        }
        return out;
    }

    public Silence createSilence(String tenant, String owner, Silence s) {
        StoredDocument d = documents.create(tenant, SILENCES, owner, AlertStateJson.write(s, null));
        return AlertStateJson.readSilence(d.id(), d.body());
    }

    public boolean deleteSilence(String tenant, String id) {
        return documents.delete(tenant, SILENCES, id);
    }

    private void refuseProvisioned(String tenant, String id) {
        if (provisioned.getOrDefault(tenant, Map.of()).containsKey(id)) {
            throw new ProvisionedRuleException(id);
        }
    }

    private Map<String, VersionedRule> stored(String tenant) {
        return rules.computeIfAbsent(tenant, t -> {
            Map<String, VersionedRule> byId = Collections.synchronizedMap(new LinkedHashMap<>());
            for (StoredDocument d : documents.list(t, RULES)) {
                try {
                    byId.put(d.id(), versioned(d, AlertRuleJson.read(d.body(), d.id(), false, null)));
                } catch (IllegalArgumentException e) {
                    LOG.warn("alert rule {} of tenant {} cannot be read and is not evaluated: {}", d.id(), t,
                            e.getMessage());
                }
            }
            return byId;
        });
    }

    private static VersionedRule versioned(StoredDocument d, AlertRule rule) {
        return new VersionedRule(rule, d.version(), d.owner(), d.updated());
    }
}
