package dev.logline.core.redact;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.logline.core.ErrorInfo;
import dev.logline.core.JsonValues;
import dev.logline.core.LogEvent;
import dev.logline.core.LogEventJson;
import dev.logline.core.Step;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The redaction engine: removes secrets and personal data from log data by the rules of a {@link RedactionPolicy}.
 * One engine serves the encoder and appender (before an event leaves the process), {@code logline ship}, and the
 * server's ingest path for every protocol.
 *
 * <p>It applies field rules by path at any depth and value detectors to every text: messages, string attributes at
 * any depth, exception messages and stacks, URLs and their query strings, LogTrace step messages. What it leaves
 * alone: the event's time, level, ids (trace, span) and resource fields (service, env, version, host, logger,
 * thread). Every method returns its argument itself when nothing matched, so the common case allocates nothing.
 * Thread-safe.
 */
public final class Redactor {

    /** What {@link #attribute} returns for a field a rule drops: the caller leaves the field out. */
    public static final Object DROP = new Object() {
        @Override
        public String toString() {
            return "[dropped by redaction]";
        }
    };

    /** The replacement of a masked field. */
    public static final String MASK = "[REDACTED]";

    /** Values nested deeper than this are redacted as their text. */
    private static final int MAX_DEPTH = 32;
    private static final Redactor NONE = new Redactor(RedactionPolicy.none());

    private final RedactionPolicy policy;
    private final boolean active;
    private final TextScanner scanner;
    private final FieldRule[] fields;
    private final SpanRule card;
    private final ValueHasher hasher;
    /** Top-level attribute names seen before, with their rule: names recur, so each is worked out once. */
    private final TopLevel[] names = new TopLevel[1024];

    private record TopLevel(String key, FieldRule rule, char[][] path) {
    }

    private Redactor(RedactionPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.active = policy.active();
        this.scanner = new TextScanner(policy);
        this.fields = policy.fields().toArray(new FieldRule[0]);
        this.card = policy.detector(Detector.CARD);
        this.hasher = policy.hashKey() == null ? null : new ValueHasher(policy.hashKey());
    }

    /** An engine running a policy. */
    public static Redactor of(RedactionPolicy policy) {
        return new Redactor(policy);
    }

    /** An engine that changes nothing. */
    public static Redactor none() {
        return NONE;
    }

    /** The policy this engine runs. */
    public RedactionPolicy policy() {
        return policy;
    }

    /** Whether the engine has any rule; when not, every method returns its argument at once. */
    public boolean active() {
        return active;
    }

    /**
     * A text with what the rules find in it replaced (a message, an exception message, a stack). The text cannot be
     * dropped, so a {@code drop} rule masks its span.
     */
    public String text(String s) {
        if (!active || s == null) {
            return s;
        }
        return (String) scanText(s, false);
    }

    /**
     * A top-level attribute's value as it may leave: itself when nothing matched, a redacted copy, or {@link #DROP}
     * when a rule drops the field. The name may be dotted ({@code headers.authorization}); values may be strings,
     * numbers, maps, lists, arrays, LogTrace steps, or any object (redacted as its {@code toString()}).
     */
    public Object attribute(String name, Object value) {
        if (!active || value == null || name == null) {
            return value;
        }
        TopLevel t = topLevel(name);
        if (t.rule != null) {
            return applyField(t.rule, value);
        }
        return value(value, t.path, t.path.length, 0);
    }

