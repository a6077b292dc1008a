package dev.logline.demo.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The order-scoring model the inference service serves: logistic regression over {@link OrderFeatures}, trained
 * by the demo's training job and saved as JSON beside its drift baseline.
 *
 * @param version the model version it is served and logged as
 * @param runId   the training run that produced it
 */
public record FraudModel(String version, String runId, double[] weights, double bias) {

    private static final JsonFactory JSON = new JsonFactory();

    public FraudModel {
        if (weights.length != OrderFeatures.SIZE) {
            throw new IllegalArgumentException("model " + version + " has " + weights.length + " weights; the "
                    + "features need " + OrderFeatures.SIZE + " (retrain it with this version of the demo)");
        }
        weights = weights.clone();
    }

    /** The probability that an order is fraudulent. */
    public double score(OrderFeatures f) {
        return probability(f.vector());
    }

    /** The model's output for an input vector. */
    public double probability(double[] x) {
        double z = bias;
        for (int i = 0; i < weights.length; i++) {
            z += weights[i] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    /** A short, stable fingerprint of the features, logged so a score can be reproduced offline. */
    public static String featuresHash(String customer, String sku, double amount) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest((customer + "|" + sku + "|" + amount).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Writes the model as JSON. */
    public void save(Path file) {
        try (JsonGenerator g = JSON.createGenerator(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("version", version);
            g.writeStringField("run_id", runId);
            g.writeNumberField("bias", bias);
            g.writeFieldName("weights");
            g.writeArray(weights, 0, weights.length);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model to " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model {@link #save} wrote. */
    public static FraudModel load(Path file) {
        try (JsonParser p = JSON.createParser(Files.readString(file, StandardCharsets.UTF_8))) {
            String version = null;
            String runId = null;
            double bias = 0;
            List<Double> weights = new ArrayList<>();
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "version" -> version = p.getText();
                    case "run_id" -> runId = p.getText();
                    case "bias" -> bias = p.getDoubleValue();
                    case "weights" -> {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            weights.add(p.getDoubleValue());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return new FraudModel(version, runId, weights.stream().mapToDouble(Double::doubleValue).toArray(), bias);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }
}
