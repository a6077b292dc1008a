package dev.logline.context;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of the one event that describes a whole request, which any code running for the request may add
 * to: {@code RequestEvent.current().put("order_id", id)}. The servlet filter emits it when the request ends.
 *
 * <p>{@link #current()} never returns {@code null}: outside a request it returns an inert instance that ignores
 * fields, so library code can call it unconditionally. Safe to use from several threads (work handed to a
 * context-propagating executor sees the same instance).
 */
public final class RequestEvent {

    private static final RequestEvent INERT = new RequestEvent(false);

    private final boolean active;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private RequestEvent(boolean active) {
        this.active = active;
    }

    /** A new, active request event, not yet bound to any thread. */
    public static RequestEvent create() {
        return new RequestEvent(true);
    }

    /** The request event of the current request, or an inert one outside a request. */
    public static RequestEvent current() {
        RequestEvent bound = ContextState.current().request();
        return bound == null ? INERT : bound;
    }

    /** Makes this the current request event on this thread until the scope closes. */
    public ContextScope bind() {
        ContextState previous = ContextState.swap(ContextState.current().withRequest(this));
        return new ContextScope(previous, () -> { });
    }

    /** False for the inert instance that ignores fields. */
    public boolean isActive() {
        return active;
    }

    public RequestEvent put(String key, String value) {
        return putValue(key, value);
    }

    public RequestEvent put(String key, long value) {
        return putValue(key, value);
    }

    public RequestEvent put(String key, double value) {
        return putValue(key, value);
    }

    public RequestEvent put(String key, boolean value) {
        return putValue(key, value);
    }

    /** Adds any value; the encoder writes numbers, booleans, maps and lists typed and everything else as text. */
    public RequestEvent put(String key, Object value) {
        return putValue(key, value);
    }

    private RequestEvent putValue(String key, Object value) {
        if (active && key != null) {
            synchronized (fields) {
                fields.put(key, value);
            }
        }
        return this;
    }

    /** A copy of the fields added so far, in the order they were first added. */
    public Map<String, Object> fields() {
        synchronized (fields) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }
}
