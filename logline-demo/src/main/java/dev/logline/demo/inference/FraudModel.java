package dev.logline.demo.inference;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The order-scoring model the inference service serves: a stable, version-dependent score in [0, 1) for an order's
 * features, so equal orders score equally and the versions can be compared in the logs.
 */
final class FraudModel {

    /** The version most traffic is scored with. */
    static final String STABLE_VERSION = "fraud-gbm-2026.11.2";
    /** The release candidate that takes {@link #CANARY_SHARE} of the traffic. */
    static final String CANARY_VERSION = "fraud-gbm-2026.12.0-rc1";
    static final double CANARY_SHARE = 0.10;

    private FraudModel() {
    }

    /** A short, stable fingerprint of the features, logged so a score can be reproduced offline. */
    static String featuresHash(String customer, String sku, double amount) {
        return digestHex(customer + "|" + sku + "|" + amount).substring(0, 12);
    }

    /** The model's risk score of an order. */
    static double score(String modelVersion, String customer, String sku, double amount) {
        String d = digestHex(modelVersion + "|" + customer + "|" + sku);
        double base = Integer.parseInt(d.substring(0, 4), 16) / 65_536.0;
        // Larger baskets are a little riskier; the canary weighs them more, which the logs should reveal.
        double weight = CANARY_VERSION.equals(modelVersion) ? 0.004 : 0.002;
        return Math.min(0.999, Math.round((base * 0.6 + amount * weight) * 1000) / 1000.0);
    }

    private static String digestHex(String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
