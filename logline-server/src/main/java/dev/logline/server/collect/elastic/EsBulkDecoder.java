package dev.logline.server.collect.elastic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.MalformedEventException;
import dev.logline.server.ingest.DecodedBatch;
import dev.logline.server.ingest.DecodedItem;
import dev.logline.server.ingest.EventJsonReader;
import dev.logline.server.ingest.JsonSyntax;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads an Elasticsearch {@code _bulk} body: action lines ({@code index}, {@code create}, {@code update},
 * {@code delete}) each followed by its document line except {@code delete}. Blank lines anywhere are skipped
 * (rsyslog's omelasticsearch writes them), unknown metadata keys ignored. Documents become events; the target
 * index is kept as the attribute {@value #INDEX_ATTRIBUTE}. Each document is parsed once and measured by its line.
 */
final class EsBulkDecoder {

    /** The attribute that records the index a document was sent to. */
    static final String INDEX_ATTRIBUTE = "es_index";

    /** The index of actions that name none, neither in the line nor in the URL. */
    static final String DEFAULT_INDEX = "logline";

    private static final SecureRandom IDS = new SecureRandom();

    /** The actions of a request in order, and the documents read from them, numbered by action position. */
    record DecodedBulk(List<BulkItem> actions, DecodedBatch batch) {
    }

    private EsBulkDecoder() {
    }

    /**
     * @param urlIndex the index from {@code /{index}/_bulk}, or {@code null}
     * @throws MalformedBulkException when an action line is unreadable
     */
    static DecodedBulk decode(byte[] body, String urlIndex, long receivedMicros) {
        List<BulkItem> items = new ArrayList<>();
        DecodedBatch.Builder batch = new DecodedBatch.Builder();
        int pos = 0;
        int line = 0;
        while (true) {
            // next action line
            int[] span = new int[2];
            int[] lineNo = {line};
            pos = nextLine(body, pos, span, lineNo);
            line = lineNo[0];
            if (span[0] < 0) {
                return new DecodedBulk(items, batch.build());
            }
            int actionLine = line;
            Action action = readAction(body, span[0], span[1], actionLine, urlIndex);
            if (action.name.equals("delete")) {
                refuse(items, batch, action, actionLine, new BulkItem.EsError("illegal_argument_exception",
                        "Logline stores logs append-only; delete is not supported"));
                continue;
            }
            pos = nextLine(body, pos, span, lineNo);
            line = lineNo[0];
            if (span[0] < 0) {
                refuse(items, batch, action, actionLine, new BulkItem.EsError("action_request_validation_exception",
                        "the " + action.name + " action on line " + actionLine + " has no document line after it"));
                return new DecodedBulk(items, batch.build());
            }
            if (action.name.equals("update")) {
                refuse(items, batch, action, actionLine, new BulkItem.EsError("illegal_argument_exception",
                        "Logline stores logs append-only; update is not supported"));
                continue;
            }
            readDocument(body, span[0], span[1], action, actionLine, receivedMicros, items, batch);
        }
    }

    private static void refuse(List<BulkItem> items, DecodedBatch.Builder batch, Action action, int actionLine,
                               BulkItem.EsError error) {
        items.add(new BulkItem(action.name, action.index, action.id, actionLine, error));
        batch.reject(items.size(), error.reason());
    }

    private static void readDocument(byte[] body, int from, int to, Action action, int actionLine, long receivedMicros,
                                     List<BulkItem> items, DecodedBatch.Builder batch) {
        int length = to - from;
        try {
            LogEvent e = EventJsonReader.read(body, from, length, receivedMicros);
            if (action.index != null && e.attribute(INDEX_ATTRIBUTE) == null) {
                e = e.toBuilder().attribute(INDEX_ATTRIBUTE, action.index).build();
            }
            items.add(new BulkItem(action.name, action.index, action.id, actionLine, null));
            batch.add(new DecodedItem(items.size(), e, length));
        } catch (MalformedEventException e) {
            refuse(items, batch, action, actionLine,
                    new BulkItem.EsError("document_parsing_exception", "[" + (actionLine + 1) + ":1] " + e.getMessage()));
        }
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
        } catch (JsonProcessingException e) {
            throw malformed(line, JsonSyntax.describe(e));
        } catch (IOException e) {
            throw malformed(line, "unreadable; send UTF-8 JSON");
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
