package dev.logline.logback.layout;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.logline.context.MdcKeys;
import dev.logline.core.LogEvent;
import dev.logline.core.redact.Redactor;
import dev.logline.logback.json.EncodeState;
import dev.logline.logback.json.KeyRegistry;
import dev.logline.logback.json.QuotedStringCache;
import dev.logline.logback.json.Utf8JsonWriter;
import org.slf4j.event.KeyValuePair;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes an event's MDC entries and SLF4J key-values as members of the current JSON object, never repeating a
 * key: a name the layout already uses, or an earlier attribute used, is kept under
 * {@link LogEvent#COLLISION_PREFIX} ({@code attr_level}). A {@code steps} key-value holding LogTrace steps and a
 * numeric {@code duration_ms} become the preset's steps and duration fields. Every value goes through the
 * {@link Redactor} first: by its name (at any depth of a map) and by what it holds; a dropped field is not written.
 */
public final class AttributeWriter {

    private static final String STEPS = "steps";
    private static final String DURATION_MS = "duration_ms";

    private final FieldNames names;
    private final DottedKeys dottedKeys;
    private final boolean gelf;
    private final Redactor redactor;
    /** Attribute names: the same string objects event after event (literals in the code that logs them). */
    private final QuotedStringCache keys = new QuotedStringCache(1024);

    public AttributeWriter(FieldNames names, DottedKeys dottedKeys, Redactor redactor) {
        this.names = names;
        this.redactor = redactor;
        this.gelf = names.preset() == Preset.GELF;
        // GELF has no nested values: its additional fields are flat by definition.
        this.dottedKeys = gelf ? DottedKeys.FLAT : dottedKeys;
    }

    /**
     * Writes the attributes into the object being written.
     *
     * @param taken        names the layout writes in the same object (fixed fields)
     * @param lifted       the MDC keys of trace and span id, which the layout wrote as fixed fields
     */
    public void write(ILoggingEvent event, EncodeState state, Set<String> taken, MdcKeys lifted) {
        Utf8JsonWriter w = state.writer();
        KeyRegistry used = state.keys();
        Map<String, String> mdc = event.getMDCPropertyMap();
        List<KeyValuePair> kvs = event.getKeyValuePairs();
        if (dottedKeys == DottedKeys.NEST) {
            writeNested(mdc, kvs, w, used, taken, lifted);
            return;
        }
        if (mdc != null && !mdc.isEmpty()) {
            for (Map.Entry<String, String> e : mdc.entrySet()) {
                String k = e.getKey();
                if (k.equals(lifted.traceId()) || k.equals(lifted.spanId())) {
                    continue;
                }
                member(k, e.getValue(), w, used, taken);
            }
        }
        if (kvs != null) {
            for (int i = 0, n = kvs.size(); i < n; i++) {
                KeyValuePair kv = kvs.get(i);
                if (kv.key == null) {
                    continue;
                }
                if (!special(kv.key, kv.value, w, used)) {
                    member(kv.key, kv.value, w, used, taken);
                }
            }
        }
    }

    /** Writes the steps / duration fields of the LogTrace contract; {@code false} when the pair is not one. */
    private boolean special(String key, Object raw, Utf8JsonWriter w, KeyRegistry used) {
        FieldName field;
        Object value = raw;
        if (key.equals(STEPS) && ValueWriter.isStepList(value)) {
            field = FieldName.STEPS;
        } else if (key.equals(DURATION_MS) && ValueWriter.isNumber(value)) {
            field = FieldName.DURATION_MS;
        } else {
            return false;
        }
        String name = names.name(field);
        if (!used.add(name)) {
            return false;
        }
        value = redactor.attribute(key, value);
        if (value == Redactor.DROP) {
            return true;
        }
        w.key(names.key(field));
        if (gelf && field == FieldName.STEPS) {
            jsonTextValue(value, w);
        } else {
            ValueWriter.write(value, w);
        }
        return true;
    }

    private void member(String key, Object given, Utf8JsonWriter w, KeyRegistry used, Set<String> taken) {
        Object value = redactor.attribute(key, given);
        if (gelf && value == null || value == Redactor.DROP) {
            return;
        }
        String raw = key;
        String name = outputName(raw);
        while (taken.contains(name) || !used.add(name)) {
            raw = LogEvent.COLLISION_PREFIX + raw;
            name = outputName(raw);
        }
        if (name == key) {
            keys.key(name, w);
        } else {
            w.key(name);
        }
        if (gelf) {
            gelfValue(value, w);
        } else {
            ValueWriter.write(value, w);
        }
    }

    /** GELF additional fields: an underscore, then only letters, digits, {@code _ . -}; {@code _id} is reserved. */
    private String outputName(String key) {
        if (!gelf) {
            return key;
        }
        StringBuilder b = new StringBuilder(key.length() + 1).append('_');
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            b.append(Character.isLetterOrDigit(c) && c < 0x80 || c == '_' || c == '.' || c == '-' ? c : '_');
        }
        return b.toString();
    }

    /** GELF values are strings or numbers: other values travel as their JSON text. */
    private static void gelfValue(Object value, Utf8JsonWriter w) {
        if (value instanceof String) {
            w.string((String) value);
        } else if (ValueWriter.isNumber(value)) {
            ValueWriter.write(value, w);
        } else if (value instanceof Boolean || value instanceof Enum) {
            w.string(value.toString());
        } else {
            jsonTextValue(value, w);
        }
    }

    private static void jsonTextValue(Object value, Utf8JsonWriter w) {
        Utf8JsonWriter text = new Utf8JsonWriter(128);
        ValueWriter.write(value, text);
        w.string(new String(text.buffer(), 0, text.size(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private void writeNested(Map<String, String> mdc, List<KeyValuePair> kvs, Utf8JsonWriter w, KeyRegistry used,
                             Set<String> taken, MdcKeys lifted) {
        Map<String, Object> tree = new LinkedHashMap<>();
        List<Map.Entry<String, Object>> conflicts = new ArrayList<>();
        if (mdc != null) {
            for (Map.Entry<String, String> e : mdc.entrySet()) {
                String k = e.getKey();
                if (k.equals(lifted.traceId()) || k.equals(lifted.spanId())) {
                    continue;
                }
                insert(tree, k, e.getValue(), conflicts);
            }
        }
        if (kvs != null) {
            for (KeyValuePair kv : kvs) {
                if (kv.key != null && !special(kv.key, kv.value, w, used)) {
                    insert(tree, kv.key, kv.value, conflicts);
                }
            }
        }
        for (Map.Entry<String, Object> e : tree.entrySet()) {
            member(e.getKey(), e.getValue(), w, used, taken);
        }
        for (Map.Entry<String, Object> e : conflicts) {
            member(e.getKey(), e.getValue(), w, used, taken);
        }
    }

    /**
     * Puts {@code a.b.c} at {@code tree[a][b][c]}. A key that would turn a value into an object or the reverse
     * ({@code a=1} and {@code a.b=2}) is a conflict: it is kept flat, and written after the tree.
     */
    @SuppressWarnings("unchecked")
    private static void insert(Map<String, Object> tree, String key, Object value,
                               List<Map.Entry<String, Object>> conflicts) {
        if (key.isEmpty() || key.startsWith(".") || key.endsWith(".") || key.contains("..")) {
            putLeaf(tree, key, value, key, conflicts);
            return;
        }
        Map<String, Object> node = tree;
        int start = 0;
        int dot;
        while ((dot = key.indexOf('.', start)) > 0) {
            String part = key.substring(start, dot);
            Object child = node.get(part);
            if (child == null && !node.containsKey(part)) {
                child = new NestedObject();
                node.put(part, child);
            } else if (!(child instanceof NestedObject)) {
                conflicts.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
                return;
            }
            node = (Map<String, Object>) child;
            start = dot + 1;
        }
        putLeaf(node, key.substring(start), value, key, conflicts);
    }

    private static void putLeaf(Map<String, Object> node, String name, Object value, String fullKey,
                                List<Map.Entry<String, Object>> conflicts) {
        if (node.containsKey(name)) {
            conflicts.add(new AbstractMap.SimpleImmutableEntry<>(fullKey, value));
        } else {
            node.put(name, value);
        }
    }

    /** Marks maps the nesting created, so a user's own Map value is never merged into. */
    private static final class NestedObject extends LinkedHashMap<String, Object> {
    }
}
