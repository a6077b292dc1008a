package dev.logline.core.redact;

import com.fasterxml.jackson.core.JsonParser;
import dev.logline.core.ErrorInfo;
import dev.logline.core.JsonValues;
import dev.logline.core.Level;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leak corpus ({@code leak-corpus.json}): realistic events with secrets in messages, nested attributes,
 * exception messages and URLs, the secrets that must never come back, and ordinary ids that must come back
 * verbatim. Every path that redacts (the encoder and appender, {@code logline ship}, the server's collectors) is
 * tested against it.
 */
public final class LeakCorpus {

    /**
     * One case.
     *
     * @param name       what it shows
     * @param msg        the message
     * @param attributes attributes, nested
     * @param errorType  an exception's type, or {@code null}
     * @param errorMessage the exception's message, or {@code null}
     * @param secrets    what must not come back
     */
    public record Case(String name, String msg, Map<String, Object> attributes, String errorType, String errorMessage,
                       List<String> secrets) {

        /** The case as an event at {@code time}. */
        public LogEvent event(Instant time) {
            return LogEvent.builder().timestamp(time).level(errorType == null ? Level.INFO : Level.ERROR).msg(msg)
                    .service("corpus").attributes(attributes)
                    .error(errorType == null ? null : new ErrorInfo(errorType, errorMessage)).build();
        }
    }

    private final String rules;
    private final List<Case> cases;
    private final List<String> ordinary;

    private LeakCorpus(String rules, List<Case> cases, List<String> ordinary) {
        this.rules = rules;
        this.cases = cases;
        this.ordinary = ordinary;
    }

    /** Reads the corpus from the classpath. */
    @SuppressWarnings("unchecked")
    public static LeakCorpus load() {
        try (InputStream in = LeakCorpus.class.getResourceAsStream("leak-corpus.json");
             JsonParser p = LogEventJson.FACTORY.createParser(in)) {
            p.nextToken();
            Map<String, Object> root = JsonValues.readObject(p);
            List<Case> cases = new ArrayList<>();
            for (Object o : (List<Object>) root.get("cases")) {
                Map<String, Object> c = (Map<String, Object>) o;
                Map<String, Object> error = (Map<String, Object>) c.get("error");
                cases.add(new Case((String) c.get("name"), (String) c.get("msg"),
                        (Map<String, Object>) c.getOrDefault("attributes", new LinkedHashMap<>()),
                        error == null ? null : (String) error.get("type"),
                        error == null ? null : (String) error.get("message"),
                        (List<String>) (List<?>) c.get("secrets")));
            }
            return new LeakCorpus((String) root.get("rules"), List.copyOf(cases),
                    (List<String>) (List<?>) root.get("ordinary"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy the corpus runs with: the built-in rules and the corpus's own (emails, IBANs). */
    public RedactionPolicy policy() {
        return RedactionPolicy.builder().withDefaults().rules(rules).build();
    }

    /** The rules added to the built-in set, in the rule syntax. */
    public String rules() {
        return rules;
    }

    public List<Case> cases() {
        return cases;
    }

    /** Ordinary ids, times and versions that must come back verbatim. */
    public List<String> ordinary() {
        return ordinary;
    }

    /** One more case carrying every ordinary value, in its message and as attributes. */
    public Case ordinaryCase() {
        Map<String, Object> attrs = new LinkedHashMap<>();
        for (int i = 0; i < ordinary.size(); i++) {
            attrs.put("id_" + i, ordinary.get(i));
        }
        return new Case("ordinary ids", "ids " + String.join(" ", ordinary), attrs, null, null, List.of());
    }

    /** Every secret of every case. */
    public List<String> secrets() {
        List<String> all = new ArrayList<>();
        cases.forEach(c -> all.addAll(c.secrets()));
        return all;
    }
}
