package dev.logline.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The settings file of {@code logline server --config FILE}: Java properties with the keys in {@link #KEYS}.
 * A flag on the command line wins over an environment variable, which wins over this file, which wins over the
 * built-in default.
 */
final class ServerSettingsFile {

    /** Every key the file may hold; anything else is a mistake the user should hear about. */
    static final List<String> KEYS = List.of(
            "port", "data", "bind", "syslog.port", "retention.days", "retention.max-bytes", "no-auth", "store.keys",
            "alerts", "dashboards", "dashboards.concurrency",
            "store", "opensearch.url", "opensearch.user", "opensearch.password", "opensearch.ca",
            "opensearch.index-prefix", "opensearch.shards", "opensearch.replicas",
            "kafka.bootstrap", "kafka.topics", "kafka.topic-pattern", "kafka.group", "kafka.tenant",
            "redaction", "redaction.rules", "redaction.key", "tls.cert", "tls.key", "query.timeout", "query.max-memory",
            "query.max-groups", "query.max-terms", "query.max-per-key", "query.max-concurrent");

    /** Keys under this prefix pass a setting to the Kafka consumer ({@code kafka.property.security.protocol=SSL}). */
    static final String KAFKA_PROPERTY_PREFIX = "kafka.property.";

    private final Path path;
    private final Properties values;

    private ServerSettingsFile(Path path, Properties values) {
        this.path = path;
        this.values = values;
    }

    /**
     * Reads and checks a settings file.
     *
     * @throws IllegalArgumentException naming the file and the unknown keys, or why it could not be read
     */
    static ServerSettingsFile read(Path path) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the settings file " + path + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Properties.load's only complaint: a backslash-u not followed by four hex digits.
            throw new IllegalArgumentException("the settings file " + path + " has a malformed \\uXXXX escape ("
                    + e.getMessage() + "); write a backslash as \\\\", e);
        }
        TreeSet<String> unknown = new TreeSet<>(p.stringPropertyNames());
        unknown.removeAll(KEYS);
        unknown.removeIf(k -> k.startsWith(KAFKA_PROPERTY_PREFIX) && k.length() > KAFKA_PROPERTY_PREFIX.length());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + " in " + path + "; known: " + KEYS + " and " + KAFKA_PROPERTY_PREFIX + "<consumer setting>");
        }
        return new ServerSettingsFile(path, p);
    }

    /** The trimmed value of a key, or {@code null} when the file does not set it. */
    String get(String key) {
        String v = values.getProperty(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The values of every key under a prefix, by the rest of the key. */
    java.util.Map<String, String> withPrefix(String prefix) {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        for (String k : values.stringPropertyNames()) {
            if (k.startsWith(prefix) && get(k) != null) {
                out.put(k.substring(prefix.length()), get(k));
            }
        }
        return out;
    }

    /** A key's value as {@code true} or {@code false} (any case); unset is {@code false}. */
    boolean getBoolean(String key) {
        String v = get(key);
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException("setting '" + key + "' in " + path + " must be true or false, was '" + v + "'");
    }

    /** A key's value as a whole number. */
    long getLong(String key, long otherwise) {
        String v = get(key);
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' in " + path + " must be a whole number, was '" + v + "'");
        }
    }

    /** A key's value as a whole number that fits an int (a port, days): a larger one is refused, never wrapped round. */
    int getInt(String key, int otherwise) {
        long v = getLong(key, otherwise);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("setting '" + key + "' in " + path + " is out of range, was '" + get(key)
                    + "'");
        }
        return (int) v;
    }
}
