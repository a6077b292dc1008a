package dev.logline.ml.drift;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference distributions of a model's input features — numeric histograms and sketches, categorical
 * frequencies — taken from its training data (or a reference window), named so drift events can say what they
 * compared with (e.g. {@code run:<run_id>}). Saved beside the model as JSON and read back where the model serves.
 *
 * <pre>{@code
 * DriftBaseline.Builder b = DriftBaseline.builder("run:" + run.id());
 * for (Row r : trainingRows) b.add(Map.of("amount", r.amount(), "sku", r.sku()));
 * b.build().write(modelDir.resolve("baseline.json"));
 * }</pre>
 */
public final class DriftBaseline {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int FORMAT = 1;

    private final String name;
    private final Map<String, FeatureBaseline> features;

    public DriftBaseline(String name, List<FeatureBaseline> features) {
        this.name = name;
        Map<String, FeatureBaseline> m = new LinkedHashMap<>();
        for (FeatureBaseline f : features) {
            if (m.put(f.feature(), f) != null) {
                throw new IllegalArgumentException("the baseline has feature " + f.feature() + " twice");
            }
        }
        this.features = Collections.unmodifiableMap(m);
    }

    /** A baseline built row by row; numbers make numeric features, text, booleans and enums categorical ones. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** What the baseline is of, e.g. {@code run:3f2a…}; drift events carry it as {@code baseline}. */
    public String name() {
        return name;
    }

    /** The features by name, in the order they were first seen. */
    public Map<String, FeatureBaseline> features() {
        return features;
    }

    /** Writes the baseline as JSON (replacing the file). */
    public void write(Path file) {
        try {
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the drift baseline to " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Reads a baseline {@link #write} wrote. */
    public static DriftBaseline read(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the drift baseline " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The JSON form: {@code {"format":1,"name":…,"features":[{"feature","type","count",…}]}}. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("format", FORMAT);
            g.writeStringField("name", name);
            g.writeArrayFieldStart("features");
            for (FeatureBaseline f : features.values()) {
                g.writeStartObject();
                g.writeStringField("feature", f.feature());
                g.writeNumberField("count", f.count());
                if (f instanceof NumericBaseline n) {
                    g.writeStringField("type", "numeric");
                    g.writeFieldName("edges");
                    g.writeArray(n.edges(), 0, n.edges().length);
                    g.writeFieldName("expected");
                    g.writeArray(n.expected(), 0, n.expected().length);
                    if (n.sketch() != null) {
                        g.writeStringField("kll", Base64.getEncoder().encodeToString(n.sketch().toByteArray()));
                    }
                } else {
                    CategoricalBaseline c = (CategoricalBaseline) f;
                    g.writeStringField("type", "categorical");
                    g.writeObjectFieldStart("counts");
                    for (Map.Entry<String, Long> e : c.counts().entrySet()) {
                        g.writeNumberField(e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads the JSON form. */
    public static DriftBaseline fromJson(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "the baseline");
            String name = null;
            List<FeatureBaseline> features = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "format" -> {
                        if (p.getIntValue() != FORMAT) {
                            throw new IllegalArgumentException("drift baseline format " + p.getText()
                                    + " is not known here (this version reads format " + FORMAT + ")");
                        }
                    }
                    case "name" -> name = p.getText();
                    case "features" -> {
                        expect(t, JsonToken.START_ARRAY, "features");
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            features.add(readFeature(p));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new DriftBaseline(name, features);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a drift baseline: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }

    private static FeatureBaseline readFeature(JsonParser p) throws IOException {
        String feature = null;
        String type = null;
        long count = 0;
        double[] edges = null;
        double[] expected = null;
        byte[] kll = null;
        Map<String, Long> counts = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "feature" -> feature = p.getText();
                case "type" -> type = p.getText();
                case "count" -> count = p.getLongValue();
                case "edges" -> edges = numbers(p, t);
                case "expected" -> expected = numbers(p, t);
                case "kll" -> kll = Base64.getDecoder().decode(p.getText());
                case "counts" -> {
                    expect(t, JsonToken.START_OBJECT, "counts");
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String c = p.currentName();
                        p.nextToken();
                        counts.put(c, p.getLongValue());
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (feature == null) {
            throw new IllegalArgumentException("a feature of the baseline has no \"feature\" name");
        }
        if ("numeric".equals(type)) {
            if (edges == null || expected == null) {
                throw new IllegalArgumentException("numeric feature " + feature + " needs \"edges\" and \"expected\"");
            }
            KllDoublesSketch sketch = kll == null ? null : KllDoublesSketch.heapify(Memory.wrap(kll));
            return new NumericBaseline(feature, edges, expected, count, sketch);
        }
        if ("categorical".equals(type)) {
            return new CategoricalBaseline(feature, counts);
        }
        throw new IllegalArgumentException("feature " + feature + " has type " + type
                + "; expected \"numeric\" or \"categorical\"");
    }

    private static double[] numbers(JsonParser p, JsonToken t) throws IOException {
        expect(t, JsonToken.START_ARRAY, "a number list");
        List<Double> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(p.getDoubleValue());
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void expect(JsonToken got, JsonToken want, String what) {
        if (got != want) {
            throw new IllegalArgumentException("expected " + what + " to be " + want + " but found " + got);
        }
    }

    /** Collects reference rows; not thread-safe. */
    public static final class Builder {
        private final String name;
        private final Map<String, KllDoublesSketch> numeric = new LinkedHashMap<>();
        private final Map<String, Map<String, Long>> categorical = new LinkedHashMap<>();
        private final List<String> order = new ArrayList<>();
        private int bins = NumericBaseline.DEFAULT_BINS;

        private Builder(String name) {
            this.name = name;
        }

        /** Bins per numeric feature (default 10, at quantiles of the reference). */
        public Builder bins(int count) {
            if (count < 2 || count > 100) {
                throw new IllegalArgumentException("a numeric baseline needs 2..100 bins, was " + count);
            }
            this.bins = count;
            return this;
        }

        /** Adds one reference row; {@code null} values are skipped. */
        public Builder add(Map<String, ?> row) {
            for (Map.Entry<String, ?> e : row.entrySet()) {
                Object v = e.getValue();
                if (v == null) {
                    continue;
                }
                String f = e.getKey();
                if (v instanceof Number n) {
                    if (categorical.containsKey(f)) {
                        throw mixed(f);
                    }
                    if (!numeric.containsKey(f)) {
                        order.add(f);
                    }
                    double d = n.doubleValue();
                    if (Double.isFinite(d)) {
                        numeric.computeIfAbsent(f, k -> KllDoublesSketch.newHeapInstance(NumericBaseline.SKETCH_K))
                                .update(d);
                    }
                } else {
                    if (numeric.containsKey(f)) {
                        throw mixed(f);
                    }
                    if (!categorical.containsKey(f)) {
                        order.add(f);
                    }
                    categorical.computeIfAbsent(f, k -> new LinkedHashMap<>()).merge(String.valueOf(v), 1L, Long::sum);
                }
            }
            return this;
        }

        private static IllegalArgumentException mixed(String feature) {
            return new IllegalArgumentException("feature " + feature + " has numbers and text; a feature is either "
                    + "numeric or categorical (send text for categories, numbers for measures)");
        }

        public DriftBaseline build() {
            List<FeatureBaseline> out = new ArrayList<>();
            for (String f : order) {
                out.add(numeric.containsKey(f) ? NumericBaseline.fromSketch(f, numeric.get(f), bins)
                        : new CategoricalBaseline(f, categorical.get(f)));
            }
            return new DriftBaseline(name, out);
        }
    }
}
