package dev.logline.logback.layout;

import dev.logline.logback.json.Utf8JsonWriter;

import java.util.Map;

/** The output names of the logical fields for one encoder: a preset's defaults with the user's renames applied. */
public final class FieldNames {

    private final Preset preset;
    private final String[] names = new String[FieldName.values().length];
    private final byte[][] keys = new byte[FieldName.values().length][];

    public FieldNames(Preset preset, Map<FieldName, String> renames) {
        this.preset = preset;
        for (FieldName f : FieldName.values()) {
            String n = renames.getOrDefault(f, preset.defaultName(f));
            names[f.ordinal()] = n;
            keys[f.ordinal()] = Utf8JsonWriter.encodeKey(n);
        }
    }

    public Preset preset() {
        return preset;
    }

    /** The output name of a field. */
    public String name(FieldName f) {
        return names[f.ordinal()];
    }

    /** {@code "name":} of a field, pre-encoded. */
    public byte[] key(FieldName f) {
        return keys[f.ordinal()];
    }
}