    /** The attributes of an event as they may leave (the same map when nothing changed). */
    public Map<String, Object> attributes(Map<String, Object> attributes) {
        if (!active || attributes.isEmpty()) {
            return attributes;
        }
        Map<String, Object> copy = null;
        int index = 0;
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            Object v = e.getValue();
            Object r = attribute(e.getKey(), v);
            if (r != v && copy == null) {
                copy = copyFirst(attributes, index);
            }
            if (copy != null && r != DROP) {
                copy.put(e.getKey(), r);
            }
            index++;
        }
        return copy == null ? attributes : copy;
    }

    /** The event as it may be stored (itself when nothing changed). */
    public LogEvent event(LogEvent e) {
        if (!active) {
            return e;
        }
        String msg = text(e.msg());
        Map<String, Object> attrs = attributes(e.attributes());
        ErrorInfo error = error(e.error(), 0);
        List<Step> steps = steps(e.steps());
        if (msg == e.msg() && attrs == e.attributes() && error == e.error() && steps == e.steps()) {
            return e;
        }
        return new LogEvent(e.tsMicros(), e.level(), msg, e.service(), e.env(), e.version(), e.host(), e.logger(),
                e.thread(), e.traceId(), e.spanId(), error, steps, e.durationMs(), e.tenant(), attrs);
    }

    /** An exception as it may leave: messages and stacks redacted, down its causes. */
    public ErrorInfo error(ErrorInfo e) {
        return active ? error(e, 0) : e;
    }

    /**
     * A line of JSON as it may leave: when it is one JSON object, its fields by the field rules (at any depth) and
     * its strings by the detectors, written back only when something changed; any other line as text.
     */
    public String jsonLine(String line) {
        if (!active || line == null) {
            return line;
        }
        Map<String, Object> object;
        try (JsonParser p = LogEventJson.FACTORY.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return text(line);
            }
            object = JsonValues.readObject(p);
            if (p.nextToken() != null) {
                return text(line);
            }
        } catch (IOException notJson) {
            return text(line);
        }
        Map<String, Object> redacted = attributes(object);
        if (redacted == object) {
            return line;
        }
        StringWriter out = new StringWriter(line.length());
        try (JsonGenerator g = LogEventJson.FACTORY.createGenerator(out)) {
            LogEventJson.writeValue(g, redacted);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    // ------------------------------------------------------------------ values

    private Object value(Object v, char[][] path, int len, int depth) {
        if (v instanceof String) {
            return scanText((String) v, true);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof AtomicLong
                || v instanceof AtomicInteger) {
            return integral(v);
        }
        if (v instanceof Number || v instanceof Boolean || v instanceof Enum || v instanceof Character) {
            return v;
        }
        if (depth >= MAX_DEPTH) {
            String s = String.valueOf(v);
            Object r = scanText(s, true);
            return r == s ? v : r;
        }
        if (v instanceof Map) {
            return map((Map<?, ?>) v, path, len, depth);
        }
        if (v instanceof Step) {
            Step s = (Step) v;
            String m = text(s.msg());
            return m == s.msg() ? s : new Step(s.tMs(), s.dtMs(), s.line(), m);
        }
        if (v instanceof Iterable) {
            return iterable((Iterable<?>) v, path, len, depth);
        }
        if (v instanceof Object[]) {
            List<Object> list = Arrays.asList((Object[]) v);
            Object r = iterable(list, path, len, depth);
            return r == list ? v : r;
        }
        if (v.getClass().isArray()) {
            return v; // primitive arrays: numbers
        }
        String s = String.valueOf(v);
        Object r = scanText(s, true);
        return r == s ? v : r;
    }

    /** A whole number the length of a card number is checked like one (a card logged as a long). */
    private Object integral(Object v) {
        if (card == null || v instanceof Integer || v instanceof AtomicInteger
                || (v instanceof Long || v instanceof AtomicLong) && Math.abs(((Number) v).longValue()) < 1_000_000_000_000L) {
            return v; // fewer than 13 digits
        }
        String s = v.toString();
        int n = s.length();
        if (n < CardNumbers.MIN_DIGITS || n > CardNumbers.MAX_DIGITS || CardNumbers.match(s, 0, n) != n) {
            return v;
        }
        return card.action() == RedactAction.DROP ? DROP : replacement(s, 0, n, card);
    }

    private Object map(Map<?, ?> m, char[][] path, int len, int depth) {
        Map<String, Object> copy = null;
        int index = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            char[][] child = childPath(path, len, k);
            FieldRule rule = ruleFor(child, child.length);
            Object v = e.getValue();
            Object r = v == null ? null : rule != null ? applyField(rule, v) : value(v, child, child.length, depth + 1);
            if (r != v && copy == null) {
                copy = copyFirst(m, index);
            }
            if (copy != null && r != DROP) {
                copy.put(k, r);
            }
            index++;
        }
        return copy == null ? m : copy;
    }

    private Object iterable(Iterable<?> it, char[][] path, int len, int depth) {
        List<Object> copy = null;
        int index = 0;
        for (Object v : it) {
            Object r = v == null ? null : value(v, path, len, depth + 1);
            if (r != v && copy == null) {
                copy = new ArrayList<>();
                Iterator<?> again = it.iterator();
                for (int k = 0; k < index; k++) {
                    copy.add(again.next());
                }
            }
            if (copy != null && r != DROP) {
                copy.add(r);
            }
            index++;
        }
        return copy == null ? it : copy;
    }

    private static Map<String, Object> copyFirst(Map<?, ?> m, int count) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(16, m.size() * 2));
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        for (int k = 0; k < count; k++) {
            Map.Entry<?, ?> e = it.next();
            copy.put(String.valueOf(e.getKey()), e.getValue());
        }
        return copy;
    }

    private ErrorInfo error(ErrorInfo e, int depth) {
        if (e == null || depth >= MAX_DEPTH) {
            return e;
        }
        String message = text(e.message());
        String stack = text(e.stack());
        ErrorInfo cause = error(e.cause(), depth + 1);
        if (message == e.message() && stack == e.stack() && cause == e.cause()) {
            return e;
        }
        return new ErrorInfo(e.type(), message, stack, e.hash(), cause);
    }

    private List<Step> steps(List<Step> steps) {
        List<Step> copy = null;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String m = text(s.msg());
            if (m != s.msg() && copy == null) {
                copy = new ArrayList<>(steps.subList(0, i));
            }
            if (copy != null) {
                copy.add(m == s.msg() ? s : new Step(s.tMs(), s.dtMs(), s.line(), m));
            }
        }
        return copy == null ? steps : copy;
    }

    // ------------------------------------------------------------------ field rules

    private TopLevel topLevel(String key) {
        int h = key.hashCode();
        int slot = (h ^ (h >>> 16)) & (names.length - 1);
        TopLevel t = names[slot];
        if (t != null && (t.key == key || t.key.equals(key))) {
            return t;
        }
        char[][] path = childPath(new char[0][], 0, key);
        // An immutable record published through a racy write is safe: readers see it whole or not at all.
        t = new TopLevel(key, ruleFor(path, path.length), path);
        names[slot] = t;
        return t;
    }

    /** The path of a child: the parent's segments, then the name's own dot-separated segments, normalized. */
    private static char[][] childPath(char[][] parent, int len, String name) {
        int segments = 1;
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '.') {
                segments++;
            }
        }
        char[][] path = Arrays.copyOf(parent, len + segments);
        int seg = len;
        int from = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '.') {
                path[seg++] = FieldPattern.normalize(name, from, i);
                from = i + 1;
            }
        }
        return path;
    }

    private FieldRule ruleFor(char[][] path, int len) {
        for (FieldRule r : fields) {
            if (r.pattern().matches(path, len)) {
                return r;
            }
        }
        return null;
    }

    private Object applyField(FieldRule rule, Object v) {
        boolean scalar = v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Enum
                || v instanceof Character;
        switch (rule.action()) {
            case DROP:
                return DROP;
            case PARTIAL:
                if (scalar) {
                    String s = String.valueOf(v);
                    return partial(s, 0, s.length());
                }
                return MASK;
            case HASH:
                return scalar ? hasher.hash(CardNumbers.normalizeIfCard(String.valueOf(v))) : MASK;
            default:
                return MASK;
        }
    }

    // ------------------------------------------------------------------ text

    /** The text redacted, or itself, or {@link #DROP} when {@code droppable} and a matching rule drops. */
    private Object scanText(String s, boolean droppable) {
        Spans spans = scanner.scan(s);
        if (spans == null) {
            return s;
        }
        if (droppable && spans.drops()) {
            return DROP;
        }
        StringBuilder b = new StringBuilder(s.length() + 16 * spans.size());
        int at = 0;
        for (int i = 0; i < spans.size(); i++) {
            b.append(s, at, spans.start(i));
            b.append(replacement(s, spans.start(i), spans.end(i), spans.rule(i)));
            at = spans.end(i);
        }
        b.append(s, at, s.length());
        return b.toString();
    }

    private String replacement(String s, int start, int end, SpanRule rule) {
        switch (rule.action()) {
            case PARTIAL:
                return partial(s, start, end);
            case HASH:
                return hasher.hash(normalized(s, start, end, rule.detector()));
            default:
                return rule.label() == null ? MASK : "[REDACTED:" + rule.label() + "]";
        }
    }

    /** The form a value is hashed in, so one card or address hashes the same however it was written. */
    private static String normalized(String s, int start, int end, Detector d) {
        if (d == Detector.CARD || d == Detector.IBAN) {
            StringBuilder b = new StringBuilder(end - start);
            for (int i = start; i < end; i++) {
                char c = s.charAt(i);
                if (c != ' ' && c != '-') {
                    b.append(c);
                }
            }
            return b.toString();
        }
        String v = s.substring(start, end);
        return d == Detector.EMAIL ? v.toLowerCase(java.util.Locale.ROOT) : v;
    }

    /**
     * Every letter and digit but the last four becomes {@code *}; other characters stay. A value of fewer than 8
     * letters and digits keeps none, so a short secret is never mostly shown.
     */
    static String partial(String s, int start, int end) {
        int alnum = 0;
        for (int i = start; i < end; i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                alnum++;
            }
        }
        int keep = alnum >= 8 ? 4 : 0;
        StringBuilder b = new StringBuilder(end - start);
        int seen = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                seen++;
                b.append(seen > alnum - keep ? c : '*');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
