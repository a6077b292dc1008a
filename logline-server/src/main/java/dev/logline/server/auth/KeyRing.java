package dev.logline.server.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The keys the server checks requests against, kept in step with the key file: at most once per
 * {@link #RECHECK} a request looks at the file's modification time, size and identity, and reloads it when any
 * changed, so keys made or revoked by {@code logline keys} take effect without a restart. A file that turns
 * unreadable or invalid while the server runs leaves the last good keys in force (and says so in the log).
 */
public final class KeyRing {

    /** How often the key file is looked at, at most. */
    public static final Duration RECHECK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);

    private final KeyFile file;
    private final LongSupplier nanoClock;
    private final AtomicLong nextCheck;
    private volatile Snapshot snapshot;

    private record Stamp(long modifiedMillis, long size, Object identity) {
        static final Stamp ABSENT = new Stamp(-1, -1, null);
    }

    private record Snapshot(Stamp stamp, Map<String, StoredKey> byId, int active) {
    }

    private KeyRing(KeyFile file, LongSupplier nanoClock) {
        this.file = file;
        this.nanoClock = nanoClock;
        this.nextCheck = new AtomicLong(nanoClock.getAsLong() + RECHECK.toNanos());
        this.snapshot = file == null ? new Snapshot(Stamp.ABSENT, Map.of(), 0) : load(file);
    }

    /**
     * The keys of a key file (none when it does not exist yet; it is watched for being created).
     *
     * @throws KeyFileException when the file exists but cannot be read or is invalid: a server must not start on
     *                          keys it cannot check
     */
    public static KeyRing watching(KeyFile file) {
        return new KeyRing(Objects.requireNonNull(file, "file"), System::nanoTime);
    }

    /** As {@link #watching(KeyFile)} with the clock that paces the re-checks (tests advance their own). */
    static KeyRing watching(KeyFile file, LongSupplier nanoClock) {
        return new KeyRing(Objects.requireNonNull(file, "file"), nanoClock);
    }

    /** No key file at all: an embedded server without a data directory. */
    public static KeyRing none() {
        return new KeyRing(null, System::nanoTime);
    }

    /** The key file watched, or {@code null} for {@link #none()}. */
    public KeyFile file() {
        return file;
    }

    /** Whether the file holds any key, active or revoked: then every request must bring an active one. */
    public boolean hasKeys() {
        return !current().byId().isEmpty();
    }

    /** How many keys are not revoked. */
    public int activeKeys() {
        return current().active();
    }

    /** The stored key whose secret the token carries (revoked or not), or {@code null} when none matches. */
    public StoredKey find(ApiKeyToken token) {
        StoredKey key = current().byId().get(token.id());
        return key != null && key.matches(token.secret()) ? key : null;
    }

    private Snapshot current() {
        long now = nanoClock.getAsLong();
        long due = nextCheck.get();
        // One caller per second wins the right to look at the file; everyone else uses what is loaded.
        if (file != null && now - due >= 0 && nextCheck.compareAndSet(due, now + RECHECK.toNanos())) {
            Snapshot before = snapshot;
            Stamp stamp = stampOf(file);
            if (!stamp.equals(before.stamp())) {
                try {
                    snapshot = load(file);
                    LOG.info("reloaded API keys from {}: {} active of {}", file.path(), snapshot.active(),
                            snapshot.byId().size());
                } catch (KeyFileException e) {
                    // Keep the last good keys; remember the stamp so the broken file is not re-read every second.
                    snapshot = new Snapshot(stamp, before.byId(), before.active());
                    LOG.error("{}; the keys loaded before stay in force", e.getMessage());
                }
            }
        }
        return snapshot;
    }

    private static Snapshot load(KeyFile file) {
        // Stamp first: a change landing between the stat and the read is then seen again at the next check.
        Stamp stamp = stampOf(file);
        List<StoredKey> keys = file.read();
        Map<String, StoredKey> byId = new HashMap<>();
        int active = 0;
        for (StoredKey k : keys) {
            byId.put(k.id(), k);
            if (!k.revoked()) {
                active++;
            }
        }
        return new Snapshot(stamp, Map.copyOf(byId), active);
    }

    private static Stamp stampOf(KeyFile file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file.path(), BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return Stamp.ABSENT;
        } catch (IOException e) {
            // Unknown: a stamp that matches nothing, so the next check tries again and load() reports the error.
            return new Stamp(-2, -2, e.toString());
        }
    }
}
