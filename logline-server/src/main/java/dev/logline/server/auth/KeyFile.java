package dev.logline.server.auth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logline.server.documents.AtomicFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The API keys of one data directory, in {@code <data>/keys.json}. Every change is a read-modify-write under an
 * exclusive lock on {@code keys.json.lock} (so two {@code logline keys} runs cannot lose each other's key), written
 * to a temporary file, fsync'd, then renamed over the old file, so a reader (the running server) sees the old or
 * the new file and never half of one. The file is created readable by its owner only (mode 600) where the file
 * system has POSIX permissions. It holds hashes, never secrets.
 */
public final class KeyFile {

    public static final String FILE_NAME = "keys.json";
    private static final int FORMAT_VERSION = 1;
    /** The store's rule for tenant names (they become directory names). */
    private static final Pattern TENANT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** File locks are per process; threads of one process (tests, an embedding app) queue here first. */
    private static final Object IN_PROCESS = new Object();

    private final Path path;

    private KeyFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The key file of a data directory. */
    public static KeyFile in(Path dataDir) {
        return new KeyFile(dataDir.resolve(FILE_NAME));
    }

    /** The key file at exactly this path. */
    public static KeyFile at(Path path) {
        return new KeyFile(path);
    }

    public Path path() {
        return path;
    }

    /**
     * Every key in the file, revoked ones included, in the order they were made; empty when there is no file.
     *
     * @throws KeyFileException when the file cannot be read or is not a key file
     */
    public List<StoredKey> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new KeyFileException("cannot read the key file " + path + ": " + e + "; check its permissions", e);
        }
        try {
            return parse(bytes);
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException("the key file " + path + " is not valid: " + e.getMessage()
                    + "; restore it from a backup or move it away and create new keys", e);
        }
    }

    /**
     * Makes a key that never expires and stores its hash.
     *
     * @param name a label for people; may be null or empty
     * @throws IllegalArgumentException when the tenant is not a valid tenant name
     */
    public IssuedKey create(Role role, String tenant, String name) {
        return create(role, tenant, name, null);
    }

    /**
     * Makes a key and stores its hash.
     *
     * @param name      a label for people; may be null or empty
     * @param expiresAt when the key stops being accepted, or {@code null} for never
     * @throws IllegalArgumentException when the tenant is not a valid tenant name ({@code *}, every tenant, only for
     *                                  an admin key), or the expiry is not in the future
     */
    public IssuedKey create(Role role, String tenant, String name, Instant expiresAt) {
        Objects.requireNonNull(role, "role");
        checkTenant(role, tenant);
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new IllegalArgumentException("the expiry " + expiresAt + " is not in the future");
        }
        return underLock(() -> {
            List<StoredKey> keys = new ArrayList<>(read());
            ApiKeyToken token;
            do {
                token = ApiKeyToken.generate();
            } while (find(keys, token.id()) != null);
            StoredKey key = StoredKey.issue(token, name == null ? "" : name.trim(), role, tenant, Instant.now(),
                    expiresAt);
            keys.add(key);
            write(keys);
            return new IssuedKey(key, token);
        });
    }

    /**
     * Marks a key revoked (it stays in the file, so its id keeps meaning something in the audit log). Revoking a
     * revoked key changes nothing.
     *
     * @return the key as now stored
     * @throws NoSuchElementException when no key has this id
     */
    public StoredKey revoke(String id) {
        return underLock(() -> {
            List<StoredKey> keys = new ArrayList<>(read());
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i).id().equals(id)) {
                    StoredKey revoked = keys.get(i).revoke(Instant.now());
                    if (revoked != keys.get(i)) {
                        keys.set(i, revoked);
                        write(keys);
                    }
                    return revoked;
                }
            }
            throw new NoSuchElementException("no key with id '" + id + "' in " + path
                    + "; `logline keys list` shows the ids");
        });
    }

    /**
     * Checks a tenant name for a key of this role.
     *
     * @throws IllegalArgumentException saying what a tenant name may be
     */
    public static void checkTenant(Role role, String tenant) {
        if (StoredKey.ORG_WIDE.equals(tenant)) {
            if (role != Role.ADMIN) {
                throw new IllegalArgumentException("tenant '*' (every tenant) is for admin keys only; give an "
                        + role.text() + " key one tenant");
            }
            return;
        }
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("invalid tenant '" + tenant + "': use 1-64 letters, digits, '_', '.' "
                    + "or '-', not starting with '.' or '-' (or '*' for an admin of every tenant)");
        }
    }

    /** Whether {@code tenant} is a valid name of one tenant. */
    public static boolean isTenantName(String tenant) {
        return tenant != null && TENANT.matcher(tenant).matches();
    }

    private static StoredKey find(List<StoredKey> keys, String id) {
        for (StoredKey k : keys) {
            if (k.id().equals(id)) {
                return k;
            }
        }
        return null;
    }

    private interface Change<T> {
        T apply() throws IOException;
    }

    private <T> T underLock(Change<T> change) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Path lockPath = path.resolveSibling(path.getFileName() + ".lock");
            synchronized (IN_PROCESS) {
                try (FileChannel lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockChannel.lock()) {
                    return change.apply();
                }
            }
        } catch (IOException e) {
            throw new KeyFileException("cannot write the key file " + path + ": " + e
                    + "; check that the data directory exists and is writable", e);
        }
    }

    private void write(List<StoredKey> keys) throws IOException {
        AtomicFile.write(path, render(keys), true);
    }

    static byte[] render(List<StoredKey> keys) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", FORMAT_VERSION);
            g.writeArrayFieldStart("keys");
            for (StoredKey k : keys) {
                g.writeStartObject();
                k.writeDescription(g);
                if (k.expiresAt() != null) {
                    g.writeStringField("expires", k.expiresAt().toString());
                }
                g.writeStringField("sha256", k.secretHash());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static List<StoredKey> parse(byte[] bytes) throws IOException {
        JsonNode root = JSON.readTree(bytes);
        if (root == null || !root.isObject() || !root.path("keys").isArray()) {
            throw new IllegalArgumentException("expected {\"version\": 1, \"keys\": [...]}");
        }
        int version = root.path("version").asInt(FORMAT_VERSION);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("format version " + version + " is not known to this Logline (knows "
                    + FORMAT_VERSION + ")");
        }
        List<StoredKey> keys = new ArrayList<>();
        int i = 0;
        for (JsonNode k : root.get("keys")) {
            try {
                String id = text(k, "id");
                if (!ApiKeyToken.isId(id)) {
                    throw new IllegalArgumentException("id '" + id + "' is not 12 hex digits");
                }
                String hash = text(k, "sha256");
                if (!hash.matches("[0-9a-f]{64}")) {
                    throw new IllegalArgumentException("sha256 is not 64 hex digits");
                }
                boolean revoked = k.path("revoked").asBoolean(false);
                Instant created = Instant.parse(text(k, "created"));
                Instant revokedAt = !revoked ? null
                        : k.hasNonNull("revoked_at") ? Instant.parse(k.get("revoked_at").asText()) : created;
                Role role = Role.parse(text(k, "role"));
                String tenant = text(k, "tenant");
                checkTenant(role, tenant);
                Instant expires = k.hasNonNull("expires") ? Instant.parse(k.get("expires").asText()) : null;
                keys.add(new StoredKey(id, k.path("name").asText(""), role, tenant, created, revokedAt, hash, expires));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalArgumentException("key #" + (i + 1) + ": " + e.getMessage(), e);
            }
            i++;
        }
        return List.copyOf(keys);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing or empty \"" + field + "\"");
        }
        return v.asText();
    }
}
