package dev.logline.server.collect.elastic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.MalformedEventException;
import dev.logline.server.ingest.EventCheck;
import dev.logline.server.ingest.IngestLimits;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads an Elasticsearch {@code _bulk} body: action lines ({@code index}, {@code create}, {@code update},
 * {@code delete}) each followed by its document line except {@code delete}. Blank lines anywhere are skipped
 * (rsyslog's omelasticsearch writes them), unknown metadata keys ignored. Documents become events; the target
 * index is kept as the attribute {@value #INDEX_ATTRIBUTE}.
 */
final class EsBulkDecoder {

    /** The attribute that records the index a document was sent to. */
    static final String INDEX_ATTRIBUTE = "es_index";

    /** The index of actions that name none, neither in the line nor in the URL. */
    static final String DEFAULT_INDEX = "logline";

    private static final SecureRandom IDS = new SecureRandom();

    private final IngestLimits limits;
    private final EventCheck check;

    EsBulkDecoder(IngestLimits limits, EventCheck check) {
        this.limits = limits;
        this.check = check;
    }

    /**
     * @param urlIndex the index from {@code /{index}/_bulk}, or {@code null}
     * @throws MalformedBulkException when an action line is unreadable
     */
    List<BulkItem> decode(byte[] body, String urlIndex, long receivedMicros) {
        List<BulkItem> items = new ArrayList<>();
        int pos = 0;
        int line = 0;
        while (true) {
            // next action line
            int[] span = new int[2];
            int[] lineNo = {line};
            pos = nextLine(body, pos, span, lineNo);
            line = lineNo[0];
            if (span[0] < 0) {
                return items;
            }
            int actionLine = line;
            Action action = readAction(body, span[0], span[1], actionLine, urlIndex);
            if (action.name.equals("delete")) {
                items.add(new BulkItem(action.name, action.index, action.id, actionLine, null,
                        new BulkItem.EsError("illegal_argument_exception",
                                "Logline stores logs append-only; delete is not supported")));
                continue;
            }
            pos = nextLine(body, pos, span, lineNo);
            line = lineNo[0];
            if (span[0] < 0) {
                items.add(new BulkItem(action.name, action.index, action.id, actionLine, null,
                        new BulkItem.EsError("action_request_validation_exception",
                                "the " + action.name + " action on line " + actionLine + " has no document line after it")));
                return items;
            }
            if (action.name.equals("update")) {
                items.add(new BulkItem(action.name, action.index, action.id, actionLine, null,
                        new BulkItem.EsError("illegal_argument_exception",
                                "Logline stores logs append-only; update is not supported")));
                continue;
            }
            items.add(readDocument(body, span[0], span[1], action, actionLine, receivedMicros));
        }
    }

    private BulkItem readDocument(byte[] body, int from, int to, Action action, int actionLine, long receivedMicros) {
        int length = to - from;
        if (length > limits.maxEventBytes()) {
            return refused(action, actionLine, "document is " + length + " bytes, over the limit of "
                    + limits.maxEventBytes() + " bytes");
        }
        try {
            LogEvent e = LogEventJson.parse(body, from, length, receivedMicros);
            if (action.index != null && e.attribute(INDEX_ATTRIBUTE) == null) {
                e = e.toBuilder().attribute(INDEX_ATTRIBUTE, action.index).build();
            }
            String violation = check.violation(e, length);
            if (violation != null) {
                return refused(action, actionLine, violation);
            }
            return new BulkItem(action.name, action.index, action.id, actionLine, e, null);
        } catch (MalformedEventException e) {
            return new BulkItem(action.name, action.index, action.id, actionLine, null,
                    new BulkItem.EsError("document_parsing_exception", "[" + (actionLine + 1) + ":1] " + e.getMessage()));
        }
    }

    private static BulkItem refused(Action action, int actionLine, String reason) {
        return new BulkItem(action.name, action.index, action.id, actionLine, null,
                new BulkItem.EsError("illegal_argument_exception", reason));
    }

    /** The action name and the metadata we use; every other key is skipped. */
    private static final class Action {
        String name;
        String index;
        String id;
    }

    private static Action readAction(byte[] body, int from, int to, int line, String urlIndex) {
        Action a = new Action();
        try (JsonParser p = LogEventJson.FACTORY.createParser(body, from, to - from)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME) {
                throw malformed(line, "expected an object like {\"index\":{}}");
            }
            a.name = p.currentName();
            if (!a.name.equals("index") && !a.name.equals("create") && !a.name.equals("update") && !a.name.equals("delete")) {
                throw malformed(line, "expected one of [create, delete, index, update] but found [" + a.name + "]");
            }
            JsonToken meta = p.nextToken();
            if (meta == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if (key.equals("_index") && v == JsonToken.VALUE_STRING) {
                        a.index = p.getText();
                    } else if (key.equals("_id") && v.isScalarValue() && v != JsonToken.VALUE_NULL) {
                        a.id = p.getText();
                    } else {
                        p.skipChildren(); // pipeline, routing, require_alias, _type (ES 6), …: not ours to act on
                    }
                }
            } else if (meta != JsonToken.VALUE_NULL) {
                throw malformed(line, "the action's metadata must be an object");
            }
        } catch (IOException e) {
            throw malformed(line, "not valid JSON: " + e.getMessage().split("\n", 2)[0]);
        }
        if (a.index == null || a.index.isEmpty()) {
            a.index = urlIndex != null ? urlIndex : DEFAULT_INDEX;
        }
        if (a.id == null) {
            a.id = newId();
        }
        return a;
    }

    private static MalformedBulkException malformed(int line, String why) {
        return new MalformedBulkException("Malformed action/metadata line [" + line + "]: " + why);
    }

    /** A 20-character URL-safe id, the shape Elasticsearch's auto ids have. */
    private static String newId() {
        byte[] b = new byte[15];
        IDS.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Finds the next non-blank line at or after {@code pos}; stores its [from, to) in {@code span} (from = -1 at
     * the end) and its 1-based number in {@code line[0]}; returns the position after it.
     */
    private static int nextLine(byte[] b, int pos, int[] span, int[] line) {
        while (pos < b.length) {
            int end = pos;
            while (end < b.length && b[end] != '\n') {
                end++;
            }
            line[0]++;
            int stop = end;
            while (stop > pos && (b[stop - 1] == '\r' || b[stop - 1] == ' ' || b[stop - 1] == '\t')) {
                stop--;
            }
            int start = pos;
            while (start < stop && (b[start] == ' ' || b[start] == '\t')) {
                start++;
            }
            if (start < stop) {
                span[0] = start;
                span[1] = stop;
                return end + 1;
            }
            pos = end + 1;
        }
        span[0] = -1;
        return pos;
    }
}
