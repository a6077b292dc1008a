package dev.logline.server.auth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.server.documents.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each API key was last accepted, kept in memory as requests arrive and written to {@code keys-used.json} beside
 * the key file at most once per {@link #WRITE_EVERY} (and when the server stops), so {@code logline keys list} can
 * show keys nobody uses any more. A separate file: the key file is the operator's, and a request must never write
 * it. Times are to the minute; a server that dies loses at most the last interval.
 */
public final class KeyUsage {

    public static final String FILE_NAME = "keys-used.json";
    /** How often the file is rewritten, at most. */
    public static final Duration WRITE_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(KeyUsage.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Instant> lastUsed = new ConcurrentHashMap<>();
    private volatile boolean dirty;
    private volatile long nextWrite = System.nanoTime() + WRITE_EVERY.toNanos();

    private KeyUsage(Path file) {
        this.file = file;
        lastUsed.putAll(read(file));
    }

    /** The usage record beside a key file. */
    public static KeyUsage beside(KeyFile keys) {
        return new KeyUsage(keys.path().resolveSibling(FILE_NAME));
    }

    /** The last use of every key that was ever used, from the file beside the key file (for {@code keys list}). */
    public static Map<String, Instant> lastUses(KeyFile keys) {
        return read(keys.path().resolveSibling(FILE_NAME));
    }

    /** Notes a use now; the file is written when the interval has passed. Cheap: called on every accepted request. */
    public void used(String keyId) {
        Instant now = Instant.now();
        Instant before = lastUsed.get(keyId);
        if (before == null || Duration.between(before, now).toSeconds() >= 60) {
            lastUsed.put(keyId, now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            dirty = true;
        }
        if (dirty && System.nanoTime() - nextWrite >= 0) {
            write();
        }
    }

    /** Writes the file now if anything changed since it was last written. */
    public synchronized void write() {
        nextWrite = System.nanoTime() + WRITE_EVERY.toNanos();
        if (!dirty) {
            return;
        }
        dirty = false;
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                for (Map.Entry<String, Instant> e : new TreeMap<>(lastUsed).entrySet()) {
                    g.writeStringField(e.getKey(), e.getValue().toString());
                }
                g.writeEndObject();
            }
            AtomicFile.write(file, out.toByteArray(), true);
        } catch (IOException e) {
            dirty = true;
            LOG.warn("cannot write {} ({}); key last-use times are kept in memory and written later", file, e.toString());
        }
    }

    private static Map<String, Instant> read(Path file) {
        Map<String, Instant> out = new HashMap<>();
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root != null && root.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    try {
                        out.put(e.getKey(), Instant.parse(e.getValue().asText()));
                    } catch (DateTimeParseException skip) {
                        // an unreadable entry only loses its own time
                    }
                }
            }
        } catch (NoSuchFileException none) {
            // no key was used yet
        } catch (IOException | RuntimeException e) {
            LOG.warn("ignoring unreadable {} ({}); last-use times start afresh", file, e.toString());
        }
        return out;
    }
}
