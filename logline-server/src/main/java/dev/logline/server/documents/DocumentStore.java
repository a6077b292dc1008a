package dev.logline.server.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The small JSON documents users keep on the server — saved searches, dashboards, alert rules and their state — one
 * file each, {@code <data>/documents/<tenant>/<kind>/<id>.json}, replaced atomically ({@link AtomicFile}) so a crash
 * leaves the old version or the new one. Tenants never see each other's documents: every call names its tenant.
 * Changes carry the version they were based on, and a stale one fails with {@link VersionConflictException} instead
 * of overwriting someone else's change. Thread-safe; meant for thousands of documents, not millions.
 *
 * <pre>
 * file := {"id": ..., "version": n, "owner": ..., "updated": "RFC 3339", "body": {...}}
 * </pre>
 */
public final class DocumentStore {

    /** Kinds and ids become path segments: letters, digits, '_', '-', '.', not starting with '.' or '-'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Matches any version in {@link #put}. */
    public static final long ANY_VERSION = -1;

    private final Path root;
    private final Clock clock;

    private DocumentStore(Path root, Clock clock) {
        this.root = root;
        this.clock = clock;
    }

    /** The documents of a data directory, under {@code <data>/documents}. */
    public static DocumentStore in(Path dataDir) {
        return new DocumentStore(dataDir.resolve("documents"), Clock.systemUTC());
    }

    /** Documents under {@code root} with the given clock (tests). */
    public static DocumentStore at(Path root, Clock clock) {
        return new DocumentStore(root, clock);
    }

    /** A new random id: 16 hex digits. */
    public static String newId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** Every document of a kind in a tenant, oldest change first. */
    public synchronized List<StoredDocument> list(String tenant, String kind) {
        Path dir = dir(tenant, kind);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<StoredDocument> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                StoredDocument d = read(f);
                if (d != null) {
                    out.add(d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        out.sort(Comparator.comparing(StoredDocument::updated).thenComparing(StoredDocument::id));
        return out;
    }

    /** The tenants that have documents of any kind, sorted. */
    public synchronized List<String> tenants() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> NAME.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    public synchronized Optional<StoredDocument> get(String tenant, String kind, String id) {
        return Optional.ofNullable(read(file(tenant, kind, id)));
    }

    /** Stores a new document under a new id, version 1. */
    public synchronized StoredDocument create(String tenant, String kind, String owner, ObjectNode body) {
        String id = newId();
        while (Files.exists(file(tenant, kind, id))) {
            id = newId();
        }
        StoredDocument d = new StoredDocument(id, 1, owner, clock.instant(), body.deepCopy());
        write(tenant, kind, d);
        return d;
    }

    /**
     * Replaces a document (creating it under this id when absent and {@code expectedVersion} is
     * {@link #ANY_VERSION} or 0).
     *
     * @param expectedVersion the version the change was based on, or {@link #ANY_VERSION}
     * @throws VersionConflictException when the document is at another version
     */
    public synchronized StoredDocument put(String tenant, String kind, String id, String owner, ObjectNode body,
                                           long expectedVersion) {
        StoredDocument old = read(file(tenant, kind, id));
        long current = old == null ? 0 : old.version();
        if (expectedVersion != ANY_VERSION && expectedVersion != current) {
            throw new VersionConflictException(kind + " " + id, expectedVersion, current);
        }
        StoredDocument d = new StoredDocument(id, current + 1, old == null ? owner : old.owner(), clock.instant(),
                body.deepCopy());
        write(tenant, kind, d);
        return d;
    }

    /** Deletes a document; false when there was none. */
    public synchronized boolean delete(String tenant, String kind, String id) {
        Path f = file(tenant, kind, id);
        try {
            boolean deleted = Files.deleteIfExists(f);
            if (deleted) {
                AtomicFile.syncDirectory(f.getParent());
            }
            return deleted;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + f, e);
        }
    }

    private void write(String tenant, String kind, StoredDocument d) {
        Path f = file(tenant, kind, d.id());
        try {
            Files.createDirectories(f.getParent());
            ObjectNode file = JSON.createObjectNode();
            file.put("id", d.id());
            file.put("version", d.version());
            file.put("owner", d.owner());
            file.put("updated", d.updated().toString());
            file.set("body", d.body());
            AtomicFile.write(f, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(file), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    private static StoredDocument read(Path f) {
        JsonNode n;
        try {
            n = JSON.readTree(Files.readAllBytes(f));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
        if (!(n instanceof ObjectNode o) || !(o.get("body") instanceof ObjectNode body) || !o.hasNonNull("id")) {
            throw new IllegalStateException(f + " is not a Logline document (id, version, owner, updated, body)");
        }
        return new StoredDocument(o.get("id").asText(), o.path("version").asLong(1), o.path("owner").asText(""),
                Instant.parse(o.path("updated").asText("1970-01-01T00:00:00Z")), body);
    }

    private Path dir(String tenant, String kind) {
        return root.resolve(checked("tenant", tenant)).resolve(checked("kind", kind));
    }

    private Path file(String tenant, String kind, String id) {
        return dir(tenant, kind).resolve(checked("id", id) + ".json");
    }

    private static String checked(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' must be 1-64 of A-Z a-z 0-9 _ . -, not "
                    + "starting with . or -");
        }
        return name;
    }
}
