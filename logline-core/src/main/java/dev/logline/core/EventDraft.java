package dev.logline.core;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event while {@link EventNormalizer} reads its fields, in one pass: the reserved values, the best alias seen
 * so far for each reserved field, the attributes, and what {@link LoggerFormats} gathered (an error written as
 * text, a message template, fields whose meaning depends on the rest of the line). Not thread-safe; one per event.
 */
final class EventDraft {

    private static final ReservedField[] FIELDS = ReservedField.values();

    /** Values of reserved names as given (may be {@code null}); {@link #reservedMask} says which were given. */
    private final Object[] reserved = new Object[FIELDS.length];
    private int reservedMask;

    /** The alias of lowest rank per reserved field, its key and rank; {@link #candidateMask} says which exist. */
    private final Object[] candidate = new Object[FIELDS.length];
    private final String[] candidateKey = new String[FIELDS.length];
    private final int[] candidateRank = new int[FIELDS.length];
    private int candidateMask;

    final Map<String, Object> attributes = LogEvent.newAttributeMap();

    // What LoggerFormats gathered.
    /**
     * An error a format wrote in its own fields (a traceback text, pino's err, ECS's error.*), and those fields as
     * given, which become attributes again should the event carry its own {@code error} as well.
     */
    ErrorInfo formatError;
    Map<String, Object> formatErrorOriginals = Map.of();
    /** A stack without a type or message (zap's stacktrace, loguru's text), with its key. */
    String stack;
    String stackKey;
    /** loguru's level number, for a custom level whose name is not one of ours. */
    Number pythonLevelNo;
    /** Fields kept until the line is read, since what they mean depends on other fields. */
    Object text;
    Object target;
    Object levelValue;
    Object logstashVersion;
    Object bunyanVersion;
    Object created;
    String template;
    boolean loguru;
    boolean tracing;

    /** Takes one top-level field. */
    void put(String key, Object value) {
        ReservedField field = ReservedField.of(key);
        if (value instanceof Map && FieldAliases.isObjectPrefix(key) && !isStructuredReserved(field)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> nested = new LinkedHashMap<>((Map<String, Object>) value);
            for (Iterator<Map.Entry<String, Object>> it = nested.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Object> n = it.next();
                String dotted = key + "." + n.getKey();
                FieldAliases.Alias alias = FieldAliases.lookup(dotted);
                if (alias != null && isScalar(n.getValue()) && !hasCandidate(alias.target())) {
                    offer(alias.target(), n.getValue(), dotted, alias.rank());
                    it.remove();
                }
            }
            if (nested.isEmpty()) {
                return;
            }
            if (field != null) {
                // A reserved name cannot hold an object: keep what is left under dotted names.
                nested.forEach((k, v) -> attributes.put(key + "." + k, v));
                return;
            }
            value = nested;
        }
        if (field != null) {
            reserved[field.ordinal()] = value;
            reservedMask |= 1 << field.ordinal();
            return;
        }
        if (LoggerFormats.take(this, key, value)) {
            return;
        }
        FieldAliases.Alias alias = FieldAliases.lookup(key);
        if (alias != null) {
            // A message may be structured (OTLP's body), but an object under "log" is ECS's log.* group, not a message.
            boolean messageObject = alias.target() == ReservedField.MSG && !FieldAliases.isObjectPrefix(key);
            if (isScalar(value) || messageObject) {
                offer(alias.target(), value, key, alias.rank());
                return;
            }
        }
        attributes.put(key, value);
    }

    /**
     * Offers a value for a reserved field under an alias: it becomes the candidate when it ranks better than the
     * current one (lower rank; on a tie the first stays), and whichever loses stays an attribute under its key.
     */
    void offer(ReservedField field, Object value, String key, int rank) {
        int i = field.ordinal();
        if (hasCandidate(field)) {
            if (rank >= candidateRank[i]) {
                attributes.put(key, value);
                return;
            }
            attributes.put(candidateKey[i], candidate[i]);
        }
        candidate[i] = value;
        candidateKey[i] = key;
        candidateRank[i] = rank;
        candidateMask |= 1 << i;
    }

    /** Sets the format's error, remembering the field it came from (several for ECS's flat error.* keys). */
    void formatError(ErrorInfo error, String key, Object original) {
        if (formatErrorOriginals.isEmpty()) {
            formatErrorOriginals = new LinkedHashMap<>(4);
        }
        formatError = error;
        formatErrorOriginals.put(key, original);
    }

    boolean hasCandidate(ReservedField field) {
        return (candidateMask & 1 << field.ordinal()) != 0;
    }

    /** The key of the current candidate for the field, or {@code null}. */
    String candidateKey(ReservedField field) {
        return hasCandidate(field) ? candidateKey[field.ordinal()] : null;
    }

    /** The value of the current candidate for the field, or {@code null}. */
    Object candidateValue(ReservedField field) {
        return hasCandidate(field) ? candidate[field.ordinal()] : null;
    }

    boolean hasReserved(ReservedField field) {
        return (reservedMask & 1 << field.ordinal()) != 0;
    }

    /** Whether the field will have a value: a reserved name or an alias gave one. */
    boolean has(ReservedField field) {
        return hasReserved(field) || hasCandidate(field);
    }

    /**
     * The reserved values after every field was read: an alias counts only when its reserved name is absent;
     * otherwise it stays an attribute. Call once, after {@link LoggerFormats#finish}.
     */
    Object[] resolve() {
        for (int i = 0; i < FIELDS.length; i++) {
            if ((candidateMask & 1 << i) == 0) {
                continue;
            }
            if ((reservedMask & 1 << i) != 0) {
                attributes.put(candidateKey[i], candidate[i]);
            } else {
                reserved[i] = candidate[i];
                reservedMask |= 1 << i;
            }
        }
        return reserved;
    }

    static boolean isScalar(Object v) {
        return !(v instanceof Map) && !(v instanceof List);
    }

    private static boolean isStructuredReserved(ReservedField field) {
        return field == ReservedField.ERROR || field == ReservedField.STEPS;
    }
}
