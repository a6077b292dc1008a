package dev.logline.server.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin and query actions as JSON lines in {@code <data>/audit.log} (mode 600 where POSIX), rolled to
 * {@code audit.log.1} when it reaches its size cap, so at most two files of about the cap exist. Each line is
 * one append with {@code O_APPEND}, so the server and a {@code logline keys} run can write side by side. Lines are
 * not fsync'd: the audit trail is for people reading it, and a crash losing the last lines is acceptable where an
 * fsync per query is not.
 */
public final class AuditLog {

    public static final String FILE_NAME = "audit.log";
    /** 50 MiB, then one older file is kept. */
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final Path path;
    private final long maxBytes;
    private boolean warned;

    private AuditLog(Path path, long maxBytes) {
        this.path = Objects.requireNonNull(path, "path");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("audit log size cap must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The audit log of a data directory, with the default cap. */
    public static AuditLog in(Path dataDir) {
        return new AuditLog(dataDir.resolve(FILE_NAME), DEFAULT_MAX_BYTES);
    }

    /** An audit log at this path, rolled at {@code maxBytes}. */
    public static AuditLog at(Path path, long maxBytes) {
        return new AuditLog(path, maxBytes);
    }

    public Path path() {
        return path;
    }

    /** The file the log rolls into. */
    public Path previous() {
        return path.resolveSibling(path.getFileName() + ".1");
    }

    /**
     * Appends one line. Failures (a full disk) are logged once and otherwise ignored: an audit hiccup must not fail
     * the request it describes.
     */
    public synchronized void append(AuditEntry e) {
        byte[] line = render(e);
        try {
            rollIfFull();
            try (FileChannel ch = open()) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
            warned = false;
        } catch (IOException ex) {
            if (!warned) {
                LOG.error("cannot write the audit log {}: {}", path, ex.toString());
                warned = true;
            }
        }
    }

    private FileChannel open() throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            return FileChannel.open(path, options, ownerOnly);
        }
        return FileChannel.open(path, options);
    }

    private void rollIfFull() throws IOException {
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            return;
        }
        if (size >= maxBytes) {
            Files.move(path, previous(), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static byte[] render(AuditEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("ts", e.ts().toString());
            g.writeStringField("who", e.who());
            if (e.role() != null) {
                g.writeStringField("role", e.role());
            }
            if (e.tenant() != null) {
                g.writeStringField("tenant", e.tenant());
            }
            g.writeStringField("method", e.method());
            g.writeStringField("path", e.path());
            if (e.query() != null && !e.query().isEmpty()) {
                g.writeStringField("query", e.query());
            }
            g.writeNumberField("status", e.status());
            if (e.remote() != null) {
                g.writeStringField("remote", e.remote());
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new IllegalStateException("writing JSON to memory cannot fail", ex);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
