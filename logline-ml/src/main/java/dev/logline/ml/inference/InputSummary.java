package dev.logline.ml.inference;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a prediction was asked about, without the input itself: its shape and size, and the feature values you
 * choose to show (which pass through {@link InferenceLog.Builder#inputRedaction the redaction hook} before they
 * are logged). Logged as the {@code input} attribute.
 */
public final class InputSummary {

    /** No summary: the {@code input} attribute is left out. */
    public static final InputSummary NONE = new InputSummary(Map.of());

    private final Map<String, Object> fields;

    private InputSummary(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** A tensor's shape ({@code shape}) and element count ({@code size}). */
    public static InputSummary shape(int... dims) {
        long size = 1;
        Object[] boxed = new Object[dims.length];
        for (int i = 0; i < dims.length; i++) {
            size *= dims[i];
            boxed[i] = dims[i];
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shape", java.util.List.of(boxed));
        m.put("size", size);
        return new InputSummary(m);
    }

    /** A text's length in characters and UTF-8 bytes, never the text. */
    public static InputSummary text(CharSequence text) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chars", text.length());
        m.put("bytes", text.toString().getBytes(StandardCharsets.UTF_8).length);
        return new InputSummary(m);
    }

    /** Named feature values, logged as {@code input.features.<name>}, and their count as {@code input.size}. */
    public static InputSummary features(Map<String, ?> features) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("size", features.size());
        m.put("features", new LinkedHashMap<>(features));
        return new InputSummary(m);
    }

    /** This summary with one more attribute. */
    public InputSummary with(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(fields);
        m.put(key, value);
        return new InputSummary(m);
    }

    /** The attributes, read-only. */
    public Map<String, Object> toAttributes() {
        return Collections.unmodifiableMap(fields);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
